import { describe, expect, it } from 'vitest';
import type { TAccessLogEntry } from './access-log-entry';
import { compareEntries } from './access-log-entry';
import { accessLogNotifications } from './access-log-visits';

let n = 0;
function entry(over: Partial<TAccessLogEntry> & { org?: string; at: string }): TAccessLogEntry {
  n += 1;
  return {
    key: `a:00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    recorded: over.at,
    source: 'provider',
    holderId: 'alzette-hospital',
    holderName: 'Alzette Hospital',
    who: { id: 'x@example', name: 'Dr X', role: 'endocrinologist', organisation: over.org ?? 'alzette-hospital', organisationName: null },
    byPatient: false,
    purpose: 'TREAT',
    action: 'read',
    dataCategories: [],
    agreementId: null,
    consumerId: 'd4h-clinic',
    outcome: 'allowed',
    detail: null,
    emergency: null,
    ...over,
  };
}

describe('access-log notifications', () => {
  it('names the first access of an organisation never seen before, once, and not a known one', () => {
    const since = [entry({ at: '2026-12-02T10:03:00Z', org: 'moselle-clinic' }), entry({ at: '2026-12-02T10:02:00Z', org: 'moselle-clinic' }), entry({ at: '2026-12-02T10:01:00Z' })];
    const out = accessLogNotifications(since, { lastVisitAt: new Date('2026-12-01T00:00:00Z'), knownOrganisations: ['alzette-hospital'] });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ kind: 'new-organisation', organisation: 'moselle-clinic', entry: { recorded: '2026-12-02T10:02:00Z' } });
  });

  it('gives one emergency notice per emergency access, though it was logged at each provider', () => {
    const emergency = { reason: 'unconscious', expiresAt: '2026-12-02T11:00:00Z', endedAt: null };
    const since = [entry({ at: '2026-12-02T10:01:00Z', emergency, holderId: 'moselle-clinic' }), entry({ at: '2026-12-02T10:00:30Z', emergency })];
    const out = accessLogNotifications(since, { lastVisitAt: new Date(0), knownOrganisations: ['alzette-hospital'] });
    expect(out.filter((x) => x.kind === 'emergency')).toHaveLength(1);
  });

  it("raises nothing for the patient's own actions", () => {
    expect(accessLogNotifications([entry({ at: '2026-12-02T10:00:00Z', byPatient: true, org: 'elsewhere' })], null)).toEqual([]);
  });

  it('orders newest first, and at one instant the larger key first', () => {
    const a = { recorded: '2026-12-02T10:00:00.000Z', key: 'a:1' };
    const b = { recorded: '2026-12-02T10:00:00.000Z', key: 'b:000000000000001' };
    const older = { recorded: '2026-12-02T09:00:00.000Z', key: 'b:000000000000009' };
    expect([older, a, b].sort(compareEntries)).toEqual([b, a, older]);
  });
});
