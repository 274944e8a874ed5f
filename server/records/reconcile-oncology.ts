import type { DiagnosticReport, Observation, Procedure, Resource } from '@medplum/fhirtypes';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import { nameOfCodings } from '@/server/terminology/concepts';
import type { LocalText } from '@/server/terminology/display';
import { ECOG_GRADES, MCODE_KINDS, type McodeKind } from '@/server/terminology/mcode';
import { unitForPeople } from '@/server/terminology/units';
import { genomicVariantLabel } from './genomic-variant-label';
import { bySource, dayOf, itemSource } from './item-source';
import type { TOncologyItem } from './merged-record-schema';
import { observationDate, observationNumber, observationText } from './observation-value';

const KIND_ORDER = Object.keys(MCODE_KINDS) as McodeKind[];

/** The mCODE kind of a resource from its declared profile, or null for a resource that is not mCODE. */
export function mcodeKindOf(r: Resource): McodeKind | null {
  const profiles = r.meta?.profile ?? [];
  return KIND_ORDER.find((k) => profiles.includes(MCODE_KINDS[k].profile)) ?? null;
}

export type OncologyResource = Observation | Procedure | DiagnosticReport;

function valueOf(kind: McodeKind, r: OncologyResource): LocalText | null {
  if (r.resourceType === 'Procedure') return null;
  if (r.resourceType === 'DiagnosticReport') return r.conclusion ? { en: r.conclusion, fr: r.conclusion } : null;
  // A variant is named by its gene and change (its value is only "present").
  const variant = kind === 'genomicVariant' ? genomicVariantLabel(r) : null;
  if (variant) return { en: variant, fr: variant };
  const n = observationNumber(r);
  if (n !== null) {
    // ECOG is an integer grade (mCODE ECOG profile, valueInteger): the grade with its meaning.
    const grade = kind === 'ecog' ? ECOG_GRADES[n] : undefined;
    if (grade) return { en: `${n} — ${grade.en}`, fr: `${n} — ${grade.fr}` };
    const unit = unitForPeople(r.valueQuantity?.code ?? r.valueQuantity?.unit);
    return { en: `${n} ${unit}`.trim(), fr: `${n} ${unit}`.trim() };
  }
  return observationText(r);
}

function dateOf(r: OncologyResource): string | null {
  if (r.resourceType === 'Observation') return observationDate(r);
  if (r.resourceType === 'Procedure') return r.performedDateTime ?? r.performedPeriod?.start ?? null;
  return r.effectiveDateTime ?? r.effectivePeriod?.start ?? r.issued ?? null;
}

/**
 * The mCODE items of an oncology case (staging, markers, ECOG, disease status, surgery, radiotherapy,
 * genomics): the same item (kind, code, value, day) from several providers is one row with each source.
 * Ordered by kind as mCODE lists them, newest first within a kind.
 */
export function reconcileOncology(items: ReadonlyArray<{ resource: OncologyResource; kind: McodeKind; source: SourcedResource['source'] }>): TOncologyItem[] {
  const rows = new Map<string, TOncologyItem>();
  for (const { resource: r, kind, source } of items) {
    const date = dateOf(r);
    const value = valueOf(kind, r);
    const coding = r.code?.coding?.[0];
    const key = `${kind}|${coding?.code ?? r.code?.text ?? ''}|${value?.en ?? ''}|${dayOf(date) ?? ''}`;
    const row = rows.get(key);
    if (row) {
      row.sources.push(itemSource(r, source, date));
      continue;
    }
    rows.set(key, { key, kind, kindName: MCODE_KINDS[kind].name, name: nameOfCodings(r.code?.coding, r.code?.text), code: coding?.code ?? null, value, date, sources: [itemSource(r, source, date)] });
  }
  const out = [...rows.values()];
  for (const r of out) r.sources.sort(bySource);
  return out.sort((a, b) => KIND_ORDER.indexOf(a.kind as McodeKind) - KIND_ORDER.indexOf(b.kind as McodeKind) || (b.date ?? '').localeCompare(a.date ?? ''));
}
