import type { Resource } from '@medplum/fhirtypes';

type Json = Record<string, unknown>;
const CODE_FIELDS = ['code', 'medicationCodeableConcept', 'type', 'vaccineCode'] as const;
const DATE_FIELDS = ['effectiveDateTime', 'onsetDateTime', 'authoredOn', 'performedDateTime', 'issued', 'recordedDate', 'birthDate'] as const;

function tokens(concept: unknown): string[] {
  const codings = (concept as { coding?: Array<{ system?: string; code?: string }> } | undefined)?.coding ?? [];
  return codings.flatMap((c) => (c.code ? [c.code, ...(c.system ? [`${c.system}|${c.code}`] : [])] : []));
}

/** Search columns of a resource: `code` tokens, `identifier` tokens and the date the `date` parameter means. */
export function searchColumns(resource: Resource): { codes: string[]; identifiers: string[]; date: Date | null } {
  const r = resource as unknown as Json;
  const codes = new Set<string>();
  for (const field of CODE_FIELDS) {
    const value = r[field];
    for (const t of Array.isArray(value) ? value.flatMap(tokens) : tokens(value)) codes.add(t);
  }
  const identifiers = ((r.identifier as Array<{ system?: string; value?: string }> | undefined) ?? []).flatMap((i) => (i.value ? [i.value, ...(i.system ? [`${i.system}|${i.value}`] : [])] : []));
  let date: Date | null = null;
  for (const field of DATE_FIELDS) {
    if (typeof r[field] === 'string') {
      date = new Date(r[field] as string);
      break;
    }
  }
  const period = (r.period ?? r.effectivePeriod ?? r.performedPeriod) as { start?: string } | undefined;
  if (!date && period?.start) date = new Date(period.start);
  return { codes: [...codes], identifiers, date: date && !Number.isNaN(date.getTime()) ? date : null };
}
