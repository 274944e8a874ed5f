import type { OdrlConstraint, OdrlDuty, OdrlOffer, OdrlRule } from '@/server/dataspace/protocol/dsp-types';
import { PURPOSE_LEFT_OPERAND, ROLE_LEFT_OPERAND } from '@/server/dataspace/protocol/purpose-of-use';

/**
 * ODRL terms the app can put into words, by the key the UI's messages use (`policy.actions.*`,
 * `policy.operands.*`). Terms of the ODRL 2.2 vocabulary (https://www.w3.org/TR/odrl-vocab/) come as
 * short names; the dataspace's own terms as IRIs. Anything else keeps its identifier.
 */
const TERMS: Record<string, string> = {
  'https://d4h.example/odrl/reidentify': 'reidentify',
  [ROLE_LEFT_OPERAND]: 'participantRole',
  [PURPOSE_LEFT_OPERAND]: 'purpose',
  'http://www.w3.org/ns/odrl/2/use': 'use',
  'http://www.w3.org/ns/odrl/2/delete': 'delete',
  'http://www.w3.org/ns/odrl/2/distribute': 'distribute',
  'http://www.w3.org/ns/odrl/2/elapsedTime': 'elapsedTime',
};
const term = (iri: string): string => TERMS[iri] ?? iri.replace(/^odrl:/, '');

/** A constraint in parts the UI puts into words: an operand compared with values, or a group of constraints. */
export type TReadableConstraint = { operand: string; operator: string; values: string[]; parts: TReadableConstraint[] };
export interface TReadableRule {
  action: string;
  constraints: TReadableConstraint[];
}

export function readableConstraint(c: OdrlConstraint): TReadableConstraint {
  if ('leftOperand' in c) {
    const right = c.rightOperand;
    const values = Array.isArray(right) ? right.map(String) : typeof right === 'string' || typeof right === 'number' ? [String(right)] : [JSON.stringify(right)];
    return { operand: term(c.leftOperand), operator: c.operator, values, parts: [] };
  }
  const [op, parts] = Object.entries(c).find(([, v]) => Array.isArray(v)) ?? ['and', []];
  return { operand: op, operator: 'group', values: [], parts: (parts as OdrlConstraint[]).map(readableConstraint) };
}

export function readableRule(r: OdrlRule | OdrlDuty): TReadableRule {
  return { action: term(r.action), constraints: (r.constraint ?? []).map(readableConstraint) };
}

/** Purpose and roles of an offer, read from its permission constraints. */
export function offerSummary(offer: OdrlOffer): { purpose: string | null; roles: string[] } {
  const atoms = (offer.permission ?? []).flatMap((p) => p.constraint ?? []).filter((c): c is Extract<OdrlConstraint, { leftOperand: string }> => 'leftOperand' in c);
  const purpose = atoms.find((c) => c.leftOperand === PURPOSE_LEFT_OPERAND)?.rightOperand;
  const roles = atoms.find((c) => c.leftOperand === ROLE_LEFT_OPERAND)?.rightOperand;
  return { purpose: typeof purpose === 'string' ? purpose : null, roles: Array.isArray(roles) ? roles : typeof roles === 'string' ? [roles] : [] };
}
