import { describe, expect, it } from 'vitest';
import { generateDigitalTwins } from '@/server/synthetic/digital-twins/generate';
import { DIGITAL_TWIN_SEED, twinPseudonym, twinRow } from './seed-digital-twins';

describe('the digital-twin rows the research institute serves', () => {
  const twins = generateDigitalTwins({ count: 50, seed: DIGITAL_TWIN_SEED });

  it('hold the observed outcome of the class received, and no counterfactual or propensity', () => {
    for (const twin of twins) {
      const row = twinRow(twin);
      expect(row.receivedClass).toBe(twin.receivedClass);
      expect(row.hba1cChangeMmolMol).toBe(twin.observed.hba1cChangeMmolMol);
      expect(row.followUpHba1cMmolMol).toBe(twin.observed.followUpHba1cMmolMol);
      expect(row.baselineHba1cMmolMol + row.hba1cChangeMmolMol).toBe(row.followUpHba1cMmolMol);
      const text = JSON.stringify(row);
      expect(text).not.toMatch(/counterfactual|propensity|expectedHba1c|eligibleClasses/);
      expect(text).not.toContain(twin.id);
    }
  });

  it('use stable pseudonyms that are unique and do not reveal the generation order', () => {
    const ids = twins.map(twinPseudonym);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(generateDigitalTwins({ count: 50, seed: DIGITAL_TWIN_SEED }).map(twinPseudonym));
    expect([...ids].sort()).not.toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^dt-[0-9a-f]{20}$/);
  });
});
