import { describe, expect, it } from 'vitest';
import { ZChangeInputSchema } from './change.schema';

const base = { baseVersion: 2, idempotencyKey: '6f1c2b9e-8d0a-4c3e-9b1a-2f5d7e8c9a01' };

describe('consent.change input', () => {
  it('takes every kind of choice the dashboard sends', () => {
    for (const choice of [
      { kind: 'purpose', purpose: 'HRESCH', allow: false },
      { kind: 'secondary-opt-out' },
      { kind: 'block', target: 'organisation', id: 'alzette-hospital' },
      { kind: 'block', target: 'professional', id: 'elena.rossi@alzette.example' },
      { kind: 'hide', category: 'genomics' },
      { kind: 'emergency', allow: false },
      { kind: 'remove', ruleId: '0b6d1a52-2a9e-4d16-8e47-0a3c6f1b2d33' },
    ]) {
      expect(ZChangeInputSchema.safeParse({ ...base, choice }).success, JSON.stringify(choice)).toBe(true);
    }
  });

  it('refuses an unknown organisation, a professional that is no e-mail address, a purpose one cannot choose, and a missing key', () => {
    expect(ZChangeInputSchema.safeParse({ ...base, choice: { kind: 'block', target: 'organisation', id: 'evil-corp' } }).success).toBe(false);
    expect(ZChangeInputSchema.safeParse({ ...base, choice: { kind: 'block', target: 'professional', id: 'not an address' } }).success).toBe(false);
    expect(ZChangeInputSchema.safeParse({ ...base, choice: { kind: 'purpose', purpose: 'ETREAT', allow: true } }).success).toBe(false);
    expect(ZChangeInputSchema.safeParse({ baseVersion: 2, choice: { kind: 'secondary-opt-out' } }).success).toBe(false);
  });
});
