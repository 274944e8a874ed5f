import { describe, expect, it } from 'vitest';
import { offerSummary, readableConstraint, readableRule } from './readable-policy';
import { ROLE_LEFT_OPERAND } from '@/server/dataspace/protocol/purpose-of-use';

describe('readable ODRL', () => {
  it('reads purpose, role and duty constraints', () => {
    expect(readableConstraint({ leftOperand: 'purpose', operator: 'eq', rightOperand: 'TREAT' })).toBe('purpose = TREAT');
    expect(readableConstraint({ leftOperand: ROLE_LEFT_OPERAND, operator: 'isAnyOf', rightOperand: ['hospital', 'research'] })).toBe('consumer role is any of hospital, research');
    expect(readableConstraint({ or: [{ leftOperand: 'purpose', operator: 'eq', rightOperand: 'A' }, { leftOperand: 'purpose', operator: 'eq', rightOperand: 'B' }] })).toBe('(purpose = A or purpose = B)');
    expect(readableRule({ action: 'delete', constraint: [{ leftOperand: 'elapsedTime', operator: 'lteq', rightOperand: 'P1D' }] })).toEqual({ action: 'delete', constraints: ['time after use ≤ P1D'] });
  });
  it('summarises an offer', () => {
    expect(offerSummary({ '@id': 'x', '@type': 'Offer', permission: [{ action: 'use', constraint: [{ leftOperand: 'purpose', operator: 'eq', rightOperand: 'TREAT' }, { leftOperand: ROLE_LEFT_OPERAND, operator: 'isAnyOf', rightOperand: ['hospital'] }] }] })).toEqual({ purpose: 'TREAT', roles: ['hospital'] });
  });
});
