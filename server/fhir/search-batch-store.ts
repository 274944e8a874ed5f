import { and, sql } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { fhirResource } from '@/db/participant/schema/fhir-resource';
import { searchOrder, searchWhere } from './resource-store';
import type { FhirSearch } from './search-params';

/** What a search returns per match: the resource and what the consent check needs to know about it. */
export interface MatchRow {
  id: string;
  nationalId: string | null;
  dataCategory: string;
  resource: unknown;
}

/**
 * Only these columns, and the resource as JSON text parsed here: decoding the search arrays and dates of
 * every row, and the driver's own jsonb decoding, cost about half of a record read's query.
 */
const MATCH_COLUMNS = sql`${fhirResource.id} as id, ${fhirResource.nationalId} as national_id, ${fhirResource.dataCategory} as data_category, ${fhirResource.resource}::text as resource_json`;

/** Runs one parsed search; returns one row more than asked so the caller knows whether there is a next page. */
export async function searchResources(db: Database, datasetId: string, search: FhirSearch): Promise<MatchRow[]> {
  return (await searchResourcesTogether(db, datasetId, [search]))[0] ?? [];
}

/**
 * Runs several parsed searches as ONE statement (a UNION ALL of the searches, each with its own order,
 * limit and offset), so a batch costs one database round trip instead of one per search. Returns, per
 * search and in its order, one row more than asked (like searchResources) to tell whether a next page exists.
 */
export async function searchResourcesTogether(db: Database, datasetId: string, searches: FhirSearch[]): Promise<MatchRow[][]> {
  if (searches.length === 0) return [];
  const parts = searches.map((search, entry) => {
    const order = sql.join(searchOrder(search), sql`, `);
    // The position within its search travels with the row: UNION ALL by itself promises no order.
    return sql`(select ${entry}::int as entry, (row_number() over (order by ${order}))::int as position, ${MATCH_COLUMNS} from ${fhirResource} where ${and(...searchWhere(datasetId, search))} order by ${order} limit ${search.count + 1} offset ${search.offset})`;
  });
  // Both drivers (PGlite, node-postgres) answer a raw statement with { rows }.
  const result = (await db.execute(sql.join(parts, sql` union all `))) as unknown as { rows: Array<{ entry: number; position: number; id: string; national_id: string | null; data_category: string; resource_json: string }> };
  const out: MatchRow[][] = searches.map(() => []);
  const rows = [...result.rows].sort((a, b) => Number(a.entry) - Number(b.entry) || Number(a.position) - Number(b.position));
  for (const raw of rows) out[Number(raw.entry)]?.push({ id: raw.id, nationalId: raw.national_id, dataCategory: raw.data_category, resource: JSON.parse(raw.resource_json) as unknown });
  return out;
}
