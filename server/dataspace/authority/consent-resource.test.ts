import type { Consent } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { validateFhirR4 } from '@/server/fhir/testing/fhir-schema';
import { DATA_CATEGORY_SYSTEM, provisionsOf, rulesOf, toConsentResource, type ConsentProvisionSpec } from './consent-resource';

const MARIE = '1958031500017';
const spec = (id: string, more: Partial<ConsentProvisionSpec>): ConsentProvisionSpec => ({ id, decision: 'deny', purpose: null, organisation: null, professional: null, dataCategory: null, validFrom: null, validUntil: null, ...more });
const rules = [
  spec('no-research', { purpose: 'HRESCH' }),
  spec('block-alzette', { purpose: 'TREAT', organisation: 'alzette-hospital' }),
  spec('block-elena', { professional: 'elena.rossi@alzette.example' }),
  spec('hide-genomics', { purpose: 'TREAT', dataCategory: 'genomics', validFrom: '2026-12-01T00:00:00.000Z', validUntil: '2027-12-01T00:00:00.000Z' }),
  spec('ai', { decision: 'permit', purpose: 'MLTRAIN' }),
];
const consent = toConsentResource({ consentId: '9b1deb4d-3b7d-4bad-9bdd-2b0d7b3dcb6d', version: 4, patient: MARIE, recorded: new Date('2026-12-01T10:00:00Z'), authority: 'ehealth-agency' }, rules);

describe('a person\'s consent as FHIR R4 Consent', () => {
  it('is valid against the official R4 schema, with status, scope, category, patient, dateTime, version', () => {
    expect(validateFhirR4(consent)).toEqual([]);
    expect(consent).toMatchObject({ status: 'active', meta: { versionId: '4' }, dateTime: '2026-12-01T10:00:00.000Z', patient: { identifier: { value: MARIE } } });
    expect(consent.provision?.provision?.[1]).toMatchObject({ type: 'deny', actor: [{ reference: { type: 'Organization', identifier: { value: 'alzette-hospital' } } }], purpose: [{ code: 'TREAT', system: 'http://terminology.hl7.org/CodeSystem/v3-ActReason' }] });
  });

  it('reads back as the same rules (the decision engine decides on the stored resource)', () => {
    expect(provisionsOf(consent)).toEqual(rules);
    expect(rulesOf(consent, MARIE)[3]).toMatchObject({ id: 'hide-genomics', dataCategory: 'genomics', validFrom: new Date('2026-12-01T00:00:00Z'), consent: { version: 4 } });
  });

  it('flattens nested provisions: a child narrows its parent, lists mean any of their values', () => {
    const nested: Consent = {
      resourceType: 'Consent', status: 'active', scope: {}, category: [],
      provision: { provision: [{ id: 'care', type: 'permit', purpose: [{ code: 'TREAT' }], period: { end: '2027-01-01T00:00:00Z' }, provision: [{ id: 'but', type: 'deny', class: [{ system: DATA_CATEGORY_SYSTEM, code: 'genomics' }, { system: DATA_CATEGORY_SYSTEM, code: 'oncology' }], period: { end: '2028-01-01T00:00:00Z' } }] }] },
    };
    expect(provisionsOf(nested)).toEqual([
      spec('care', { decision: 'permit', purpose: 'TREAT', validUntil: '2027-01-01T00:00:00Z' }),
      spec('but.0', { purpose: 'TREAT', dataCategory: 'genomics', validUntil: '2027-01-01T00:00:00Z' }),
      spec('but.1', { purpose: 'TREAT', dataCategory: 'oncology', validUntil: '2027-01-01T00:00:00Z' }),
    ]);
  });

  it('states no rules once the Consent is not active', () => {
    expect(provisionsOf({ ...consent, status: 'inactive' })).toEqual([]);
  });
});
