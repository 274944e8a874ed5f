import type { DrugClassId } from '@/server/diabetes/model/drug-classes';

/**
 * The clinician's priorities for ranking the options after organ protection (ADA Standards of Care
 * 2025, section 9: person-centred choice weighing glycaemic efficacy, weight, hypoglycaemia risk and
 * cost). Each says its trade-off in plain numbers, shown with the ranking. The exchange rates are
 * this app's stated assumptions, not guideline values: the clinician picks the priority and sees why.
 */
export const PRIORITIES = {
  glycaemic: {
    label: 'Glycaemic benefit, with weight and hypoglycaemia as trade-offs',
    tradeOff: 'each kg of weight change counts as 1 mmol/mol of HbA1c; each 10 percentage points of 12-month hypoglycaemia risk as 3 mmol/mol',
  },
  avoidHypoglycaemia: {
    label: 'Avoid hypoglycaemia',
    tradeOff: 'classes with a 12-month hypoglycaemia risk of 5 % or more come after all others; then glycaemic benefit',
  },
  weightLoss: {
    label: 'Weight loss',
    tradeOff: 'each kg of weight change counts as 4 mmol/mol of HbA1c, so weight decides unless HbA1c differs a lot',
  },
  cost: {
    label: 'Lowest cost',
    tradeOff: 'low-cost classes first, then variable, then high; within a cost tier glycaemic benefit with its trade-offs',
  },
} as const;

export type Priority = keyof typeof PRIORITIES;
export const PRIORITY_IDS = Object.keys(PRIORITIES) as Priority[];
export const DEFAULT_PRIORITY: Priority = 'glycaemic';

/** Cost tier per class (CLINICAL.md, ADA 2025 table 9.2: generic metformin, sulfonylureas, pioglitazone low; insulin varies). */
export const COST_TIER = {
  metformin: 'low',
  sulfonylurea: 'low',
  tzd: 'low',
  basalInsulin: 'variable',
  sglt2i: 'high',
  glp1ra: 'high',
  dpp4i: 'high',
} as const satisfies Record<DrugClassId, 'low' | 'variable' | 'high'>;

const COST_ORDER = { low: 0, variable: 1, high: 2 } as const;

export interface PredictedEffects {
  drugClass: DrugClassId;
  /** Predicted 12-month changes: negative HbA1c = lower; weight in kg; risk as a probability. */
  hba1cChangeMmolMol: number;
  weightChangeKg: number;
  hypoglycaemiaRisk12m: number;
}

/** The glycaemic score with its stated trade-offs; lower is better. */
export const glycaemicScore = (e: PredictedEffects): number => e.hba1cChangeMmolMol + e.weightChangeKg + 30 * e.hypoglycaemiaRisk12m;

/** Sort key per priority: compared element by element, lower first. */
export function priorityKey(priority: Priority, e: PredictedEffects): number[] {
  switch (priority) {
    case 'glycaemic':
      return [glycaemicScore(e)];
    case 'avoidHypoglycaemia':
      return [e.hypoglycaemiaRisk12m >= 0.05 ? 1 : 0, e.hba1cChangeMmolMol];
    case 'weightLoss':
      return [4 * e.weightChangeKg + e.hba1cChangeMmolMol];
    case 'cost':
      return [COST_ORDER[COST_TIER[e.drugClass]], glycaemicScore(e)];
  }
}
