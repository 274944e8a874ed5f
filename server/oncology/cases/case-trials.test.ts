import { describe, expect, it } from 'vitest';
import { mergedRecord } from '@/server/records/merged-record';
import { demoFanOut } from '@/server/synthetic/ehr/demo-fan-out';
import { caseEvidence } from './case-evidence';
import { caseTrials } from './case-trials';

const NOW = new Date('2026-12-01T00:00:00Z');

function trialsFor(nationalId: string, patient: { gender: string | null; birthDate: string | null } | null) {
  const record = mergedRecord(demoFanOut(nationalId));
  return caseTrials(record, patient, caseEvidence(record), NOW);
}

describe('trials for a case from its merged record', () => {
  it('EGFR L858R NSCLC (Paul Hoffmann): the first-line EGFR trial is not ruled out, its variant criterion met, prior lines unknown', () => {
    const result = trialsFor('1962042100048', { gender: 'male', birthDate: '1962-04-21' });
    const egfr = result?.matches.find((m) => m.trial.id === 'ILL-NSCLC-EGFR-01');
    expect(egfr?.overall).toBe('possible');
    expect(egfr?.criteria.find((c) => c.criterion === 'requiredVariants')?.status).toBe('met');
    expect(egfr?.criteria.find((c) => c.criterion === 'stage')?.status).toBe('met');
    expect(egfr?.criteria.find((c) => c.criterion === 'age')).toMatchObject({ status: 'met', detail: expect.stringContaining('64') });
    expect(egfr?.criteria.find((c) => c.criterion === 'priorLines')?.status).toBe('unknown');
    // A colorectal trial is ruled out by the tumour, and says so.
    expect(result?.matches.find((m) => m.trial.id === 'ILL-CRC-KRAS-01')?.overall).toBe('ineligible');
    expect(result?.illustrative).toBe(true);
  });

  it('KRAS G12C colorectal (Luc Klein): the KRAS trial for NSCLC is ineligible by tumour, the colorectal one is not ruled out', () => {
    const result = trialsFor('1955012600062', null);
    expect(result?.matches.find((m) => m.trial.id === 'ILL-NSCLC-KRAS-01')?.overall).toBe('ineligible');
    const crc = result?.matches.find((m) => m.trial.id === 'ILL-CRC-KRAS-01');
    expect(crc?.overall).toBe('possible');
    // Without the Patient, age is unknown rather than guessed.
    expect(crc?.criteria.find((c) => c.criterion === 'age')?.status).toBe('unknown');
  });
});
