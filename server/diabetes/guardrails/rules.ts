import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASSES, DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { GuardrailPatient } from '@/server/diabetes/guardrails/guardrail-patient';
import { hasCkd } from '@/server/diabetes/guardrails/guardrail-patient';
import type { GuardrailSource } from '@/server/diabetes/guardrails/sources';
import { SOURCES } from '@/server/diabetes/guardrails/sources';

/**
 * The guardrail rules: each is data (id, effect, classes, source) plus a small function that says
 * whether it applies and why. Changing any rule changes GUARDRAIL_RULE_SET_VERSION
 * (evaluate-guardrails.ts), which every recommendation shows. Rules are about drug classes; which
 * agent within a class has the proven benefit is named in the message.
 */
export const GUARDRAIL_EFFECTS = {
  contraindicated: { excludes: true },
  'do-not-start': { excludes: true },
  'do-not-combine': { excludes: true },
  'already-taking': { excludes: true },
  'not-indicated': { excludes: true },
  /** Organ protection: proposed first, whatever the HbA1c (ADA 2025). */
  recommended: { excludes: false },
  consider: { excludes: false },
  caution: { excludes: false },
} as const;

export type GuardrailEffect = keyof typeof GUARDRAIL_EFFECTS;

export interface GuardrailRule {
  id: string;
  effect: GuardrailEffect;
  classes: readonly DrugClassId[];
  source: GuardrailSource;
  /** The message when the rule applies to this patient and class, or null. */
  applies: (p: GuardrailPatient, drugClass: DrugClassId) => { message: string; severity?: 'moderate' | 'high' } | null;
}

const taking = (p: GuardrailPatient, c: DrugClassId): boolean => p.currentClasses.includes(c);

export const GUARDRAIL_RULES: readonly GuardrailRule[] = [
  {
    id: 'already-taking',
    effect: 'already-taking',
    classes: DRUG_CLASS_IDS,
    source: SOURCES.adaEasd2022,
    applies: (p, c) => (taking(p, c) ? { message: `${DRUG_CLASSES[c].label} is already part of the current therapy; it is not proposed again.` } : null),
  },
  {
    id: 'metformin-egfr-below-30',
    effect: 'contraindicated',
    classes: ['metformin'],
    source: SOURCES.fdaMetformin2016,
    applies: (p) => (p.egfrMlMin173m2 < 30 ? { message: `Metformin is contraindicated at eGFR < 30 (eGFR ${p.egfrMlMin173m2}).` } : null),
  },
  {
    id: 'metformin-egfr-30-45-no-start',
    effect: 'do-not-start',
    classes: ['metformin'],
    source: SOURCES.fdaMetformin2016,
    applies: (p) =>
      p.egfrMlMin173m2 >= 30 && p.egfrMlMin173m2 < 45 ? { message: `Starting metformin is not recommended at eGFR 30–45 (eGFR ${p.egfrMlMin173m2}).` } : null,
  },
  {
    id: 'sglt2i-egfr-below-20',
    effect: 'do-not-start',
    classes: ['sglt2i'],
    source: SOURCES.ada2025Kidney,
    applies: (p) => (p.egfrMlMin173m2 < 20 ? { message: `Do not start an SGLT2 inhibitor at eGFR < 20 (eGFR ${p.egfrMlMin173m2}).` } : null),
  },
  {
    id: 'sglt2i-heart-failure',
    effect: 'recommended',
    classes: ['sglt2i'],
    source: SOURCES.ada2025Cardiovascular,
    applies: (p) =>
      p.heartFailure && p.egfrMlMin173m2 >= 20
        ? { message: 'Heart failure: an SGLT2 inhibitor is recommended to reduce heart-failure hospitalisation, whatever the HbA1c.' }
        : null,
  },
  {
    id: 'sglt2i-ckd',
    effect: 'recommended',
    classes: ['sglt2i'],
    source: SOURCES.ada2025Kidney,
    applies: (p) =>
      hasCkd(p) && p.egfrMlMin173m2 >= 20
        ? { message: 'Chronic kidney disease (eGFR ≥ 20): an SGLT2 inhibitor is recommended to slow CKD progression and reduce cardiovascular events, whatever the HbA1c.' }
        : null,
  },
  {
    // SGLT2i is first for CKD; a GLP-1 RA with kidney benefit is the next step (KDIGO 2022, in ADA 2025 section 11).
    id: 'glp1ra-ckd',
    effect: 'consider',
    classes: ['glp1ra'],
    source: SOURCES.ada2025Kidney,
    applies: (p) =>
      hasCkd(p)
        ? { message: 'Chronic kidney disease: a GLP-1 receptor agonist with proven kidney benefit (semaglutide) can be added, in particular when an SGLT2 inhibitor is not enough or not tolerated.' }
        : null,
  },
  {
    id: 'ascvd-proven-benefit',
    effect: 'recommended',
    classes: ['glp1ra', 'sglt2i'],
    source: SOURCES.ada2025Cardiovascular,
    applies: (p, c) => {
      if (!p.ascvd || (c === 'sglt2i' && p.egfrMlMin173m2 < 20)) return null;
      const agents = c === 'glp1ra' ? 'liraglutide, semaglutide or dulaglutide' : 'empagliflozin or canagliflozin';
      return { message: `Established atherosclerotic cardiovascular disease: an agent with proven cardiovascular benefit (${agents}) is recommended, whatever the HbA1c.` };
    },
  },
  {
    id: 'glp1ra-mtc-men2',
    effect: 'contraindicated',
    classes: ['glp1ra'],
    source: SOURCES.fdaGlp1Boxed,
    applies: (p) =>
      p.medullaryThyroidCarcinomaOrMen2 ? { message: 'GLP-1 receptor agonists are contraindicated with a history of medullary thyroid carcinoma or MEN 2 (boxed warning).' } : null,
  },
  {
    id: 'tzd-heart-failure',
    effect: 'contraindicated',
    classes: ['tzd'],
    source: SOURCES.fdaPioglitazoneBoxed,
    applies: (p) => (p.heartFailure ? { message: 'Thiazolidinediones cause fluid retention and are contraindicated in heart failure.' } : null),
  },
  {
    id: 'no-dpp4i-with-glp1ra',
    effect: 'do-not-combine',
    classes: ['dpp4i', 'glp1ra'],
    source: SOURCES.ada2025Glycemic,
    applies: (p, c) => {
      const other: DrugClassId = c === 'dpp4i' ? 'glp1ra' : 'dpp4i';
      return taking(p, other)
        ? { message: `Not with ${c === 'dpp4i' ? 'a GLP-1 receptor agonist' : 'a DPP-4 inhibitor'}: the combination adds no glucose lowering; switching is an option.` }
        : null;
    },
  },
  {
    id: 'hypoglycaemia-risk',
    effect: 'caution',
    classes: ['sulfonylurea', 'basalInsulin'],
    source: SOURCES.ada2025OlderAdults,
    applies: (p, c) => {
      const older = p.ageYears >= 65;
      const ckd = p.egfrMlMin173m2 < 60;
      const who = [older ? `age ${p.ageYears}` : '', ckd ? `eGFR ${p.egfrMlMin173m2}` : ''].filter(Boolean).join(' and ');
      const what = c === 'sulfonylurea' ? 'Sulfonylureas' : 'Insulin';
      return older || ckd
        ? { message: `${what} carry a risk of hypoglycaemia, higher here (${who}): older adults and people with CKD are more often and more severely affected.`, severity: 'high' }
        : { message: `${what} carry a risk of hypoglycaemia.`, severity: 'moderate' };
    },
  },
  {
    id: 'insulin-when-very-high-or-symptomatic',
    effect: 'consider',
    classes: ['basalInsulin'],
    source: SOURCES.ada2025Glycemic,
    applies: (p) =>
      p.hba1cMmolMol > 86 || p.symptomaticHyperglycaemia
        ? { message: `Insulin is considered: ${p.symptomaticHyperglycaemia ? 'symptoms of hyperglycaemia' : `HbA1c ${p.hba1cMmolMol} mmol/mol is above 86 (10 %)`}.` }
        : null,
  },
  {
    id: 'insulin-not-indicated',
    effect: 'not-indicated',
    classes: ['basalInsulin'],
    source: SOURCES.ada2025Glycemic,
    applies: (p) =>
      p.hba1cMmolMol <= 86 && !p.symptomaticHyperglycaemia
        ? { message: 'Insulin is proposed only when HbA1c is above 86 mmol/mol (10 %) or with symptoms of hyperglycaemia.' }
        : null,
  },
];
