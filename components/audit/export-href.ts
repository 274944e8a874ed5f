/** The address of the steward's CSV or JSON export of what the filters show. */
export function exportHref(source: 'app' | 'providers', format: 'csv' | 'json', filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams({ source, format });
  for (const [k, v] of Object.entries(filters)) if (v) params.set(k, v);
  return `/api/audit/export?${params.toString()}`;
}
