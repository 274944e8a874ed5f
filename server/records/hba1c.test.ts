import { describe, expect, it } from 'vitest';
import { hba1cBothUnits } from './hba1c';

describe('HbA1c units', () => {
  it('answers both units for HbA1c codes only', () => {
    expect(hba1cBothUnits('4548-4', 8)).toEqual({ percent: 8, mmolMol: 64 });
    expect(hba1cBothUnits('59261-8', 64)).toEqual({ mmolMol: 64, percent: 8 });
    expect(hba1cBothUnits('2160-0', 1.1)).toBeNull();
  });
});
