import type { TItemSource, TMergedRecord } from '@/server/records/merged-record-schema';
import type { LocalText as TLocalText } from '@/server/terminology/display';

/** The lanes of a case timeline, top to bottom. */
export const LANES = ['diagnosis', 'staging', 'treatment', 'marker', 'status'] as const;
export type Lane = (typeof LANES)[number];

export interface TimelineEvent {
  lane: Lane;
  time: number;
  label: TLocalText;
  value: TLocalText | null;
  sources: TItemSource[];
}

const LANE_OF_KIND: Record<string, Lane | undefined> = {
  primaryCancer: 'diagnosis',
  tnmT: 'staging',
  tnmN: 'staging',
  tnmM: 'staging',
  stageGroup: 'staging',
  surgery: 'treatment',
  radiotherapy: 'treatment',
  systemicTherapy: 'treatment',
  tumourMarker: 'marker',
  genomicVariant: 'marker',
  diseaseStatus: 'status',
};

const time = (date: string | null): number | null => {
  if (!date) return null;
  const t = new Date(date).getTime();
  return Number.isNaN(t) ? null : t;
};

/**
 * The events of a case's timeline from the merged record: the cancer diagnosis, staging, treatments
 * (surgery, radiotherapy, systemic therapy lines), markers and variants, and disease status, each with
 * its sources. Items without a date are left out (they are in the tables below).
 */
export function timelineEvents(record: Pick<TMergedRecord, 'conditions' | 'oncology' | 'medications'>): TimelineEvent[] {
  const events: TimelineEvent[] = [];
  for (const c of record.conditions) {
    const t = time(c.onset);
    if (c.oncology && t !== null) events.push({ lane: 'diagnosis', time: t, label: c.name, value: null, sources: c.sources });
  }
  for (const o of record.oncology) {
    const lane = LANE_OF_KIND[o.kind];
    const t = time(o.date);
    // TNM categories sit on the same day as the stage group; the stage group says it for the chart.
    if (!lane || t === null || lane === 'diagnosis' || o.kind.startsWith('tnm')) continue;
    events.push({ lane, time: t, label: o.kind === 'stageGroup' || o.kind === 'diseaseStatus' ? o.kindName : o.name, value: o.value, sources: o.sources });
  }
  for (const m of record.medications) {
    if (!m.oncology) continue;
    const t = time(m.current?.date ?? m.history.at(-1)?.date ?? null);
    if (t !== null) events.push({ lane: 'treatment', time: t, label: m.name, value: null, sources: m.sources });
  }
  return events.sort((a, b) => a.time - b.time || LANES.indexOf(a.lane) - LANES.indexOf(b.lane));
}
