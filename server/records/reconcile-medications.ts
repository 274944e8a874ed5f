import type { Dosage, MedicationRequest, MedicationStatement } from '@medplum/fhirtypes';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { nameOfCodings } from '@/server/terminology/concepts';
import { MCODE } from '@/server/terminology/mcode';
import { bySource, itemSource, newestFirst } from './item-source';
import type { TMedication, TMedicationEntry, TStructuredDose } from './merged-record-schema';

const PERIOD_UNITS = new Set(['h', 'd', 'wk', 'mo']);

/** The structured dose of a FHIR Dosage, or null when the provider wrote only text. */
function structuredDose(d: Dosage | undefined): TStructuredDose | null {
  const q = d?.doseAndRate?.[0]?.doseQuantity;
  const r = d?.timing?.repeat;
  if (!q || typeof q.value !== 'number' || !r || typeof r.frequency !== 'number' || !r.periodUnit || !PERIOD_UNITS.has(r.periodUnit)) return null;
  return { value: q.value, unit: q.code ?? q.unit ?? '', frequency: r.frequency, period: r.period ?? 1, periodUnit: r.periodUnit as TStructuredDose['periodUnit'], route: d?.route ? nameOfCodings(d.route.coding, d.route.text) : null };
}

type MedicationResource = MedicationRequest | MedicationStatement;

function entryOf(m: MedicationResource, source: SourcedResource['source']): TMedicationEntry {
  if (m.resourceType === 'MedicationRequest') {
    const date = m.authoredOn ?? null;
    return { kind: 'request', status: m.status ?? null, dosage: m.dosageInstruction?.[0]?.text ?? null, dose: structuredDose(m.dosageInstruction?.[0]), date, source: itemSource(m, source, date) };
  }
  const date = m.effectivePeriod?.start ?? m.effectiveDateTime ?? m.dateAsserted ?? null;
  return { kind: 'statement', status: m.status ?? null, dosage: m.dosage?.[0]?.text ?? null, dose: structuredDose(m.dosage?.[0]), date, source: itemSource(m, source, date) };
}

const isActiveEntry = (e: TMedicationEntry) => e.status === 'active' || e.status === 'on-hold';

/**
 * Prescriptions and statements grouped by ingredient (ATC code, else the medicine's text): the newest
 * active entry is the current one, every other entry (older, stopped, from another provider) is its
 * history, newest first.
 */
export function reconcileMedications(items: ReadonlyArray<{ resource: MedicationResource; source: SourcedResource['source'] }>): TMedication[] {
  const groups = new Map<string, { atc: string | null; name: TMedication['name']; oncology: boolean; entries: TMedicationEntry[] }>();
  for (const { resource: m, source } of items) {
    const concept = m.medicationCodeableConcept;
    const atc = concept?.coding?.find((c) => c.system === CODE_SYSTEMS.atc)?.code ?? null;
    const key = atc ? `atc|${atc}` : `text|${(concept?.text ?? concept?.coding?.[0]?.display ?? m.medicationReference?.display ?? '').trim().toLowerCase()}`;
    const group = groups.get(key) ?? { atc, name: nameOfCodings(concept?.coding, concept?.text ?? m.medicationReference?.display), oncology: false, entries: [] };
    group.oncology ||= (m.meta?.profile ?? []).includes(MCODE.medicationRequest);
    group.entries.push(entryOf(m, source));
    groups.set(key, group);
  }
  const rows: TMedication[] = [...groups.entries()].map(([key, g]) => {
    const entries = g.entries.sort((a, b) => Number(isActiveEntry(b)) - Number(isActiveEntry(a)) || newestFirst(a.date, b.date) || a.kind.localeCompare(b.kind));
    const current = entries[0] && isActiveEntry(entries[0]) ? entries[0] : null;
    return {
      key,
      atc: g.atc,
      name: g.name,
      active: current !== null,
      oncology: g.oncology,
      current,
      history: current ? entries.slice(1) : entries,
      sources: entries.map((e) => e.source).sort(bySource),
    };
  });
  return rows.sort((a, b) => Number(b.active) - Number(a.active) || a.name.en.localeCompare(b.name.en));
}
