import { CANCER_TYPES, type CancerType } from '@/server/terminology/cancers';
import type { DiabetesProfile, OncologyProfile } from './people';

function cancer(key: string): CancerType {
  const found = CANCER_TYPES.find((c) => c.key === key);
  if (!found) throw new Error(`unknown cancer type ${key}`);
  return found;
}

/**
 * Fixed clinical stories of the demo patients, chosen so that each demo shows something: a therapy
 * decision with a reason (ADA 2025), an actionable variant (OncoKB level 1). Synthetic people.
 */
export const DEMO_CLINICAL_PROFILES: Record<string, { diabetes: DiabetesProfile | null; oncology: OncologyProfile | null }> = {
  // Marie Schmit: obese, above target on metformin + DPP-4 inhibitor, eGFR 68: candidate for GLP-1 RA or SGLT2i.
  '1958031500017': {
    diabetes: { diagnosedYearsAgo: 12, hba1cNow: 64, bmi: 33.4, egfrNow: 68, altNow: 34, therapy: ['metformin', 'sitagliptin'], comorbidities: ['hypertension', 'hyperlipidaemia', 'obesity'] },
    oncology: null,
  },
  // Jean Weber: 74, CKD stage 3b and heart failure: metformin dose review, SGLT2i for HF/CKD.
  '1951110200024': {
    diabetes: { diagnosedYearsAgo: 18, hba1cNow: 59, bmi: 27.8, egfrNow: 38, altNow: 22, therapy: ['metformin', 'gliclazide'], comorbidities: ['hypertension', 'heartFailure', 'ckd', 'coronaryArteryDisease'] },
    oncology: null,
  },
  // Anne Muller: 59, far above target (HbA1c 78) on metformin alone, BMI 36.
  '1966072800031': {
    diabetes: { diagnosedYearsAgo: 5, hba1cNow: 78, bmi: 36.2, egfrNow: 92, altNow: 48, therapy: ['metformin'], comorbidities: ['obesity', 'hyperlipidaemia'] },
    oncology: null,
  },
  // Paul Hoffmann: stage IV lung adenocarcinoma with EGFR L858R → osimertinib (OncoKB level 1, FLAURA, PMID 29151359).
  '1962042100048': {
    diabetes: null,
    oncology: { cancer: cancer('lung'), diagnosedMonthsAgo: 7, stage: 'IV', t: 'T2', n: 'N2', m: 'M1', ecog: 1, variantIndex: 0, markerValues: ['Negative'], status: 'stable' },
  },
  // Claire Wagner: HR+/HER2− breast cancer with PIK3CA H1047R → alpelisib + fulvestrant at progression (SOLAR-1).
  '1970090900055': {
    diabetes: null,
    oncology: { cancer: cancer('breast'), diagnosedMonthsAgo: 20, stage: 'III', t: 'T3', n: 'N1', m: 'M0', ecog: 0, variantIndex: 0, markerValues: ['Positive', 'Positive', 'Negative'], status: 'worsened' },
  },
  // Luc Klein: metastatic colon cancer with BRAF V600E (encorafenib + cetuximab, BEACON) and type 2 diabetes.
  '1955012600062': {
    diabetes: { diagnosedYearsAgo: 9, hba1cNow: 61, bmi: 29.1, egfrNow: 74, altNow: 30, therapy: ['metformin', 'empagliflozin'], comorbidities: ['hypertension'] },
    oncology: { cancer: cancer('colorectal'), diagnosedMonthsAgo: 11, stage: 'IV', t: 'T3', n: 'N1', m: 'M1', ecog: 1, variantIndex: 0, markerValues: ['18.4'], status: 'worsened' },
  },
  // Henri Schiltz: 77, CKD stage 4 (eGFR 25) on a DPP-4 inhibitor, above his goal: metformin contraindicated (eGFR < 30), SGLT2i for CKD (start at eGFR ≥ 20).
  '1949060800079': {
    diabetes: { diagnosedYearsAgo: 14, hba1cNow: 67, bmi: 29.6, egfrNow: 25, altNow: 24, therapy: ['sitagliptin'], comorbidities: ['hypertension', 'ckd'] },
    oncology: null,
  },
};
