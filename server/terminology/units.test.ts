import { describe, expect, it } from 'vitest';
import { creatinineMgDlFromUmolL, creatinineUmolLFromMgDl, hba1cMmolMolFromPercent, hba1cPercentFromMmolMol, hba1cReported, uacrMgMmolFromMgG, unitForPeople } from './units';

describe('unit conversions', () => {
  it('HbA1c follows the IFCC–NGSP master equation at the usual targets (7 % = 53, 8 % = 64, 10 % = 86 mmol/mol)', () => {
    expect(hba1cReported(7, 'percent')).toEqual({ percent: 7, mmolMol: 53 });
    expect(hba1cReported(64, 'mmolMol')).toEqual({ mmolMol: 64, percent: 8 });
    expect(Math.round(hba1cMmolMolFromPercent(10))).toBe(86);
    expect(hba1cPercentFromMmolMol(hba1cMmolMolFromPercent(6.4))).toBeCloseTo(6.4, 10);
  });
  it('creatinine: 1 mg/dL is 88.42 µmol/L, and back', () => {
    expect(creatinineUmolLFromMgDl(1)).toBeCloseTo(88.42, 6);
    expect(creatinineMgDlFromUmolL(creatinineUmolLFromMgDl(1.37))).toBeCloseTo(1.37, 10);
  });
  it('UACR: 30 mg/g is about 3.4 mg/mmol (KDIGO category A2 threshold, 30 mg/g ≈ 3 mg/mmol)', () => {
    expect(uacrMgMmolFromMgG(30)).toBeCloseTo(3.39, 2);
  });
  it('writes UCUM units for people', () => {
    expect(unitForPeople('mL/min/{1.73_m2}')).toBe('mL/min/1.73 m²');
    expect(unitForPeople('kg/m2')).toBe('kg/m²');
    expect(unitForPeople('mm[Hg]')).toBe('mmHg');
    expect(unitForPeople('umol/L')).toBe('µmol/L');
    expect(unitForPeople('mg/dL')).toBe('mg/dL');
    expect(unitForPeople(null)).toBe('');
  });
});
