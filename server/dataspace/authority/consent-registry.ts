import { randomUUID } from 'node:crypto';
import type { Consent } from '@medplum/fhirtypes';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { consentVersion } from '@/db/participant/schema/consent';
import { toConsentResource, type ConsentProvisionSpec } from './consent-resource';

export type ConsentVersionRow = typeof consentVersion.$inferSelect;

export interface ConsentWrite {
  patient: string;
  /** The version the author saw (0: none yet); null writes on top of whatever is current (a steward's or a seed's write). */
  baseVersion: number | null;
  rules: readonly ConsentProvisionSpec[];
  source: 'default' | 'patient' | 'steward';
  by: string;
  /** From the client: the same key again answers with the version it already wrote. */
  idempotencyKey: string | null;
  /** Signs the receipt of the new version inside the same transaction (nothing half-written). */
  sign?: (resource: Consent, row: { patient: string; version: number; recordedBy: string }) => Promise<string>;
}

export type WriteOutcome =
  | { outcome: 'created'; row: ConsentVersionRow }
  | { outcome: 'repeated'; row: ConsentVersionRow }
  | { outcome: 'conflict'; current: ConsentVersionRow | null };

/** Postgres unique_violation (both drivers put the SQLSTATE on the error or on drizzle's cause). */
function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}

/**
 * The versioned consent registry: each person's Consent, every change a new version, old versions kept.
 * Writes are atomic (one INSERT in one transaction, receipt included), idempotent (by the client's
 * key) and checked against the version the author saw, so two devices never lose a change silently.
 */
export class ConsentRegistry {
  constructor(
    private readonly db: Database,
    private readonly authorityId: string,
  ) {}

  async current(patient: string): Promise<ConsentVersionRow | null> {
    const [row] = await this.db.select().from(consentVersion).where(eq(consentVersion.patientNationalId, patient)).orderBy(desc(consentVersion.version)).limit(1);
    return row ?? null;
  }

  /** Every version, newest first. */
  history(patient: string): Promise<ConsentVersionRow[]> {
    return this.db.select().from(consentVersion).where(eq(consentVersion.patientNationalId, patient)).orderBy(desc(consentVersion.version));
  }

  /** The current version of each of these people that has one. */
  async currentOf(patients: readonly string[]): Promise<Map<string, ConsentVersionRow>> {
    const out = new Map<string, ConsentVersionRow>();
    for (let i = 0; i < patients.length; i += 5000) {
      const chunk = patients.slice(i, i + 5000);
      const rows = await this.db
        .select()
        .from(consentVersion)
        .where(and(inArray(consentVersion.patientNationalId, chunk), eq(consentVersion.version, sql`(select max(v.version) from consent_version v where v.patient_national_id = ${consentVersion.patientNationalId})`)));
      for (const row of rows) out.set(row.patientNationalId, row);
    }
    return out;
  }

  async write(w: ConsentWrite): Promise<WriteOutcome> {
    try {
      return await this.db.transaction(async (tx) => {
        // The key first: a repeat of a write that went through must not read as a conflict with itself.
        const [repeated] = w.idempotencyKey ? await tx.select().from(consentVersion).where(and(eq(consentVersion.patientNationalId, w.patient), eq(consentVersion.idempotencyKey, w.idempotencyKey))) : [];
        if (repeated) return { outcome: 'repeated', row: repeated } as const;
        const [latest] = await tx.select().from(consentVersion).where(eq(consentVersion.patientNationalId, w.patient)).orderBy(desc(consentVersion.version)).limit(1);
        const currentVersion = latest?.version ?? 0;
        if (w.baseVersion !== null && w.baseVersion !== currentVersion) return { outcome: 'conflict', current: latest ?? null } as const;
        const version = currentVersion + 1;
        const recorded = new Date();
        const consentId = latest?.consentId ?? randomUUID();
        const resource = toConsentResource({ consentId, version, patient: w.patient, recorded, authority: this.authorityId }, w.rules);
        const receipt = w.sign ? await w.sign(resource, { patient: w.patient, version, recordedBy: w.by }) : null;
        const [row] = await tx
          .insert(consentVersion)
          .values({ consentId, patientNationalId: w.patient, version, resource, source: w.source, recordedAt: recorded, recordedBy: w.by, idempotencyKey: w.idempotencyKey, receipt })
          .returning();
        if (!row) throw new Error('consent version not written');
        return { outcome: 'created', row } as const;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // Another write won the race: the same request (same key) or another author from the same base.
      const repeated = w.idempotencyKey ? await this.byKey(w.patient, w.idempotencyKey) : null;
      if (repeated) return { outcome: 'repeated', row: repeated };
      return { outcome: 'conflict', current: await this.current(w.patient) };
    }
  }

  private async byKey(patient: string, key: string): Promise<ConsentVersionRow | null> {
    const [row] = await this.db.select().from(consentVersion).where(and(eq(consentVersion.patientNationalId, patient), eq(consentVersion.idempotencyKey, key)));
    return row ?? null;
  }
}

/**
 * Version 1 of the consents of seeded people (demo and synthetic choices), in bulk, without receipts (no
 * one made these choices at a portal). Someone who already has a consent keeps it.
 */
export async function seedConsentVersions(tx: Pick<Database, 'insert'>, authorityId: string, entries: ReadonlyArray<{ patient: string; rules: readonly ConsentProvisionSpec[] }>, by: string): Promise<void> {
  const recorded = new Date();
  for (let i = 0; i < entries.length; i += 1000) {
    const values = entries.slice(i, i + 1000).map(({ patient, rules }) => {
      const consentId = randomUUID();
      return { consentId, patientNationalId: patient, version: 1, resource: toConsentResource({ consentId, version: 1, patient, recorded, authority: authorityId }, rules), source: 'default' as const, recordedAt: recorded, recordedBy: by };
    });
    if (values.length > 0) await tx.insert(consentVersion).values(values).onConflictDoNothing();
  }
}
