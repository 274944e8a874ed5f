import { eq, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { accessLogVisits } from '@/db/app/schema/access-log-visits';
import type { TAccessLogEntry } from './access-log-entry';

export interface AccessLogVisit {
  lastVisitAt: Date;
  knownOrganisations: string[];
}

/** The person's last look at their log, or null before the first. */
export async function lastAccessLogVisit(db: Database, nationalId: string): Promise<AccessLogVisit | null> {
  const [row] = await db.select().from(accessLogVisits).where(eq(accessLogVisits.patientNationalId, nationalId));
  return row ? { lastVisitAt: row.lastVisitAt, knownOrganisations: row.knownOrganisations } : null;
}

/** The organisation an access counts for: the professional's own, else the record holder. */
export const accessOrganisation = (e: Pick<TAccessLogEntry, 'who' | 'holderId'>): string => e.who.organisation ?? e.holderId;

/**
 * Records that the person has seen their log up to `seenUpTo` (when the page they looked at was read)
 * and the organisations in it. Never moves the mark backwards, so an old tab cannot re-mark as new what
 * a newer one showed.
 */
export async function recordAccessLogVisit(db: Database, nationalId: string, seenUpTo: Date, organisations: readonly string[]): Promise<AccessLogVisit> {
  const orgs = [...new Set(organisations)];
  const [row] = await db
    .insert(accessLogVisits)
    .values({ patientNationalId: nationalId, lastVisitAt: seenUpTo, knownOrganisations: orgs })
    .onConflictDoUpdate({
      target: accessLogVisits.patientNationalId,
      set: {
        lastVisitAt: sql`greatest(${accessLogVisits.lastVisitAt}, excluded.last_visit_at)`,
        knownOrganisations: sql`array(select distinct unnest(${accessLogVisits.knownOrganisations} || excluded.known_organisations) order by 1)`,
      },
    })
    .returning();
  if (!row) throw new Error('access-log visit was not written');
  return { lastVisitAt: row.lastVisitAt, knownOrganisations: row.knownOrganisations };
}

export type AccessLogNotification =
  | { kind: 'emergency'; entry: TAccessLogEntry }
  | { kind: 'new-organisation'; organisation: string; organisationName: string | null; entry: TAccessLogEntry };

/**
 * What to tell the person about the accesses since their last visit (newest first): each emergency
 * access, and the first access by an organisation that had never accessed their record before.
 * The person's own actions raise nothing.
 */
export function accessLogNotifications(since: readonly TAccessLogEntry[], visit: AccessLogVisit | null): AccessLogNotification[] {
  const known = new Set(visit?.knownOrganisations ?? []);
  const notifications: AccessLogNotification[] = [];
  // Oldest first, so the first access of a new organisation is the one named.
  const firstByOrganisation = new Map<string, TAccessLogEntry>();
  for (const e of [...since].reverse()) {
    if (e.byPatient) continue;
    const org = accessOrganisation(e);
    if (!known.has(org) && !firstByOrganisation.has(org)) firstByOrganisation.set(org, e);
  }
  // One emergency notice per emergency access (one grant reads at every provider, each read logged).
  const emergencies = new Set<string>();
  for (const e of since) {
    if (e.byPatient) continue;
    const grant = e.emergency ? `${e.who.name ?? e.who.id ?? ''}|${e.emergency.expiresAt ?? e.emergency.reason ?? e.key}` : null;
    if (grant && !emergencies.has(grant)) {
      emergencies.add(grant);
      notifications.push({ kind: 'emergency', entry: e });
    }
    const org = accessOrganisation(e);
    if (firstByOrganisation.get(org) === e) notifications.push({ kind: 'new-organisation', organisation: org, organisationName: e.who.organisationName ?? e.holderName, entry: e });
  }
  return notifications;
}
