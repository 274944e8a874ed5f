import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import type { Resource } from '@medplum/fhirtypes';
import type { Database } from '@/db/client';
import { fhirResource } from '@/db/participant/schema/fhir-resource';
import { soleWriterCachePerDatabase } from '@/db/sole-writer-cache';
import { searchColumns } from './search-index';
import type { StoredResource } from './stored-resource';
import type { FhirSearch } from './search-params';

export type ResourceInsert = typeof fhirResource.$inferInsert & { date: Date | null; codes: string[]; identifiers: string[] };

/** The row a resource is stored as: its search columns extracted, meta.versionId and lastUpdated set. */
export function toResourceRow(s: StoredResource, now: Date): ResourceInsert {
  const cols = searchColumns(s.resource);
  return {
    resourceType: s.resource.resourceType,
    id: s.resource.id,
    datasetId: s.datasetId,
    patientId: s.patientId,
    nationalId: s.nationalId,
    dataCategory: s.dataCategory,
    codes: cols.codes,
    identifiers: cols.identifiers,
    date: cols.date,
    lastUpdated: now,
    resource: { ...s.resource, meta: { ...s.resource.meta, versionId: '1', lastUpdated: now.toISOString() } },
  };
}

/** Inserts resources in one statement per batch; existing ids are left alone (seeding is idempotent). */
export async function insertResources(db: Database, resources: StoredResource[], now = new Date()): Promise<void> {
  if (resources.length === 0) return;
  await db.insert(fhirResource).values(resources.map((s) => toResourceRow(s, now))).onConflictDoNothing();
  fhirStoreChanged(db);
}

export type ResourceRow = typeof fhirResource.$inferSelect;

export async function readResource(db: Database, datasetId: string, resourceType: string, id: string): Promise<ResourceRow | undefined> {
  const [row] = await db.select().from(fhirResource).where(and(eq(fhirResource.resourceType, resourceType), eq(fhirResource.id, id), eq(fhirResource.datasetId, datasetId)));
  return row;
}

/** The WHERE conditions of a parsed search (shared with the batched form in search-batch-store.ts). */
export function searchWhere(datasetId: string, search: FhirSearch): SQL[] {
  const where: SQL[] = [eq(fhirResource.resourceType, search.resourceType), eq(fhirResource.datasetId, datasetId)];
  if (search.patientIds) where.push(inArray(fhirResource.patientId, search.patientIds));
  if (search.ids) where.push(inArray(fhirResource.id, search.ids));
  if (search.codes) where.push(sql`${fhirResource.codes} && ${sql.param(search.codes)}::text[]`);
  if (search.identifiers) where.push(sql`${fhirResource.identifiers} && ${sql.param(search.identifiers)}::text[]`);
  for (const range of search.dates) {
    if (range.from) where.push(gte(fhirResource.date, range.from));
    if (range.to) where.push(lt(fhirResource.date, range.to));
  }
  return where;
}

/** The ORDER BY of a parsed search, with the id as tie-breaker so pages are stable. */
export function searchOrder(search: FhirSearch): SQL[] {
  return search.sort === 'date' ? [asc(fhirResource.date), asc(fhirResource.id)] : search.sort === '-date' ? [desc(fhirResource.date), asc(fhirResource.id)] : search.sort === '-_lastUpdated' ? [desc(fhirResource.lastUpdated), asc(fhirResource.id)] : [asc(fhirResource.id)];
}

/** How many resources match a search (all pages): Bundle.total. */
export async function countResources(db: Database, datasetId: string, search: FhirSearch): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(fhirResource).where(and(...searchWhere(datasetId, search)));
  return Number(row?.n ?? 0);
}

/**
 * Identifier → Patient ids, per provider database, kept between writes to its FHIR store: the provider
 * process is the only writer (seeding and bulk loads call fhirStoreChanged), and every record read
 * resolves `patient.identifier` first.
 */
const patientIdCache = soleWriterCachePerDatabase<string[]>();

/** The FHIR store of `db` was written: forget the identifier lookups kept for it. */
export function fhirStoreChanged(db: Database): void {
  patientIdCache(db).changed();
}

/** Logical ids of the Patients with this identifier token (for `patient.identifier` chaining). */
export function patientIdsByIdentifier(db: Database, datasetId: string, identifiers: string[]): Promise<string[]> {
  return patientIdCache(db).get(JSON.stringify([datasetId, identifiers]), async () => {
    const rows = await db
      .select({ id: fhirResource.id })
      .from(fhirResource)
      .where(and(eq(fhirResource.resourceType, 'Patient'), eq(fhirResource.datasetId, datasetId), sql`${fhirResource.identifiers} && ${sql.param(identifiers)}::text[]`));
    return rows.map((r) => r.id);
  });
}

export function resourceOf(row: ResourceRow): Resource {
  return row.resource as Resource;
}
