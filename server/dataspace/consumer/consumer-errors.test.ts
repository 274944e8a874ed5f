import { describe, expect, it } from 'vitest';
import { DspRefusal } from '@/server/dataspace/protocol/dsp-client';
import { classifyDspError, ContractRefused, ProviderUnreachable } from './consumer-errors';

describe('classifyDspError', () => {
  it('says in words why a provider could not be reached, keeping the socket code', () => {
    const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    const error = classifyDspError('moselle-clinic', refused);
    expect(error).toBeInstanceOf(ProviderUnreachable);
    expect(error.reason).toBe('its server refuses connections (not running) (ECONNREFUSED)');
    expect(classifyDspError('moselle-clinic', Object.assign(new TypeError('x'), { cause: { code: 'EWEIRD' } })).reason).toBe('EWEIRD');
  });

  it('treats a 5xx as a provider in trouble and a 4xx as its refusal, with the reason it gave', () => {
    expect(classifyDspError('alzette-hospital', new DspRefusal(503, {}, 'x'))).toEqual(new ProviderUnreachable('alzette-hospital', 'answered 503'));
    const refused = classifyDspError('alzette-hospital', new DspRefusal(403, { code: 'policy', reason: ['no offer for MLTRAIN'] }, 'x'));
    expect(refused).toBeInstanceOf(ContractRefused);
    expect(refused.reason).toBe('403 policy: no offer for MLTRAIN');
  });

  it('treats a timeout as unreachable', () => {
    expect(classifyDspError('research-institute', new DOMException('signal timed out', 'TimeoutError')).reason).toBe('timed out');
  });

  it('summarises an HTML page or a long text instead of dumping it', () => {
    const page = `<!DOCTYPE html><html><head><title>404: This page could not be found.</title></head><body>${'<div>x</div>'.repeat(500)}</body></html>`;
    const html = classifyDspError('d4h-clinic', new DspRefusal(404, page, 'x'));
    expect(html.reason).toBe('404 an HTML page ("404: This page could not be found."), not a DSP answer');
    expect(classifyDspError('d4h-clinic', new DspRefusal(404, '<html><body>nope</body></html>', 'x')).reason).toBe('404 an HTML page, not a DSP answer');
    const long = classifyDspError('moselle-clinic', new DspRefusal(400, `bad\n${'word '.repeat(100)}`, 'x')).reason;
    expect(long.length).toBeLessThanOrEqual(4 + 160);
    expect(long).toMatch(/^400 bad word word .*…$/);
    expect(classifyDspError('moselle-clinic', new DspRefusal(400, { reason: ['r'.repeat(1000)] }, 'x')).reason.length).toBeLessThanOrEqual(4 + 160);
  });
});
