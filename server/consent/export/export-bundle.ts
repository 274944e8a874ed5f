import type { Bundle, BundleEntry, Resource } from '@medplum/fhirtypes';

/** One resource of an export and where it came from (its URL at the provider, when it has one). */
export interface ExportedResource {
  resource: Resource;
  fullUrl: string;
  /** The provider that holds it, `ehealth-agency` for consents and receipts, `d4h-clinic` for the app's log. */
  holder: string;
}

/**
 * The whole export as one FHIR R4 Bundle of type `collection` (GDPR Art. 20: a structured, commonly
 * used, machine-readable format). Pure, so the page builds the same file from the stream it received.
 */
export function exportBundle(resources: readonly ExportedResource[], at: Date): Bundle {
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: at.toISOString(),
    entry: resources.map((r): BundleEntry => ({ fullUrl: r.fullUrl, resource: r.resource })),
  };
}

/**
 * The same resources as Bulk Data NDJSON, one file per resource type (FHIR Bulk Data Access IG,
 * "Bulk Data Output File Format": one resource per line, newline-delimited, `application/fhir+ndjson`).
 */
export function exportNdjson(resources: readonly ExportedResource[]): Map<string, string> {
  const files = new Map<string, string[]>();
  for (const r of resources) {
    const lines = files.get(r.resource.resourceType) ?? [];
    lines.push(JSON.stringify(r.resource));
    files.set(r.resource.resourceType, lines);
  }
  return new Map([...files].sort(([a], [b]) => a.localeCompare(b)).map(([type, lines]) => [type, `${lines.join('\n')}\n`]));
}
