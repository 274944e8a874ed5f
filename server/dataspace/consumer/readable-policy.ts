import type { OdrlConstraint, OdrlDuty, OdrlOffer, OdrlRule } from '@/server/dataspace/protocol/dsp-types';
import { PURPOSE_LEFT_OPERAND, ROLE_LEFT_OPERAND } from '@/server/dataspace/protocol/purpose-of-use';

const OPERATORS: Record<string, string> = { eq: '=', neq: '≠', gt: '>', gteq: '≥', lt: '<', lteq: '≤', isAnyOf: 'is any of', isAllOf: 'is all of', isNoneOf: 'is none of', isA: 'is a', isPartOf: 'is part of', hasPart: 'has part', 'term-lteq': '≤' };
const OPERANDS: Record<string, string> = { [PURPOSE_LEFT_OPERAND]: 'purpose', [ROLE_LEFT_OPERAND]: 'consumer role', elapsedTime: 'time after use' };

/** One ODRL constraint as a line a steward can read, e.g. "purpose = TREAT", "consumer role is any of hospital". */
export function readableConstraint(c: OdrlConstraint): string {
  if ('leftOperand' in c) {
    const right = Array.isArray(c.rightOperand) ? c.rightOperand.join(', ') : typeof c.rightOperand === 'string' ? c.rightOperand : JSON.stringify(c.rightOperand);
    return `${OPERANDS[c.leftOperand] ?? c.leftOperand} ${OPERATORS[c.operator] ?? c.operator} ${right}`;
  }
  const [op, parts] = Object.entries(c).find(([, v]) => Array.isArray(v)) ?? ['and', []];
  return `(${(parts as OdrlConstraint[]).map(readableConstraint).join(` ${op} `)})`;
}

export function readableRule(r: OdrlRule | OdrlDuty): { action: string; constraints: string[] } {
  return { action: r.action, constraints: (r.constraint ?? []).map(readableConstraint) };
}

/** Purpose and roles of an offer, read from its permission constraints. */
export function offerSummary(offer: OdrlOffer): { purpose: string | null; roles: string[] } {
  const atoms = (offer.permission ?? []).flatMap((p) => p.constraint ?? []).filter((c): c is Extract<OdrlConstraint, { leftOperand: string }> => 'leftOperand' in c);
  const purpose = atoms.find((c) => c.leftOperand === PURPOSE_LEFT_OPERAND)?.rightOperand;
  const roles = atoms.find((c) => c.leftOperand === ROLE_LEFT_OPERAND)?.rightOperand;
  return { purpose: typeof purpose === 'string' ? purpose : null, roles: Array.isArray(roles) ? roles : typeof roles === 'string' ? [roles] : [] };
}
