import type { PatientFeatureName, PatientFeatureValues } from '@/server/diabetes/model/patient-features';
import { createRandom } from '@/server/synthetic/digital-twins/random';

/**
 * Optional model inputs go missing in real records, so training sees them missing at realistic rates
 * and the trees learn where a missing value should go (exported as ONNX missing-value tracks). Rates
 * are per group (one lipid panel gives HDL, triglycerides and total cholesterol together), missing
 * completely at random, and chosen from:
 * - National Diabetes Audit 2018–19 (NHS Digital, England, type 2 diabetes): blood pressure recorded
 *   for about 95 %, serum cholesterol for about 92 %, urine albumin for about 66 % of people in the
 *   audit year;
 * - Shin et al., Hypertension 2021;78:1042 (CKD Prognosis Consortium, 1.3 million people with
 *   diabetes): a median 35 % had an albuminuria test in a year, so in many health systems UACR is
 *   missing more often than not;
 * - ALT is not a diabetes care process in the audit; the 15 % is our assumption (liver tests usually
 *   travel with the annual bloods).
 * Required inputs (age, sex, duration, HbA1c, BMI, eGFR) are never made missing: the server refuses
 * to predict without them (server/diabetes/model/input-schema.ts).
 */
export const MISSING_INPUT_RATES: readonly { features: readonly PatientFeatureName[]; rate: number }[] = [
  { features: ['altUL'], rate: 0.15 },
  { features: ['hdlMmolL', 'triglyceridesMmolL', 'totalCholesterolMmolL'], rate: 0.08 },
  { features: ['systolicBpMmHg'], rate: 0.05 },
  { features: ['uacrMgMmol'], rate: 0.4 },
];

/** FNV-1a of the twin id: the mask depends on the twin only, whichever split or batch it is in. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** A twin's features as a clinic would have them: some optional inputs NaN, deterministic for the twin id. */
export function withMissingOptionalInputs(features: PatientFeatureValues, twinId: string): PatientFeatureValues {
  const rng = createRandom(hash32(twinId), 0x6d697373);
  const out = { ...features };
  for (const group of MISSING_INPUT_RATES) {
    if (rng.uniform() < group.rate) for (const f of group.features) out[f] = Number.NaN;
  }
  return out;
}

export function missingInputsOf(features: PatientFeatureValues): PatientFeatureName[] {
  return (Object.keys(features) as PatientFeatureName[]).filter((f) => Number.isNaN(features[f]));
}
