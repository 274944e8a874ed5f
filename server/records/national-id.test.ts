import { describe, expect, it } from 'vitest';
import { DEMO_PATIENTS } from '@/server/synthetic/demo-people';
import { ZNationalId } from './national-id';

describe('national health identifier', () => {
  it('accepts every demo patient', () => {
    for (const p of DEMO_PATIENTS) expect(ZNationalId.safeParse(p.nationalId).success, p.nationalId).toBe(true);
  });
  it('refuses a wrong length, non-digits and an impossible birth date', () => {
    for (const id of ['195803150001', '19580315000170', '19580315000a7', '1958133100017', '1958023000017', '0000000000000', '']) {
      expect(ZNationalId.safeParse(id).success, id).toBe(false);
    }
  });
});
