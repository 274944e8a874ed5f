import type { DiagnosticReport, Procedure } from '@medplum/fhirtypes';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import { nameOfCodings } from '@/server/terminology/concepts';
import { bySource, dayOf, itemSource, newestFirst } from './item-source';
import type { TProcedure } from './merged-record-schema';

/** Procedures and reports: the same code on the same day from several providers is one row with each source. */
export function reconcileProcedures(items: ReadonlyArray<{ resource: Procedure | DiagnosticReport; source: SourcedResource['source'] }>): TProcedure[] {
  const rows = new Map<string, TProcedure>();
  for (const { resource: r, source } of items) {
    const isProcedure = r.resourceType === 'Procedure';
    const date = isProcedure ? (r.performedDateTime ?? r.performedPeriod?.start ?? null) : (r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.issued ?? null);
    const coding = r.code?.coding?.[0];
    const key = `${r.resourceType}|${coding?.system ?? ''}|${coding?.code ?? r.code?.text ?? ''}|${dayOf(date) ?? ''}`;
    const row = rows.get(key);
    if (row) {
      row.sources.push(itemSource(r, source, date));
      continue;
    }
    rows.set(key, { key, kind: isProcedure ? 'procedure' : 'report', name: nameOfCodings(r.code?.coding, r.code?.text), code: coding?.code ?? null, conclusion: isProcedure ? null : (r.conclusion ?? null), date, sources: [itemSource(r, source, date)] });
  }
  const out = [...rows.values()];
  for (const r of out) r.sources.sort(bySource);
  return out.sort((a, b) => newestFirst(a.date, b.date));
}
