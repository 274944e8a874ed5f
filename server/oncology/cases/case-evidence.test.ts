import { describe, expect, it } from 'vitest';
import { mergedRecord } from '@/server/records/merged-record';
import { demoFanOut } from '@/server/synthetic/ehr/demo-fan-out';
import { caseEvidence } from './case-evidence';

const record = (nationalId: string) => mergedRecord(demoFanOut(nationalId));

describe('evidence for a case from its merged record', () => {
  it('EGFR L858R NSCLC (Paul Hoffmann): osimertinib at OncoKB level 1', () => {
    const evidence = caseEvidence(record('1962042100048'));
    expect(evidence.icd10).toMatch(/^C34/);
    expect(evidence.result?.variants).toContain('EGFR L858R');
    const osimertinib = evidence.result?.matches.find((m) => m.drugs.includes('osimertinib'));
    expect(osimertinib).toMatchObject({ oncokbLevel: '1', resistance: false });
  });

  it('KRAS G12C colorectal (Luc Klein): no sotorasib monotherapy at level 1, and the reason is given', () => {
    const evidence = caseEvidence(record('1955012600062'));
    expect(evidence.icd10).toMatch(/^C18/);
    const monotherapy = evidence.result?.matches.filter((m) => m.drugs.length === 1 && m.drugs[0] === 'sotorasib' && m.oncokbLevel === '1') ?? [];
    expect(monotherapy).toEqual([]);
    expect(evidence.result?.nonMatches.some((n) => n.drugs.includes('sotorasib'))).toBe(true);
  });
});
