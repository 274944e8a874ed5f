import type { Database } from '@/db/client';
import { users } from '@/db/app/schema/users';
import { inArray } from 'drizzle-orm';
import { searchAccessEvents, type AccessLogCursor, type AccessSearchQuery, type IndexedAccessEvent } from '@/server/consent/authority-consents';
import type { DataspaceConsumer } from '@/server/dataspace/consumer/dataspace-consumer';

export interface ProviderAccessRow extends IndexedAccessEvent {
  /** The professional as this app knows them (the providers name clinicians by e-mail, stewards by user id). */
  professionalName: string | null;
}

/**
 * One page of the steward's search across every provider, through the authority's access-event index
 * (each provider reports its AuditEvents there; a steward's search is itself logged for every person it
 * shows). The unreachable authority is a status, not an exception.
 */
export async function providerAccessSearch(db: Database, consumer: DataspaceConsumer, steward: { userId: string }, query: AccessSearchQuery): Promise<{ ok: boolean; detail: string | null; rows: ProviderAccessRow[]; nextCursor: AccessLogCursor | null }> {
  try {
    const identity = await consumer.identity.current();
    const answer = await searchAccessEvents(identity, { url: consumer.settings.authorityUrl, id: consumer.settings.authorityId }, { userId: steward.userId, purpose: 'audit search' }, query);
    const refs = [...new Set(answer.events.flatMap((e) => (e.professional ? [e.professional] : [])))];
    const emails = refs.filter((r) => r.includes('@'));
    const ids = refs.filter((r) => /^[0-9a-f-]{36}$/i.test(r));
    const people = [...(emails.length ? await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.email, emails)) : []), ...(ids.length ? await db.select({ id: users.id, email: users.email, name: users.name }).from(users).where(inArray(users.id, ids)) : [])];
    const byRef = new Map(people.flatMap((p) => [[p.email, p.name] as const, [p.id, p.name] as const]));
    return { ok: true, detail: null, rows: answer.events.map((e) => ({ ...e, professionalName: e.professional ? (byRef.get(e.professional) ?? null) : null })), nextCursor: answer.nextCursor };
  } catch (error) {
    return { ok: false, detail: (error as Error).message.slice(0, 300), rows: [], nextCursor: null };
  }
}
