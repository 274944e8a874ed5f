/** Resource types the providers serve. */
export const SEARCHABLE_TYPES = ['Patient', 'Encounter', 'Condition', 'Observation', 'MedicationRequest', 'MedicationStatement', 'Procedure', 'DiagnosticReport'] as const;
export type SearchableType = (typeof SEARCHABLE_TYPES)[number];

export interface DateRange {
  from?: Date;
  to?: Date;
}

export interface FhirSearch {
  resourceType: SearchableType;
  patientIds?: string[];
  patientIdentifiers?: string[];
  ids?: string[];
  codes?: string[];
  identifiers?: string[];
  dates: DateRange[];
  count: number;
  offset: number;
  sort: 'date' | '-date' | '_id' | '-_lastUpdated';
}

export class FhirSearchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FhirSearchError';
  }
}

export const MAX_COUNT = 200;
const DEFAULT_COUNT = 50;
const KNOWN = new Set(['patient', 'subject', 'patient.identifier', 'subject.identifier', 'identifier', 'code', 'date', '_id', '_count', '_sort', '_offset', '_format']);

export function isSearchableType(value: string): value is SearchableType {
  return (SEARCHABLE_TYPES as readonly string[]).includes(value);
}

/** The instant range a FHIR date value covers at its precision (YYYY, YYYY-MM, YYYY-MM-DD or a full dateTime). */
export function dateRangeOf(value: string): { start: Date; end: Date } {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2}))?)?)?$/.exec(value);
  if (!m) throw new FhirSearchError(`date value "${value}" is not a FHIR date`);
  const [, y, mo, d, time] = m;
  const year = Number(y);
  if (time) {
    const at = new Date(`${y}-${mo}-${d}${time}`);
    if (Number.isNaN(at.getTime())) throw new FhirSearchError(`date value "${value}" is not a valid instant`);
    return { start: at, end: new Date(at.getTime() + 1000) };
  }
  if (d) {
    const start = new Date(Date.UTC(year, Number(mo) - 1, Number(d)));
    if (start.getUTCDate() !== Number(d) || start.getUTCMonth() !== Number(mo) - 1) throw new FhirSearchError(`date value "${value}" is not a calendar date`);
    return { start, end: new Date(start.getTime() + 86400_000) };
  }
  if (mo) {
    const month = Number(mo);
    if (month < 1 || month > 12) throw new FhirSearchError(`date value "${value}" has no such month`);
    return { start: new Date(Date.UTC(year, month - 1, 1)), end: new Date(Date.UTC(year, month, 1)) };
  }
  return { start: new Date(Date.UTC(year, 0, 1)), end: new Date(Date.UTC(year + 1, 0, 1)) };
}

/** `date` with a prefix (eq, lt, gt, ge, le; none means eq) → a half-open range on the resource date. */
export function parseDateParam(raw: string): DateRange {
  const m = /^(eq|lt|gt|ge|le)?(.+)$/.exec(raw);
  const prefix = m?.[1] ?? 'eq';
  const { start, end } = dateRangeOf(m?.[2] ?? raw);
  switch (prefix) {
    case 'lt':
      return { to: start };
    case 'le':
      return { to: end };
    case 'gt':
      return { from: end };
    case 'ge':
      return { from: start };
    default:
      return { from: start, to: end };
  }
}

const list = (values: string[]): string[] => values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v.length > 0);

/** Parses a search query; unknown parameters, bad values and unsupported modifiers throw FhirSearchError (400). */
export function parseSearch(resourceType: SearchableType, params: URLSearchParams): FhirSearch {
  const search: FhirSearch = { resourceType, dates: [], count: DEFAULT_COUNT, offset: 0, sort: '-date' };
  for (const key of new Set(params.keys())) {
    if (!KNOWN.has(key)) throw new FhirSearchError(`unknown search parameter "${key}"`);
    const values = params.getAll(key);
    if (values.some((v) => v.length === 0)) throw new FhirSearchError(`search parameter "${key}" is empty`);
    switch (key) {
      case 'patient':
      case 'subject':
        if (resourceType === 'Patient') throw new FhirSearchError(`"${key}" does not apply to Patient; use _id or identifier`);
        search.patientIds = list(values).map((v) => v.replace(/^Patient\//, ''));
        break;
      case 'patient.identifier':
      case 'subject.identifier':
        if (resourceType === 'Patient') throw new FhirSearchError(`"${key}" does not apply to Patient; use identifier`);
        search.patientIdentifiers = list(values);
        break;
      case 'identifier':
        if (resourceType !== 'Patient') throw new FhirSearchError('"identifier" is supported on Patient only');
        search.identifiers = list(values);
        break;
      case '_id':
        search.ids = list(values);
        break;
      case 'code':
        if (resourceType === 'Patient') throw new FhirSearchError('"code" does not apply to Patient');
        search.codes = list(values);
        break;
      case 'date':
        search.dates = values.map(parseDateParam);
        break;
      case '_count': {
        const n = Number(values[0]);
        if (!Number.isInteger(n) || n < 0) throw new FhirSearchError('_count must be a non-negative integer');
        search.count = Math.min(n, MAX_COUNT);
        break;
      }
      case '_offset': {
        const n = Number(values[0]);
        if (!Number.isInteger(n) || n < 0 || n > 100_000) throw new FhirSearchError('_offset must be an integer between 0 and 100000');
        search.offset = n;
        break;
      }
      case '_sort': {
        const v = values[0];
        if (v !== 'date' && v !== '-date' && v !== '_id' && v !== '-_lastUpdated') throw new FhirSearchError('_sort supports date, -date, _id and -_lastUpdated');
        search.sort = v;
        break;
      }
      default:
        break; // _format: JSON is the only format, accepted and ignored
    }
  }
  if (resourceType === 'Patient' && search.sort.endsWith('date')) search.sort = '_id';
  return search;
}
