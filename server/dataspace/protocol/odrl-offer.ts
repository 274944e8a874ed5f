import type { OdrlOffer } from './dsp-types';
import { PURPOSE_LEFT_OPERAND, type Purpose } from './purpose-of-use';

/** The purpose an ODRL offer is constrained to (its purpose constraint), or null when it has none. */
export function purposeOfOffer(offer: OdrlOffer): Purpose | null {
  for (const rule of offer.permission ?? []) {
    for (const c of rule.constraint ?? []) {
      if ('leftOperand' in c && c.leftOperand === PURPOSE_LEFT_OPERAND && typeof c.rightOperand === 'string') return c.rightOperand as Purpose;
    }
  }
  return null;
}

/** Canonical JSON (sorted keys) to compare the terms of two offers, whatever order their keys came in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
