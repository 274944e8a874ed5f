import type { TReadableConstraint, TReadableRule } from '@/server/dataspace/consumer/readable-policy';

/** next-intl's translator of the `policy` namespace: `t(key, values)` and `t.has(key)`. */
export interface TPolicyTranslate {
  (key: string, values?: Record<string, string | number>): string;
  has: (key: string) => boolean;
}

const word = (t: TPolicyTranslate, key: string, fallback: string): string => (t.has(key) ? t(key) : fallback);

/** An ISO 8601 duration of one unit (P180D, PT12H, P6M, P1Y) in words; anything else as it is. */
export function durationWords(value: string, t: TPolicyTranslate): string {
  const m = /^P(?:(\d+)Y|(\d+)M|(\d+)W|(\d+)D|T(\d+)H)$/.exec(value);
  if (!m) return value;
  const units = ['years', 'months', 'weeks', 'days', 'hours'] as const;
  const index = m.slice(1).findIndex((g) => g !== undefined);
  const count = Number(m[index + 1]);
  return t(`duration.${units[index]}`, { count });
}

function valueWords(operand: string, value: string, t: TPolicyTranslate): string {
  if (operand === 'purpose') return t.has(`purposes.${value}`) ? `${t(`purposes.${value}`)} (${value})` : value;
  if (operand === 'participantRole') return word(t, `roles.${value}`, value);
  if (operand === 'elapsedTime') return durationWords(value, t);
  return value;
}

/** One constraint as a phrase, e.g. "purpose is treatment (TREAT)", "time after use at most 180 days". */
export function constraintWords(c: TReadableConstraint, t: TPolicyTranslate): string {
  if (c.operator === 'group') return `(${c.parts.map((p) => constraintWords(p, t)).join(` ${word(t, `groups.${c.operand}`, c.operand)} `)})`;
  const values = c.values.map((v) => valueWords(c.operand, v, t)).join(', ');
  return `${word(t, `operands.${c.operand}`, c.operand)} ${word(t, `operators.${c.operator}`, c.operator)} ${values}`;
}

/** One rule as a phrase: its action, then its constraints, e.g. "delete the data — time after use at most 1 day". */
export function ruleWords(r: TReadableRule, t: TPolicyTranslate): string {
  const action = word(t, `actions.${r.action}`, r.action);
  return r.constraints.length > 0 ? `${action} — ${r.constraints.map((c) => constraintWords(c, t)).join('; ')}` : action;
}

/** A dataset's dct:accessRights (EU access-right vocabulary) in words. */
export function accessRightsWords(code: string | null, t: TPolicyTranslate): string {
  return code ? word(t, `access.${code}`, code) : '—';
}
