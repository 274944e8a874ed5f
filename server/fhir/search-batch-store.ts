import { and, getTableColumns, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { fhirResource } from '@/db/participant/schema/fhir-resource';
import { searchOrder, searchResources, searchWhere, type ResourceRow } from './resource-store';
import type { FhirSearch } from './search-params';

const COLUMNS = Object.entries(getTableColumns(fhirResource));

/**
 * Runs several parsed searches as ONE statement (a UNION ALL of the searches, each with its own order,
 * limit and offset), so a batch costs one database round trip instead of one per search. Returns, per
 * search and in its order, one row more than asked (like searchResources) to tell whether a next page exists.
 */
export async function searchResourcesTogether(db: Database, datasetId: string, searches: FhirSearch[]): Promise<ResourceRow[][]> {
  const [only] = searches;
  if (!only) return [];
  if (searches.length === 1) return [await searchResources(db, datasetId, only)];
  const parts = searches.map((search, entry) => {
    const order = searchOrder(search);
    // The position within its search travels with the row: UNION ALL by itself promises no order.
    const query = db
      .select({ entry: sql<number>`${entry}::int`.as('entry'), position: sql<number>`(row_number() over (order by ${sql.join(order, sql`, `)}))::int`.as('position'), ...getTableColumns(fhirResource) })
      .from(fhirResource)
      .where(and(...searchWhere(datasetId, search)))
      .orderBy(...order)
      .limit(search.count + 1)
      .offset(search.offset);
    return sql`(${query.getSQL()})`;
  });
  // Both drivers (PGlite, node-postgres) answer a raw statement with { rows }.
  const result = (await db.execute(sql.join(parts, sql` union all `))) as unknown as { rows: Array<Record<string, unknown>> };
  const rows = result.rows
    .map((raw) => {
      const row: Record<string, unknown> = {};
      for (const [key, column] of COLUMNS) {
        const value = raw[column.name];
        row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
      }
      return { entry: Number(raw.entry), position: Number(raw.position), row: row as ResourceRow };
    })
    .sort((a, b) => a.entry - b.entry || a.position - b.position);
  const out: ResourceRow[][] = searches.map(() => []);
  for (const r of rows) out[r.entry]?.push(r.row);
  return out;
}
