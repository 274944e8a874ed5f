import raw from './trials.json';
import { knowledgeBase } from '@/server/oncology/knowledge-base/knowledge-base';
import { resolveTumour } from '@/server/oncology/knowledge-base/tumour';
import { parseVariant, variantKey } from '@/server/oncology/knowledge-base/variant';
import { ZTrialSetSchema, type TTrial, type TTrialCase, type TTrialSet } from './trial-schema';

export type TCriterionStatus = 'met' | 'unmet' | 'unknown';

export interface TCriterionResult {
  criterion: 'condition' | 'age' | 'sex' | 'ecog' | 'stage' | 'priorLines' | 'requiredVariants' | 'excludedVariants';
  status: TCriterionStatus;
  /** What the trial asks and what the case has, in words. */
  detail: string;
}

export interface TTrialMatch {
  trial: TTrial;
  /** eligible: every criterion met; possible: none unmet, some unknown; ineligible: at least one unmet. */
  overall: 'eligible' | 'possible' | 'ineligible';
  criteria: TCriterionResult[];
}

export interface TTrialMatchResult {
  version: string;
  illustrative: boolean;
  notice: string;
  matches: TTrialMatch[];
}

/** Parses a trial set; every variant it names must be one the knowledge base can read. */
export function parseTrialSet(document: unknown): TTrialSet {
  const parsed = ZTrialSetSchema.safeParse(document);
  if (!parsed.success) throw new Error(`invalid trial set: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  for (const t of parsed.data.trials) for (const v of [...t.criteria.requiredVariants, ...t.criteria.excludedVariants]) parseVariant(v);
  return parsed.data;
}

let shipped: TTrialSet | null = null;
/** The trial set shipped with the app (trials.json), validated on first use. */
export function trialSet(): TTrialSet {
  shipped ??= parseTrialSet(raw);
  return shipped;
}

const range = (min: number | null, max: number | null, unit = '') => (min !== null && max !== null ? `${min}–${max}${unit}` : min !== null ? `≥ ${min}${unit}` : max !== null ? `≤ ${max}${unit}` : 'any');
const within = (x: number, min: number | null, max: number | null) => (min === null || x >= min) && (max === null || x <= max);

function evaluate(trial: TTrial, c: TTrialCase, tumourKey: string | null, caseVariants: Set<string> | null): TCriterionResult[] {
  const k = trial.criteria;
  const out: TCriterionResult[] = [];
  const conditionOk = trial.conditions.includes('any') || (tumourKey !== null && trial.conditions.includes(tumourKey));
  out.push({ criterion: 'condition', status: conditionOk ? 'met' : 'unmet', detail: `trial: ${trial.conditions.join(', ')}; case: ${tumourKey ?? c.tumour}` });
  const numeric = (criterion: 'age' | 'ecog' | 'priorLines', value: number | null, min: number | null, max: number | null, label: string) => {
    if (min === null && max === null) return;
    out.push({ criterion, status: value === null ? 'unknown' : within(value, min, max) ? 'met' : 'unmet', detail: `${label} ${range(min, max)}; case: ${value ?? 'not recorded'}` });
  };
  numeric('age', c.age, k.ageMin, k.ageMax, 'age');
  if (k.sex !== 'all') out.push({ criterion: 'sex', status: c.sex === null ? 'unknown' : c.sex === k.sex ? 'met' : 'unmet', detail: `sex ${k.sex}; case: ${c.sex ?? 'not recorded'}` });
  numeric('ecog', c.ecog, null, k.ecogMax, 'ECOG');
  if (k.stages.length) out.push({ criterion: 'stage', status: c.stage === null ? 'unknown' : k.stages.includes(c.stage) ? 'met' : 'unmet', detail: `stage ${k.stages.join(' or ')}; case: ${c.stage ?? 'not recorded'}` });
  numeric('priorLines', c.priorLines, k.priorLinesMin, k.priorLinesMax, 'prior lines for advanced disease');
  if (k.requiredVariants.length) {
    const found = caseVariants && k.requiredVariants.filter((v) => caseVariants.has(variantKey(parseVariant(v))));
    out.push({ criterion: 'requiredVariants', status: caseVariants === null ? 'unknown' : found?.length ? 'met' : 'unmet', detail: `one of ${k.requiredVariants.join(', ')}; case: ${caseVariants === null ? 'no molecular report' : found?.length ? found.join(', ') : 'none of them'}` });
  }
  if (k.excludedVariants.length) {
    const found = caseVariants && k.excludedVariants.filter((v) => caseVariants.has(variantKey(parseVariant(v))));
    out.push({ criterion: 'excludedVariants', status: caseVariants === null ? 'unknown' : found?.length ? 'unmet' : 'met', detail: `none of ${k.excludedVariants.join(', ')}; case: ${caseVariants === null ? 'no molecular report' : found?.length ? `has ${found.join(', ')}` : 'none of them'}` });
  }
  return out;
}

const ORDER = { eligible: 0, possible: 1, ineligible: 2 } as const;

/**
 * Evaluates every trial of the set against a case: each criterion met, unmet, or unknown when the record
 * does not say (never guessed). Trials whose tumour does not fit are kept, marked ineligible, so the
 * board sees why. Throws TumourParseError or VariantParseError for a case it cannot read.
 */
export function matchTrials(c: TTrialCase, set: TTrialSet = trialSet()): TTrialMatchResult {
  const tumour = resolveTumour(knowledgeBase(), c.tumour);
  const tumourKey = tumour.kind === 'specific' ? tumour.tumour.key : null;
  const caseVariants = c.variants === null ? null : new Set(c.variants.map((v) => variantKey(parseVariant(v))));
  const matches = set.trials.map((trial) => {
    const criteria = evaluate(trial, c, tumourKey, caseVariants);
    const overall = criteria.some((r) => r.status === 'unmet') ? 'ineligible' : criteria.some((r) => r.status === 'unknown') ? 'possible' : 'eligible';
    return { trial, overall, criteria } satisfies TTrialMatch;
  });
  matches.sort((a, b) => ORDER[a.overall] - ORDER[b.overall]);
  return { version: set.version, illustrative: set.illustrative, notice: set.notice, matches };
}
