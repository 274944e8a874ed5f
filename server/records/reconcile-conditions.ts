import type { Condition } from '@medplum/fhirtypes';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { nameOfCodings } from '@/server/terminology/concepts';
import { MCODE } from '@/server/terminology/mcode';
import { bySource, itemSource } from './item-source';
import type { TCondition } from './merged-record-schema';

/** The code that says two conditions are the same: SNOMED CT first, then ICD-10, then any coding, else the text. */
function conditionKey(c: Condition): string {
  const codings = c.code?.coding ?? [];
  const pick = codings.find((x) => x.system === CODE_SYSTEMS.snomed && x.code) ?? codings.find((x) => x.system === CODE_SYSTEMS.icd10 && x.code) ?? codings.find((x) => x.code);
  if (pick) return `${pick.system ?? ''}|${pick.code ?? ''}`;
  return `text|${(c.code?.text ?? '').trim().toLowerCase()}`;
}

/** Clinical statuses that keep a condition on the problem list (FHIR condition-clinical). */
const ACTIVE_STATUSES = new Set(['active', 'recurrence', 'relapse']);

/**
 * The same condition (same code) recorded by several providers is one row with every source, the
 * earliest onset and the most current clinical status (active if any provider says so).
 */
export function reconcileConditions(items: ReadonlyArray<{ resource: Condition; source: SourcedResource['source'] }>): TCondition[] {
  const groups = new Map<string, TCondition>();
  for (const { resource: c, source } of items) {
    const key = conditionKey(c);
    const onset = c.onsetDateTime ?? c.onsetPeriod?.start ?? c.recordedDate ?? null;
    const status = c.clinicalStatus?.coding?.[0]?.code ?? null;
    const oncology = (c.meta?.profile ?? []).includes(MCODE.primaryCancerCondition);
    const group = groups.get(key);
    if (!group) {
      groups.set(key, {
        key,
        name: nameOfCodings(c.code?.coding, c.code?.text),
        codes: (c.code?.coding ?? []).map((x) => ({ system: x.system ?? null, code: x.code ?? '' })),
        clinicalStatus: status,
        onset,
        oncology,
        sources: [itemSource(c, source, onset)],
      });
      continue;
    }
    group.sources.push(itemSource(c, source, onset));
    if (onset && (!group.onset || onset < group.onset)) group.onset = onset;
    if (status && (!group.clinicalStatus || (ACTIVE_STATUSES.has(status) && !ACTIVE_STATUSES.has(group.clinicalStatus)))) group.clinicalStatus = status;
    group.oncology ||= oncology;
    for (const x of c.code?.coding ?? []) if (!group.codes.some((k) => k.system === (x.system ?? null) && k.code === x.code)) group.codes.push({ system: x.system ?? null, code: x.code ?? '' });
  }
  const rows = [...groups.values()];
  for (const r of rows) r.sources.sort(bySource);
  // Cancers first, then the active problems, newest onset first.
  return rows.sort((a, b) => Number(b.oncology) - Number(a.oncology) || Number(isActive(b)) - Number(isActive(a)) || (b.onset ?? '').localeCompare(a.onset ?? ''));
}

export const isActive = (c: Pick<TCondition, 'clinicalStatus'>): boolean => c.clinicalStatus === null || ACTIVE_STATUSES.has(c.clinicalStatus);
