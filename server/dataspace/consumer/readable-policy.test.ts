import { describe, expect, it } from 'vitest';
import { offerSummary, readableConstraint, readableRule } from './readable-policy';
import { ROLE_LEFT_OPERAND } from '@/server/dataspace/protocol/purpose-of-use';

describe('readable ODRL', () => {
  it('takes constraints apart into operand, operator and values, with the dataspace IRIs as short terms', () => {
    expect(readableConstraint({ leftOperand: 'purpose', operator: 'eq', rightOperand: 'TREAT' })).toEqual({ operand: 'purpose', operator: 'eq', values: ['TREAT'], parts: [] });
    expect(readableConstraint({ leftOperand: ROLE_LEFT_OPERAND, operator: 'isAnyOf', rightOperand: ['hospital', 'research'] })).toEqual({ operand: 'participantRole', operator: 'isAnyOf', values: ['hospital', 'research'], parts: [] });
    expect(readableConstraint({ or: [{ leftOperand: 'purpose', operator: 'eq', rightOperand: 'A' }, { leftOperand: 'purpose', operator: 'eq', rightOperand: 'B' }] })).toMatchObject({ operand: 'or', operator: 'group', parts: [{ values: ['A'] }, { values: ['B'] }] });
    expect(readableRule({ action: 'https://d4h.example/odrl/reidentify' })).toEqual({ action: 'reidentify', constraints: [] });
    expect(readableRule({ action: 'delete', constraint: [{ leftOperand: 'elapsedTime', operator: 'lteq', rightOperand: 'P1D' }] })).toEqual({ action: 'delete', constraints: [{ operand: 'elapsedTime', operator: 'lteq', values: ['P1D'], parts: [] }] });
  });
  it('summarises an offer', () => {
    expect(offerSummary({ '@id': 'x', '@type': 'Offer', permission: [{ action: 'use', constraint: [{ leftOperand: 'purpose', operator: 'eq', rightOperand: 'TREAT' }, { leftOperand: ROLE_LEFT_OPERAND, operator: 'isAnyOf', rightOperand: ['hospital'] }] }] })).toEqual({ purpose: 'TREAT', roles: ['hospital'] });
  });
});
