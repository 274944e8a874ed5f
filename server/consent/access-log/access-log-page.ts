import { and, desc, eq, gte, inArray, lt, lte, or, type SQL } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { auditEvents } from '@/db/app/schema/audit-events';
import { breakGlassGrants } from '@/db/app/schema/break-glass-grants';
import { users } from '@/db/app/schema/users';
import { AUDIT_OUTCOMES, AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import type { DataspaceConsumer } from '@/server/dataspace/consumer/dataspace-consumer';
import { readAccessLog, type AccessLogQuery, type IndexedAccessEvent } from '@/server/consent/authority-consents';
import { APP_SOURCE_ID, appKey, authorityKey, compareEntries, type TAccessLogCursor, type TAccessLogEntry } from './access-log-entry';

export interface AccessLogFilters {
  from?: string;
  to?: string;
  /** A provider id, the authority's id, or the app's (`d4h-clinic`). */
  provider?: string;
  purpose?: string;
}

export interface AccessLogPerson {
  nationalId: string;
  userId: string;
}

export interface AccessLogPage {
  entries: TAccessLogEntry[];
  nextCursor: TAccessLogCursor | null;
  /** Whether the authority's index answered; when not, the page shows the app's part and says why. */
  authority: { ok: boolean; detail: string | null };
}

/** The largest uuid: as a keyset bound it means "every id at that instant". */
const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
const BREAK_GLASS_REASON = /break-glass: (.*)$/;

/**
 * One page of a person's access log, newest first: every provider's accesses from the authority's index
 * (EHDS Art. 9) merged with what happened in this app about them or by them (their own actions
 * included, so that what the patient does is visible to them too). Both sources page by keyset; the page
 * takes the newest `limit` of the two, so page n costs what page 1 costs.
 */
export async function accessLogPage(db: Database, consumer: DataspaceConsumer, person: AccessLogPerson, filters: AccessLogFilters, cursor: TAccessLogCursor | null, limit: number): Promise<AccessLogPage> {
  const [authority, app] = await Promise.all([authorityPart(consumer, person, filters, cursor, limit), appPart(db, person, filters, cursor, limit)]);
  const merged = [...authority.events.map((e) => ({ kind: 'authority' as const, e, recorded: new Date(e.recorded).toISOString(), key: authorityKey(e.id) })), ...app.map((e) => ({ kind: 'app' as const, e, recorded: e.recorded, key: appKey(e.seq) }))].sort(compareEntries);
  const page = merged.slice(0, limit);
  const hasMore = merged.length > limit || authority.more || app.length > limit;
  const last = page.at(-1);
  const entries = await describe(db, consumer, person, page);
  return { entries, nextCursor: hasMore && last ? { recorded: last.recorded, key: last.key } : null, authority: { ok: authority.ok, detail: authority.detail } };
}

async function authorityPart(consumer: DataspaceConsumer, person: AccessLogPerson, filters: AccessLogFilters, cursor: TAccessLogCursor | null, limit: number) {
  if (filters.provider === APP_SOURCE_ID) return { ok: true, detail: null, events: [] as IndexedAccessEvent[], more: false };
  const query: AccessLogQuery = { ...filters, limit };
  // At the cursor's instant, app rows (b:) sort after index rows (a:): after an app row every index row of that instant is still to come.
  if (cursor) Object.assign(query, { beforeRecorded: cursor.recorded, beforeId: cursor.key.startsWith('a:') ? cursor.key.slice(2) : MAX_UUID });
  try {
    const identity = await consumer.identity.current();
    const { url, id } = { url: consumer.settings.authorityUrl, id: consumer.settings.authorityId };
    const answer = await readAccessLog(identity, { url, id }, { patient: person.nationalId }, person.nationalId, query);
    return { ok: true, detail: null, events: answer.events, more: answer.nextCursor !== null };
  } catch (error) {
    return { ok: false, detail: (error as Error).message.slice(0, 300), events: [] as IndexedAccessEvent[], more: false };
  }
}

/** The app's audit events about the person or by them, in the same order and window as the index part. */
async function appPart(db: Database, person: AccessLogPerson, filters: AccessLogFilters, cursor: TAccessLogCursor | null, limit: number) {
  if (filters.provider && filters.provider !== APP_SOURCE_ID) return [];
  const t = auditEvents;
  const about = or(eq(t.patientNationalId, person.nationalId), eq(t.agentUserId, person.userId));
  const conditions: SQL[] = about ? [about] : [];
  if (filters.from) conditions.push(gte(t.recorded, new Date(filters.from).toISOString()));
  if (filters.to) conditions.push(lt(t.recorded, new Date(filters.to).toISOString()));
  if (filters.purpose) conditions.push(eq(t.purposeOfUse, filters.purpose));
  if (cursor) {
    const at = new Date(cursor.recorded).toISOString();
    const before = cursor.key.startsWith('b:') ? or(lt(t.recorded, at), and(eq(t.recorded, at), lt(t.seq, Number(cursor.key.slice(2))))) : lt(t.recorded, at);
    if (before) conditions.push(before);
  }
  const rows = await db.select().from(t).where(and(...conditions)).orderBy(desc(t.recorded), desc(t.seq)).limit(limit + 1);
  return rows.map((r) => ({ ...r, recorded: new Date(r.recorded).toISOString() }));
}

type AppRow = Awaited<ReturnType<typeof appPart>>[number];
type Merged = { kind: 'authority'; e: IndexedAccessEvent; recorded: string; key: string } | { kind: 'app'; e: AppRow; recorded: string; key: string };

/** Names for ids (people from the app's users, organisations from the registry) and emergency-access details. */
async function describe(db: Database, consumer: DataspaceConsumer, person: AccessLogPerson, page: Merged[]): Promise<TAccessLogEntry[]> {
  // Providers name professionals as the app asserted them: by e-mail (clinicians) or user id (stewards).
  const refs = [...new Set(page.flatMap((m) => (m.kind === 'authority' ? [m.e.professional] : [m.e.agentUserId])).filter((x): x is string => !!x))];
  const emails = refs.filter((r) => r.includes('@'));
  const ids = refs.filter((r) => /^[0-9a-f-]{36}$/i.test(r));
  const people = refs.length
    ? await db
        .select({ id: users.id, email: users.email, name: users.name, role: users.role, organisation: users.organisation })
        .from(users)
        .where(or(emails.length ? inArray(users.email, emails) : undefined, ids.length ? inArray(users.id, ids) : undefined))
    : [];
  const byRef = new Map(people.flatMap((p) => [[p.email, p] as const, [p.id, p] as const]));
  const names = await consumer.directory
    .participants()
    .then((list) => new Map(list.map((p) => [p.id, p.legalName])))
    .catch(() => new Map<string, string>());
  const grants = await emergencyGrants(db, person.nationalId, page, byRef);
  return page.map((m): TAccessLogEntry => {
    if (m.kind === 'authority') {
      const e = m.e;
      const who = e.professional ? byRef.get(e.professional) : undefined;
      const organisation = e.organisation ?? who?.organisation ?? null;
      const grant = e.purpose === 'ETREAT' && who ? grants.find((g) => g.clinicianId === who.id && g.startedAt <= new Date(m.recorded) && new Date(m.recorded) <= g.expiresAt) : undefined;
      return {
        key: m.key,
        recorded: m.recorded,
        source: 'provider',
        holderId: e.providerId,
        holderName: names.get(e.providerId) ?? null,
        who: { id: e.professional, name: who?.name ?? null, role: e.professionalRole, organisation, organisationName: organisation ? (names.get(organisation) ?? null) : null },
        byPatient: false,
        purpose: e.purpose,
        action: e.action,
        dataCategories: e.dataCategories ?? [],
        agreementId: e.agreementId ?? null,
        consumerId: e.consumerId,
        outcome: e.outcome,
        detail: e.detail,
        emergency:
          e.purpose === 'ETREAT'
            ? { reason: grant?.reason ?? BREAK_GLASS_REASON.exec(e.detail ?? '')?.[1] ?? null, expiresAt: grant?.expiresAt.toISOString() ?? null, endedAt: grant?.endedAt?.toISOString() ?? null }
            : null,
      };
    }
    const e = m.e;
    const who = e.agentUserId ? byRef.get(e.agentUserId) : undefined;
    const entity = e.entity ?? {};
    const isEmergency = e.subtype === AUDIT_SUBTYPES.breakGlassStarted || e.purposeOfUse === 'ETREAT';
    const grant = isEmergency && who ? grants.find((g) => g.clinicianId === who.id && g.startedAt <= new Date(m.recorded) && new Date(m.recorded) <= g.expiresAt) : undefined;
    return {
      key: m.key,
      recorded: m.recorded,
      source: 'app',
      holderId: APP_SOURCE_ID,
      holderName: names.get(APP_SOURCE_ID) ?? null,
      who: { id: e.agentUserId, name: who?.name ?? null, role: e.agentRole, organisation: e.agentOrganisation, organisationName: e.agentOrganisation ? (names.get(e.agentOrganisation) ?? null) : null },
      byPatient: e.agentUserId === person.userId,
      purpose: e.purposeOfUse,
      action: e.subtype,
      dataCategories: [],
      agreementId: null,
      consumerId: null,
      outcome: e.outcome === AUDIT_OUTCOMES.success ? 'allowed' : 'denied',
      detail: e.subtype === AUDIT_SUBTYPES.breakGlassStarted ? null : e.outcomeDescription,
      emergency: isEmergency
        ? {
            reason: grant?.reason ?? (e.subtype === AUDIT_SUBTYPES.breakGlassStarted ? e.outcomeDescription : null),
            expiresAt: grant?.expiresAt.toISOString() ?? (typeof entity.expiresAt === 'string' ? entity.expiresAt : null),
            endedAt: grant?.endedAt?.toISOString() ?? null,
          }
        : null,
    };
  });
}

/** The app's own break-glass grants for this person covering the page's emergency accesses: reason and expiry come from there. */
async function emergencyGrants(db: Database, nationalId: string, page: Merged[], byRef: Map<string, { id: string }>) {
  const emergencies = page.filter((m) => (m.kind === 'authority' ? m.e.purpose === 'ETREAT' : m.e.purposeOfUse === 'ETREAT' || m.e.subtype === AUDIT_SUBTYPES.breakGlassStarted));
  if (emergencies.length === 0) return [];
  const clinicians = [...new Set(emergencies.flatMap((m) => { const ref = m.kind === 'authority' ? m.e.professional : m.e.agentUserId; const who = ref ? byRef.get(ref) : undefined; return who ? [who.id] : []; }))];
  if (clinicians.length === 0) return [];
  const oldest = new Date(Math.min(...emergencies.map((m) => Date.parse(m.recorded))));
  return db
    .select()
    .from(breakGlassGrants)
    .where(and(eq(breakGlassGrants.patientNationalId, nationalId), inArray(breakGlassGrants.clinicianId, clinicians), gte(breakGlassGrants.expiresAt, oldest), lte(breakGlassGrants.startedAt, new Date())));
}
