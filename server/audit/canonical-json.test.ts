import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json';
import { auditRowHash, GENESIS_HASH, type AuditRowContent } from './audit-hash';

describe('canonicalJson', () => {
  it('is independent of key order at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ y: 1, x: 2 }], c: null } })).toBe(canonicalJson({ a: { c: null, d: [{ x: 2, y: 1 }] }, b: 1 }));
  });
  it('drops undefined like JSON does, keeps null', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });
});

describe('auditRowHash', () => {
  const row: AuditRowContent = {
    seq: 1, id: 'e1', typeCode: '110114', subtype: 'login', action: 'E', recorded: '2026-11-29T05:00:00.000Z', outcome: '0',
    outcomeDescription: null, agentUserId: 'u1', agentRole: 'admin', agentOrganisation: null, patientNationalId: null,
    entity: { type: 'User' }, purposeOfUse: null, source: 'web', clientAddress: '127.0.0.1', requestId: null,
  };
  it('reads the same instant the same whatever its text form', () => {
    expect(auditRowHash(GENESIS_HASH, row)).toBe(auditRowHash(GENESIS_HASH, { ...row, recorded: '2026-11-29 06:00:00+01' }));
  });
  it('changes with any field and with the previous hash', () => {
    const base = auditRowHash(GENESIS_HASH, row);
    expect(auditRowHash(GENESIS_HASH, { ...row, outcome: '4' })).not.toBe(base);
    expect(auditRowHash('f'.repeat(64), row)).not.toBe(base);
  });
});
