import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogRequestMessage, contractAgreementVerificationMessage, newPid, pullDataAddress, readPullDataAddress, transferRequestMessage, transferStartMessage } from './dsp-messages';
import { DSP_SCHEMA_IDS, validateDspMessage, type DspMessageKind } from './dsp-validator';

const SCHEMAS = path.resolve(import.meta.dirname, 'schemas');
// The official examples, copied beside the schemas (Apache-2.0, see schemas/LICENSE).
const EXAMPLES = SCHEMAS;

describe('DSP validation', () => {
  it('loads every official *-schema.json copied into the repo', () => {
    const files = fs.readdirSync(SCHEMAS, { recursive: true }).map(String).filter((f) => f.endsWith('-schema.json'));
    expect(files.length).toBe(26);
  });

  it('accepts the official examples of every message kind and refuses them as another kind', () => {
    const kinds = Object.keys(DSP_SCHEMA_IDS) as DspMessageKind[];
    let checked = 0;
    for (const area of ['catalog', 'negotiation', 'transfer']) {
      for (const file of fs.readdirSync(path.join(EXAMPLES, area, 'example'))) {
        const example = JSON.parse(fs.readFileSync(path.join(EXAMPLES, area, 'example', file), 'utf8')) as { '@type'?: string };
        const kind = kinds.find((k) => k === example['@type']);
        if (!kind) continue;
        expect(validateDspMessage(kind, example), file).toEqual({ valid: true, errors: [] });
        expect(validateDspMessage(kind === 'TransferProcess' ? 'ContractNegotiation' : 'TransferProcess', example).valid).toBe(false);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(18);
  });

  it('builds valid messages and round-trips a pull data address', () => {
    expect(validateDspMessage('CatalogRequestMessage', catalogRequestMessage()).valid).toBe(true);
    expect(validateDspMessage('ContractAgreementVerificationMessage', contractAgreementVerificationMessage({ providerPid: newPid(), consumerPid: newPid() })).valid).toBe(true);
    expect(validateDspMessage('TransferRequestMessage', transferRequestMessage({ consumerPid: newPid(), agreementId: newPid(), callbackAddress: 'https://x' })).valid).toBe(true);
    const expiresAt = new Date(Date.now() + 60_000);
    const start = transferStartMessage({ providerPid: newPid(), consumerPid: newPid(), dataAddress: pullDataAddress({ endpoint: 'http://p/fhir/r4', token: 't', expiresAt }) });
    expect(start.dataAddress && readPullDataAddress(start.dataAddress)).toEqual({ endpoint: 'http://p/fhir/r4', token: 't', expiresAt });
  });

  it('refuses a message without context or ids', () => {
    const result = validateDspMessage('ContractRequestMessage', { '@type': 'ContractRequestMessage', offer: {} });
    expect(result.valid).toBe(false);
    expect(result.errors.join(' ')).toMatch(/@context|consumerPid/);
  });
});
