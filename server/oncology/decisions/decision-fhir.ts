import type { CarePlan } from '@medplum/fhirtypes';
import { NATIONAL_HEALTH_ID_SYSTEM } from '@/server/terminology/code-systems';
import { DISCIPLINES } from '@/server/oncology/boards/board-kinds';
import type { TDecisionContent } from './decision-content';

interface DecisionForExport {
  id: string;
  caseId: string;
  version: number;
  status: 'draft' | 'final';
  content: TDecisionContent;
  amendmentReason: string | null;
  updatedAt: Date;
  signedAt: Date | null;
  signedByName: string | null;
  contentHash: string | null;
}

/**
 * A board decision as a FHIR R4 CarePlan (intent "plan"): each recommendation, the trial referral and
 * each further diagnostic as an activity; attendees as contributors; rationale and evidence level as
 * the description and a note. A final version is "active", a draft "draft" (R4 CarePlan.status);
 * an amended version names the reason. (mCODE has no board-decision profile; CarePlan is what the
 * HL7 Clinical Guidelines and the EU Cancer Mission's MTB exchanges use for a care recommendation.)
 */
export function decisionAsCarePlan(patientNationalId: string, boardName: string, d: DecisionForExport): CarePlan {
  const activity = [
    ...d.content.recommendations.map((r) => ({ detail: { status: 'not-started' as const, description: r.text } })),
    ...(d.content.trialReferral ? [{ detail: { status: 'not-started' as const, kind: 'ServiceRequest' as const, description: `Referral to clinical trial ${d.content.trialReferral}` } }] : []),
    ...d.content.furtherDiagnostics.map((f) => ({ detail: { status: 'not-started' as const, kind: 'ServiceRequest' as const, description: `Further diagnostics: ${f}` } })),
  ];
  return {
    resourceType: 'CarePlan',
    id: `${d.id}`,
    identifier: [{ system: 'urn:ietf:rfc:3986', value: `urn:uuid:${d.id}` }],
    status: d.status === 'final' ? 'active' : 'draft',
    intent: 'plan',
    title: `${boardName} — decision, version ${d.version}`,
    category: [{ text: 'Tumour board recommendation' }],
    subject: { identifier: { system: NATIONAL_HEALTH_ID_SYSTEM, value: patientNationalId } },
    created: (d.signedAt ?? d.updatedAt).toISOString(),
    ...(d.signedByName ? { author: { display: d.signedByName } } : {}),
    contributor: d.content.attendees.map((a) => ({ display: `${a.name} (${DISCIPLINES[a.discipline].en})` })),
    ...(d.content.rationale ? { description: d.content.rationale } : {}),
    note: [
      ...(d.content.evidenceLevel ? [{ text: `Evidence level: ${d.content.evidenceLevel}` }] : []),
      ...(d.amendmentReason ? [{ text: `Amendment of version ${d.version - 1}: ${d.amendmentReason}` }] : []),
      ...(d.contentHash ? [{ text: `Signed content SHA-256 ${d.contentHash}` }] : []),
    ],
    ...(activity.length ? { activity } : {}),
  };
}
