import { describe, expect, it } from 'vitest';
import { hba1cBothUnits, mmolMolToPercent, percentToMmolMol } from './hba1c';

describe('HbA1c units', () => {
  it('converts with the IFCC–NGSP master equation', () => {
    expect(percentToMmolMol(7)).toBe(53);
    expect(percentToMmolMol(10)).toBe(86);
    expect(mmolMolToPercent(53)).toBe(7);
    expect(mmolMolToPercent(86)).toBe(10);
  });
  it('answers only for HbA1c codes', () => {
    expect(hba1cBothUnits('4548-4', 8)).toEqual({ percent: 8, mmolMol: 64 });
    expect(hba1cBothUnits('59261-8', 64)).toEqual({ mmolMol: 64, percent: 8 });
    expect(hba1cBothUnits('2160-0', 1.1)).toBeNull();
  });
});
