import type { TSignedInContext } from '@/server/api/trpc';
import type { TPatientAccess } from '@/server/access/patient-access';
import { assertPatientAccess } from '@/server/access/patient-access';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import type { FeatureProvenance } from '@/server/diabetes/features/feature-types';
import { patientRecommendation } from '@/server/diabetes/recommendation/patient-recommendation';
import type { Priority } from '@/server/diabetes/recommendation/priorities';
import type { TRecommendationView } from '@/server/diabetes/recommendation/recommendation-schema';
import { env } from '@/server/env';
import { mergedRecord } from '@/server/records/merged-record';
import { isActive } from '@/server/records/reconcile-conditions';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { CONDITIONS } from '@/server/terminology/conditions';
import type { Patient } from '@medplum/fhirtypes';

const PURPOSE = 'TREAT';

/**
 * The path of a recommendation (DESIGN.md): role (ladder) → care relationship or break-glass → the
 * fan-out to every provider holding the patient (their consent decisions apply) → features, guardrails,
 * model → an audit event naming every provider asked, the model version and the rule set.
 */
export async function loadRecommendation(ctx: TSignedInContext, nationalId: string, priority: Priority | undefined): Promise<{ view: TRecommendationView; access: TPatientAccess }> {
  const access = await assertPatientAccess(ctx, nationalId, PURPOSE);
  const consumer = dataspaceConsumer(ctx.db);
  const result = await consumer.patientRecord(nationalId, {
    userId: ctx.user.email,
    role: ctx.user.role,
    ...(ctx.user.organisation ? { organisation: ctx.user.organisation } : {}),
    purpose: access.purpose,
    ...(access.breakGlass ? { breakGlassReason: access.breakGlass.reason } : {}),
  });
  const names = await consumer.directory
    .participants()
    .then((list) => new Map(list.map((p) => [p.id, p.legalName])))
    .catch(() => new Map<string, string>());
  const patient = result.resources.find((r) => r.resource.resourceType === 'Patient')?.resource as Patient | undefined;
  const name = patient?.name?.[0];
  const record = mergedRecord(result.resources);
  const comorbidities = record.conditions
    .filter((c) => isActive(c) && !c.oncology && !c.codes.some((k) => k.system === CODE_SYSTEMS.snomed && k.code === CONDITIONS.type2Diabetes.snomed))
    .map((c) => ({
      name: c.name,
      onset: c.onset,
      sources: c.sources.map((s): FeatureProvenance => ({ resource: s.resource, versionId: null, providerId: s.providerId, datasetId: s.datasetId, agreementId: s.agreementId, fhirUrl: s.fhirUrl, date: s.date })),
    }));
  const modelDir = env().DIABETES_MODEL_DIR;
  const view = await patientRecommendation({
    nationalId,
    patientName: name ? [name.given?.join(' '), name.family].filter(Boolean).join(' ') : null,
    resources: result.resources,
    providers: result.providers.map((p) => ({ providerId: p.providerId, legalName: names.get(p.providerId) ?? null, status: p.status, detail: p.detail, consent: p.consent, agreementId: p.agreementId, resources: p.resources })),
    locator: { ok: result.locatorOk, detail: result.locatorDetail },
    comorbidities,
    ...(priority ? { priority } : {}),
    now: new Date(),
    ...(modelDir ? { modelDir } : {}),
  });
  await recordAuditEvent(ctx.db, {
    typeCode: AUDIT_TYPES.patientRecord,
    subtype: AUDIT_SUBTYPES.read,
    action: AUDIT_ACTIONS.read,
    outcome: result.providers.some((p) => p.status === 'ok') ? AUDIT_OUTCOMES.success : AUDIT_OUTCOMES.minorFailure,
    outcomeDescription: `diabetes recommendation: ${result.providers.map((p) => `${p.providerId}: ${p.status}`).join('; ') || (result.locatorOk ? 'no provider holds records' : 'record locator unavailable')}; ${view.model.state === 'ready' ? `model ${view.model.version} (${view.model.sha256.slice(0, 12)})` : `model refused: ${view.model.message}`}; rules ${view.ruleSetVersion}`,
    patientNationalId: nationalId,
    purposeOfUse: access.purpose,
    entity: {
      type: 'Patient',
      providers: result.providers.map((p) => ({ id: p.providerId, status: p.status, agreementId: p.agreementId, resources: p.resources })),
      model: view.model.state === 'ready' ? { version: view.model.version, sha256: view.model.sha256 } : { refused: view.model.code },
      ruleSetVersion: view.ruleSetVersion,
      options: view.options.filter((o) => o.rank !== null).map((o) => o.drugClass),
    },
    ...auditActor(ctx),
  });
  return { view, access };
}
