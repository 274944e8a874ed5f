import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';

/**
 * Guardrails: which classes may be offered as an add-on at all. The same rule defines the choice set
 * of the synthetic prescribers, of the model's policy and of the oracle, so that regret compares like
 * with like. Each rule cites its source (CLINICAL.md).
 */
export type EligibilityReason = { code: string; message: string };

export function ineligibilityReasons(drugClass: DrugClassId, p: PatientFeatureValues): EligibilityReason[] {
  const reasons: EligibilityReason[] = [];
  const already: Record<DrugClassId, number> = {
    metformin: p.onMetformin,
    sglt2i: p.onSglt2i,
    glp1ra: p.onGlp1ra,
    dpp4i: p.onDpp4i,
    sulfonylurea: p.onSulfonylurea,
    tzd: 0,
    basalInsulin: 0,
  };
  if (already[drugClass] === 1) reasons.push({ code: 'already-taking', message: 'Already part of the current therapy.' });
  switch (drugClass) {
    case 'metformin':
      // FDA metformin label 2016: contraindicated below eGFR 30, do not start at 30–45.
      if (p.egfrMlMin173m2 < 45) reasons.push({ code: 'egfr-too-low', message: 'Do not start metformin at eGFR < 45 (FDA label 2016).' });
      break;
    case 'sglt2i':
      // ADA Standards of Care 2025: start SGLT2 inhibitors at eGFR ≥ 20.
      if (p.egfrMlMin173m2 < 20) reasons.push({ code: 'egfr-too-low', message: 'Do not start an SGLT2 inhibitor at eGFR < 20 (ADA 2025).' });
      break;
    case 'glp1ra':
      // ADA 2025: DPP-4 inhibitor with GLP-1 RA adds no benefit.
      if (p.onDpp4i === 1) reasons.push({ code: 'no-dpp4-combination', message: 'Not with a DPP-4 inhibitor (ADA 2025).' });
      break;
    case 'dpp4i':
      if (p.onGlp1ra === 1) reasons.push({ code: 'no-glp1-combination', message: 'Not with a GLP-1 receptor agonist (ADA 2025).' });
      break;
    case 'tzd':
      // ADA 2025 / pioglitazone label: fluid retention, contraindicated in heart failure.
      if (p.heartFailure === 1) reasons.push({ code: 'heart-failure', message: 'Thiazolidinediones are contraindicated in heart failure.' });
      break;
    case 'basalInsulin':
      // ADA 2025: consider insulin when HbA1c > 86 mmol/mol (10 %) or with symptoms of hyperglycaemia.
      if (p.hba1cMmolMol <= 86) reasons.push({ code: 'hba1c-not-high', message: 'Basal insulin is offered here only when HbA1c > 86 mmol/mol (10 %) (ADA 2025).' });
      break;
    case 'sulfonylurea':
      break;
  }
  return reasons;
}

export function eligibleClasses(p: PatientFeatureValues): DrugClassId[] {
  return DRUG_CLASS_IDS.filter((c) => ineligibilityReasons(c, p).length === 0);
}
