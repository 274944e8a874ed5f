import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';
import type { FhirSearch } from './search-params';

/** A resource with `meta.source` naming where it lives at this server (the consumer shows it as the item's source). */
export function withSource(resource: Resource, fhirBase: string): Resource {
  return { ...resource, meta: { ...resource.meta, source: `${fhirBase}/${resource.resourceType}/${resource.id}` } } as Resource;
}

/**
 * A FHIR searchset Bundle (R4 §3.1.1.3): the matches of one page, the paging links of the search
 * (self, next, previous; every parameter kept but `_offset`), extra entries (includes, outcomes) after
 * them, and `total` only when the caller gives it.
 */
export function searchsetBundle(input: {
  fhirBase: string;
  type: string;
  params: URLSearchParams;
  search: FhirSearch;
  hasNext: boolean;
  matches: Resource[];
  extra: BundleEntry[];
  total?: number;
}): Bundle {
  const { search } = input;
  const link = (offset: number) => {
    const u = new URL(`${input.fhirBase}/${input.type}`);
    for (const [k, v] of input.params) if (k !== '_offset') u.searchParams.append(k, v);
    u.searchParams.set('_offset', String(offset));
    return u.toString();
  };
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    timestamp: new Date().toISOString(),
    ...(input.total === undefined ? {} : { total: input.total }),
    link: [
      { relation: 'self', url: link(search.offset) },
      ...(input.hasNext ? [{ relation: 'next', url: link(search.offset + search.count) }] : []),
      ...(search.offset > 0 ? [{ relation: 'previous', url: link(Math.max(0, search.offset - search.count)) }] : []),
    ],
    entry: [...input.matches.map((r) => ({ fullUrl: `${input.fhirBase}/${r.resourceType}/${r.id}`, resource: r, search: { mode: 'match' as const } })), ...input.extra],
  };
}
