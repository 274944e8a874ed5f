import type { TItemSource, TMergedRecord } from '@/server/records/merged-record-schema';
import { IMAGING_REPORT_LOINC, PATHOLOGY_REPORT_LOINC } from '@/server/terminology/oncology-reports';

/**
 * What a case needs before a board can discuss it (NAVIFY Tumor Board and the UK MDT standards ask
 * for histology, staging imaging, molecular results, performance status and treatment history).
 */
export const CHECKLIST_ITEMS = ['pathology', 'imaging', 'molecular', 'ecog', 'priorLines'] as const;
export type ChecklistItem = (typeof CHECKLIST_ITEMS)[number];

export interface TChecklistEntry {
  item: ChecklistItem;
  present: boolean;
  /** How many documents or entries stand behind it (prior lines: distinct systemic therapies). */
  count: number;
  date: string | null;
  sources: TItemSource[];
}

function newest(dates: ReadonlyArray<string | null>): string | null {
  return dates.filter((d): d is string => d !== null).sort().at(-1) ?? null;
}

function entry(item: ChecklistItem, found: ReadonlyArray<{ date: string | null; sources: TItemSource[] }>): TChecklistEntry {
  return { item, present: found.length > 0, count: found.length, date: newest(found.map((f) => f.date)), sources: found.flatMap((f) => f.sources) };
}

/** The preparation checklist computed from the merged record: each item present or missing, with its sources. */
export function preparationChecklist(record: Pick<TMergedRecord, 'summary' | 'oncology' | 'procedures' | 'medications'>): TChecklistEntry[] {
  const reports = record.procedures.filter((p) => p.kind === 'report');
  const cancer = record.summary.oncology?.cancer;
  // A histology on the primary cancer condition (mCODE histology-morphology-behavior) is the pathology
  // result; a pathology report, when a provider sends one, counts as well.
  const pathology = [...(cancer?.histology ? [{ date: cancer.date, sources: cancer.sources }] : []), ...reports.filter((r) => r.code !== null && PATHOLOGY_REPORT_LOINC.has(r.code))];
  const imaging = reports.filter((r) => r.code !== null && IMAGING_REPORT_LOINC.has(r.code));
  const molecular = record.oncology.filter((o) => o.kind === 'genomicsReport');
  const ecog = record.oncology.filter((o) => o.kind === 'ecog');
  const lines = record.medications.filter((m) => m.oncology).map((m) => ({ date: m.current?.date ?? m.history[0]?.date ?? null, sources: m.sources }));
  return [entry('pathology', pathology), entry('imaging', imaging), entry('molecular', molecular), entry('ecog', ecog), entry('priorLines', lines)];
}

/** The items a checklist lacks. */
export function missingItems(checklist: readonly TChecklistEntry[]): ChecklistItem[] {
  return checklist.filter((c) => !c.present).map((c) => c.item);
}
