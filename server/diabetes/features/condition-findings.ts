import type { Condition } from '@medplum/fhirtypes';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import type { ConditionGroup, DiabetesConditionGroup } from '@/server/terminology/diabetes-codes';
import { DIABETES_CONDITION_GROUPS } from '@/server/terminology/diabetes-codes';
import type { ConditionFinding, FeatureProvenance } from './feature-types';

const ICD10_SYSTEMS: readonly string[] = [CODE_SYSTEMS.icd10, 'http://hl7.org/fhir/sid/icd-10-cm'];
const undotted = (code: string): string => code.replace('.', '').toUpperCase();

/** Verification states that say the condition is not there (FHIR R4 condition-ver-status). */
const NOT_THERE = new Set(['refuted', 'entered-in-error']);
/** Clinical states of a condition that has ended (FHIR R4 condition-clinical). */
const ENDED = new Set(['inactive', 'remission', 'resolved']);

/**
 * Groups where a past condition still counts: a resolved myocardial infarction is still ASCVD (ADA
 * 2025 section 10), a treated medullary thyroid carcinoma still contraindicates a GLP-1 RA (boxed
 * warning: "personal history"), and a diagnosis of diabetes dates its onset whatever its status.
 */
const HISTORY_COUNTS: ReadonlySet<DiabetesConditionGroup> = new Set(['ascvd', 'medullaryThyroidCarcinomaOrMen2', 'type2Diabetes']);

function matches(c: Condition, group: ConditionGroup): boolean {
  const codings = c.code?.coding ?? [];
  const icd = group.icd10.map(undotted);
  if (codings.some((k) => k.system === CODE_SYSTEMS.snomed && k.code !== undefined && group.snomed.includes(k.code))) return true;
  if (codings.some((k) => k.system !== undefined && ICD10_SYSTEMS.includes(k.system) && k.code !== undefined && icd.some((p) => undotted(k.code ?? '').startsWith(p)))) return true;
  const texts = [c.code?.text, ...codings.map((k) => k.display)].filter((t): t is string => typeof t === 'string');
  return (group.text ?? []).some((re) => texts.some((t) => re.test(t)));
}

const conditionStatus = (c: Condition): string | null => c.clinicalStatus?.coding?.find((k) => k.system === CODE_SYSTEMS.conditionClinical)?.code ?? c.clinicalStatus?.coding?.[0]?.code ?? null;
const verificationStatus = (c: Condition): string | null => c.verificationStatus?.coding?.[0]?.code ?? null;

/** When the condition began: its onset, else when it was recorded. */
export const conditionOnset = (c: Condition): string | null => c.onsetDateTime ?? c.onsetPeriod?.start ?? c.recordedDate ?? null;

/** Whether each group of conditions is recorded, from SNOMED CT or ICD-10 codes, with the conditions behind it. */
export function conditionFindings(conditions: ReadonlyArray<{ condition: Condition; provenance: FeatureProvenance }>): Record<DiabetesConditionGroup, ConditionFinding> {
  const groups = Object.keys(DIABETES_CONDITION_GROUPS) as DiabetesConditionGroup[];
  const out = Object.fromEntries(groups.map((g): [DiabetesConditionGroup, ConditionFinding] => [g, { present: false, onset: null, sources: [] }])) as Record<DiabetesConditionGroup, ConditionFinding>;
  for (const { condition, provenance } of conditions) {
    if (NOT_THERE.has(verificationStatus(condition) ?? '')) continue;
    const status = conditionStatus(condition);
    for (const g of groups) {
      if (!matches(condition, DIABETES_CONDITION_GROUPS[g])) continue;
      if (status !== null && ENDED.has(status) && !HISTORY_COUNTS.has(g)) continue;
      const finding = out[g];
      const onset = conditionOnset(condition);
      finding.present = true;
      if (onset !== null && (finding.onset === null || onset < finding.onset)) finding.onset = onset;
      finding.sources.push(provenance);
    }
  }
  return out;
}
