import type { TSignedInContext } from '@/server/api/trpc';
import type { TPatientAccess } from '@/server/access/patient-access';
import { assertPatientAccess } from '@/server/access/patient-access';
import { practitionerFor } from '@/server/access/practitioner';
import { AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { auditFanOut } from '@/server/audit/fan-out-audit';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { legalNames } from '@/server/dataspace/consumer/legal-names';
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
  const result = await consumer.patientRecord(nationalId, practitionerFor(ctx, access));
  const names = await legalNames(consumer.directory);
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
  await auditFanOut(ctx, {
    result,
    purpose: access.purpose,
    subtype: AUDIT_SUBTYPES.read,
    label: 'diabetes recommendation',
    extra: {
      description: `${view.model.state === 'ready' ? `model ${view.model.version} (${view.model.sha256.slice(0, 12)})` : `model refused: ${view.model.message}`}; rules ${view.ruleSetVersion}`,
      entity: {
        model: view.model.state === 'ready' ? { version: view.model.version, sha256: view.model.sha256 } : { refused: view.model.code },
        ruleSetVersion: view.ruleSetVersion,
        options: view.options.filter((o) => o.rank !== null).map((o) => o.drugClass),
      },
    },
  });
  return { view, access };
}
