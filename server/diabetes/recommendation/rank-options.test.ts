import { describe, expect, it } from 'vitest';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import type { GuardrailPatient } from '@/server/diabetes/guardrails/guardrail-patient';
import { evaluateGuardrails } from '@/server/diabetes/guardrails/evaluate-guardrails';
import type { PredictedEffects } from '@/server/diabetes/recommendation/priorities';
import { rankOptions, topClass } from '@/server/diabetes/recommendation/rank-options';

/** Effects shaped like the class profiles of CLINICAL.md, on a patient with a high HbA1c. */
const effects: PredictedEffects[] = [
  { drugClass: 'metformin', hba1cChangeMmolMol: -12, weightChangeKg: -1.2, hypoglycaemiaRisk12m: 0.015 },
  { drugClass: 'sglt2i', hba1cChangeMmolMol: -9, weightChangeKg: -2.3, hypoglycaemiaRisk12m: 0.015 },
  { drugClass: 'glp1ra', hba1cChangeMmolMol: -11, weightChangeKg: -3.5, hypoglycaemiaRisk12m: 0.015 },
  { drugClass: 'dpp4i', hba1cChangeMmolMol: -7, weightChangeKg: 0, hypoglycaemiaRisk12m: 0.015 },
  { drugClass: 'sulfonylurea', hba1cChangeMmolMol: -14, weightChangeKg: 1.8, hypoglycaemiaRisk12m: 0.15 },
  { drugClass: 'tzd', hba1cChangeMmolMol: -10, weightChangeKg: 2.5, hypoglycaemiaRisk12m: 0.015 },
  { drugClass: 'basalInsulin', hba1cChangeMmolMol: -20, weightChangeKg: 2.2, hypoglycaemiaRisk12m: 0.3 },
];

const patient: GuardrailPatient = {
  ageYears: 60,
  hba1cMmolMol: 75,
  egfrMlMin173m2: 85,
  uacrMgMmol: 1,
  heartFailure: false,
  ascvd: false,
  chronicKidneyDiagnosis: false,
  medullaryThyroidCarcinomaOrMen2: false,
  symptomaticHyperglycaemia: false,
  currentClasses: ['metformin'],
  targetHba1cMmolMol: 53,
};

const order = (over: Partial<GuardrailPatient>, priority: Parameters<typeof rankOptions>[2]): DrugClassId[] =>
  rankOptions(effects, evaluateGuardrails({ ...patient, ...over }), priority)
    .filter((o) => o.rank !== null)
    .map((o) => o.drugClass);

describe('person-centred ranking', () => {
  it('by default weighs weight and hypoglycaemia against HbA1c: the sulfonylurea no longer comes first', () => {
    // HbA1c alone: sulfonylurea −14 first. With the stated trade-offs: GLP-1 RA −11 −3.5 +0.45 = −14.05,
    // SGLT2i −10.85, sulfonylurea −14 +1.8 +4.5 = −7.7, TZD −7.05, DPP-4i −6.55.
    expect(order({}, 'glycaemic')).toEqual(['glp1ra', 'sglt2i', 'sulfonylurea', 'tzd', 'dpp4i']);
  });

  it('puts organ protection first whatever the priority and says why', () => {
    const ranked = rankOptions(effects, evaluateGuardrails({ ...patient, heartFailure: true }), 'cost');
    expect(topClass(ranked)).toBe('sglt2i');
    expect(ranked[0]?.group).toBe('organ-protection');
    expect(ranked[0]?.reason).toMatch(/^Organ protection first: Heart failure/);
    // Cost then orders the rest: low-cost sulfonylurea before the high-cost classes; TZD is excluded in heart failure.
    expect(ranked.filter((o) => o.group === 'by-priority').map((o) => o.drugClass)).toEqual(['sulfonylurea', 'glp1ra', 'dpp4i']);
    expect(ranked.find((o) => o.drugClass === 'tzd')).toMatchObject({ rank: null, group: 'excluded' });
  });

  it('avoid hypoglycaemia: sulfonylureas and insulin last', () => {
    expect(order({ hba1cMmolMol: 95 }, 'avoidHypoglycaemia')).toEqual(['glp1ra', 'tzd', 'sglt2i', 'dpp4i', 'basalInsulin', 'sulfonylurea']);
  });

  it('weight loss: GLP-1 RA, then SGLT2i', () => {
    expect(order({}, 'weightLoss').slice(0, 2)).toEqual(['glp1ra', 'sglt2i']);
  });

  it('excluded classes stay listed with their reasons, after the ranked ones', () => {
    const ranked = rankOptions(effects, evaluateGuardrails({ ...patient, egfrMlMin173m2: 25, currentClasses: [] }), 'glycaemic');
    expect(ranked.map((o) => o.drugClass)).toHaveLength(7);
    const metformin = ranked.find((o) => o.drugClass === 'metformin');
    expect(metformin?.rank).toBeNull();
    expect(metformin?.reason).toMatch(/contraindicated at eGFR < 30/);
    expect(topClass(ranked)).toBe('sglt2i');
    expect(ranked.findIndex((o) => o.rank === null)).toBeGreaterThan(ranked.findLastIndex((o) => o.rank !== null));
  });

  it('at target only organ protection is proposed', () => {
    expect(order({ hba1cMmolMol: 50 }, 'glycaemic')).toEqual([]);
    expect(order({ hba1cMmolMol: 50, ascvd: true }, 'glycaemic')).toEqual(['glp1ra', 'sglt2i']);
  });
});
