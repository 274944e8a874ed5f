import { z } from 'zod';
import { FhirSearchError, isSearchableType, parseSearch, type FhirSearch, type SearchableType } from './search-params';

/** Entries one batch may hold: a whole record is one search per resource type, with room to spare. */
export const MAX_BATCH_ENTRIES = 20;

const ZBatch = z.object({
  resourceType: z.literal('Bundle'),
  type: z.literal('batch', { error: 'only Bundle.type "batch" is supported (no transactions on a read-only data plane)' }),
  entry: z
    .array(
      z.object({
        request: z.object({
          method: z.literal('GET', { error: 'only GET entries are supported (the data plane is read-only)' }),
          url: z.string().min(1).max(2000),
        }),
      }),
    )
    .min(1)
    .max(MAX_BATCH_ENTRIES),
});

/** One batch entry: its parsed search, or why it cannot be run (answered 400 in its own entry). */
export type BatchSearch = { url: string; type: SearchableType; params: URLSearchParams; search: FhirSearch } | { url: string; error: string; status: 400 | 404 };

export type ParsedBatch = { ok: true; entries: BatchSearch[] } | { ok: false; reason: string };

/**
 * Parses a FHIR `batch` Bundle of type-level searches (`Observation?patient.identifier=…`). A Bundle
 * that is not a read-only batch is refused whole; a bad entry gets its own 400 or 404, as FHIR batch
 * processing says, and the others still run.
 */
export function parseSearchBatch(body: unknown): ParsedBatch {
  const parsed = ZBatch.safeParse(body);
  if (!parsed.success) return { ok: false, reason: `invalid batch: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'Bundle'}: ${i.message}`).join('; ')}` };
  const entries = parsed.data.entry.map(({ request: { url } }): BatchSearch => {
    const question = url.indexOf('?');
    const path = (question < 0 ? url : url.slice(0, question)).replace(/^\/+/, '');
    const query = question < 0 ? '' : url.slice(question + 1);
    if (path.includes('/')) return { url, error: 'a batch entry must be a type-level search such as Observation?patient=…', status: 400 };
    if (!isSearchableType(path)) return { url, error: `resource type ${path} is not served here`, status: 404 };
    const params = new URLSearchParams(query);
    try {
      return { url, type: path, params, search: parseSearch(path, params) };
    } catch (error) {
      if (error instanceof FhirSearchError) return { url, error: error.message, status: 400 };
      throw error;
    }
  });
  return { ok: true, entries };
}
