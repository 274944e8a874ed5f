import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { toConsentResource } from '@/server/dataspace/authority/consent-resource';
import { signReceiptFor } from '@/server/dataspace/authority/consent-receipts';
import { generateParticipantKeyPair, publicJwks } from '@/server/dataspace/protocol/participant-keys';

const run = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.resolve('scripts/receipt-verify.ts'), ...args], { encoding: 'utf8', env: { ...process.env, AUTHORITY_URL: 'http://127.0.0.1:9' } });

describe('npm run receipt:verify', () => {
  it('says VALID with the content for a genuine receipt, NOT VALID for a tampered one or another key, and exits 0 / 2 / 1', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'receipt-'));
    const key = await generateParticipantKeyPair();
    const consent = toConsentResource({ consentId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d', version: 1, patient: '1958031500017', recorded: new Date(), authority: 'ehealth-agency' }, [{ id: 'r', decision: 'deny', purpose: 'HRESCH', organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null }]);
    const receipt = await signReceiptFor(consent, { patient: '1958031500017', version: 1, recordedBy: 'd4h-clinic:patient:1958031500017' }, { id: 'ehealth-agency', key, withdrawalUrl: 'http://127.0.0.1:3000/my-data' });
    fs.writeFileSync(path.join(dir, 'r.jws'), receipt);
    fs.writeFileSync(path.join(dir, 'jwks.json'), JSON.stringify(publicJwks(key)));
    fs.writeFileSync(path.join(dir, 'other.json'), JSON.stringify(publicJwks(await generateParticipantKeyPair())));
    const [h, p, s] = receipt.split('.');
    fs.writeFileSync(path.join(dir, 'tampered.jws'), [h, Buffer.from(Buffer.from(p!, 'base64url').toString().replace('"deny"', '"permit"')).toString('base64url'), s].join('.'));

    const ok = run([path.join(dir, 'r.jws'), '--jwks', path.join(dir, 'jwks.json')]);
    expect(ok.stdout).toMatch(/^VALID: signed by ehealth-agency/);
    expect(ok.stdout).toContain('deny   HRESCH');
    expect(ok.status).toBe(0);
    const tampered = run([path.join(dir, 'tampered.jws'), '--jwks', path.join(dir, 'jwks.json')]);
    expect(tampered.stdout).toMatch(/^NOT VALID \(bad-signature\)/);
    expect(tampered.status).toBe(2);
    const other = run([path.join(dir, 'r.jws'), '--jwks', path.join(dir, 'other.json')]);
    expect(other.stdout).toMatch(/^NOT VALID \(unknown-key\)/);
    expect(run([path.join(dir, 'r.jws')]).status).toBe(1); // the default authority URL does not answer here
    expect(run([]).stderr).toContain('usage');
  }, 60_000);
});
