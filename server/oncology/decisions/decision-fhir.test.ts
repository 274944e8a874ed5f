import { describe, expect, it } from 'vitest';
import { validateFhirR4 } from '@/server/fhir/testing/fhir-schema';
import { decisionAsCarePlan } from './decision-fhir';

describe('a board decision as FHIR', () => {
  const decision = {
    id: '6f1c2d9e-4b1a-4c3e-9a55-0a1b2c3d4e5f',
    caseId: '0b7e1f7a-2f0e-4d7e-8a31-1c2d3e4f5a6b',
    version: 2,
    status: 'final' as const,
    content: {
      recommendations: [{ text: 'Osimertinib 80 mg daily' }],
      rationale: 'EGFR L858R, FLAURA (PMID 29151359).',
      evidenceLevel: 'oncokb-1' as const,
      trialReferral: 'NCT04035486',
      furtherDiagnostics: ['liquid-biopsy' as const],
      attendees: [{ name: 'Dr Elena Rossi', discipline: 'medicalOncology' as const }],
    },
    amendmentReason: 'Liquid biopsy added',
    updatedAt: new Date('2026-11-30T10:00:00Z'),
    signedAt: new Date('2026-11-30T11:00:00Z'),
    signedByName: 'Dr Elena Rossi',
    contentHash: 'ab'.repeat(32),
  };

  it('is a valid R4 CarePlan with every recommendation, the trial and the diagnostics as activities', () => {
    const plan = decisionAsCarePlan('1962042100048', 'Thoracic oncology board', decision);
    expect(validateFhirR4(plan)).toEqual([]);
    expect(plan.status).toBe('active');
    expect(plan.activity?.map((a) => a.detail?.description)).toEqual(['Osimertinib 80 mg daily', 'Referral to clinical trial NCT04035486', 'Further diagnostics: liquid-biopsy']);
    expect(plan.contributor?.[0]?.display).toBe('Dr Elena Rossi (Medical oncology)');
    expect(plan.note?.map((n) => n.text)).toContain('Amendment of version 1: Liquid biopsy added');
  });

  it('a draft is a draft CarePlan', () => {
    expect(decisionAsCarePlan('1962042100048', 'Thoracic oncology board', { ...decision, status: 'draft', signedAt: null, signedByName: null, contentHash: null }).status).toBe('draft');
  });
});
