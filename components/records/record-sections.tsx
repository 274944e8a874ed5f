'use client';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { TableCard } from '@/components/ui/table-card';
import { CONDITION_CLINICAL_STATUS } from '@/server/terminology/conditions';
import { MEDICATION_STATUS } from '@/server/terminology/medications';
import { LABS } from '@/server/terminology/labs';
import type { TCondition, TMedication, TMedicationEntry, TObservationGroup, TOncologyItem, TProcedure } from '@/server/records/merged-record-schema';
import { ObservationValue, Trend } from './observation-value';
import { SeriesChart } from './series-chart';
import { SourceTags } from './source-tag';
import { useRecordFormat } from './use-record-format';

/** A common individual HbA1c target (shared/CLINICAL.md): 53 mmol/mol (7 %). */
const HBA1C_TARGET_MMOL_MOL = 53;

const Codes = ({ codes }: { codes: readonly string[] }) => (
  <span className="codes">
    {codes.map((c) => (
      <span key={c} className="mono code">
        {c}
      </span>
    ))}
  </span>
);

function Title({ text, count }: { text: string; count: number }) {
  return (
    <>
      {text} <span className="badge">{count}</span>
    </>
  );
}

/** Problems: one row per condition however many providers recorded it, with the earliest onset. */
export function ConditionsSection({ conditions }: { conditions: TCondition[] }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  return (
    <TableCard
      id="conditions"
      testId="conditions"
      title={<Title text={t('conditions')} count={conditions.length} />}
      headers={[t('condition'), t('codes'), t('clinicalStatus'), t('onset'), t('sources')]}
      rows={conditions}
      rowKey={(c) => c.key}
      emptyText={t('none')}
      renderRow={(c) => (
        <>
          <td data-testid="condition-name">{f.name(c.name)}</td>
          <td>
            <Codes codes={c.codes.map((x) => x.code)} />
          </td>
          <td>{c.clinicalStatus ? f.name(CONDITION_CLINICAL_STATUS[c.clinicalStatus] ?? { en: c.clinicalStatus, fr: c.clinicalStatus }) : '—'}</td>
          <td>{f.date(c.onset)}</td>
          <td>
            <SourceTags sources={c.sources} />
          </td>
        </>
      )}
    />
  );
}

function EntryLine({ entry }: { entry: TMedicationEntry }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  return (
    <>
      {t(`medicationKind.${entry.kind}`)} · {entry.status ? f.name(MEDICATION_STATUS[entry.status] ?? { en: entry.status, fr: entry.status }) : '—'} · {f.date(entry.date)}
      {entry.dosage ? ` · ${entry.dosage}` : ''} <SourceTags sources={[entry.source]} />
    </>
  );
}

/** Medicines by ingredient: the current entry, and its history behind an expander. */
export function MedicationsSection({ medications }: { medications: TMedication[] }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (key: string) => setOpen((s) => new Set(s.has(key) ? [...s].filter((k) => k !== key) : [...s, key]));
  return (
    <TableCard
      id="medications"
      testId="medications"
      title={<Title text={t('medications')} count={medications.length} />}
      headers={[t('medication'), 'ATC', t('current'), t('history'), t('sources')]}
      rows={medications}
      rowKey={(m) => m.key}
      emptyText={t('none')}
      renderRow={(m) => (
        <>
          <td data-testid="medication-name">
            {f.name(m.name)} {m.active ? null : <span className="badge">{t('notCurrent')}</span>}
          </td>
          <td>{m.atc ? <Codes codes={[m.atc]} /> : '—'}</td>
          <td>{m.current ? <EntryLine entry={m.current} /> : '—'}</td>
          <td>
            {m.history.length > 0 ? (
              <button type="button" className="button secondary small" aria-expanded={open.has(m.key)} onClick={() => toggle(m.key)}>
                {t('historyCount', { count: m.history.length })}
                <span className="visually-hidden"> {f.name(m.name)}</span>
              </button>
            ) : (
              '—'
            )}
          </td>
          <td>
            <SourceTags sources={m.sources} />
          </td>
        </>
      )}
      detail={(m) =>
        open.has(m.key) ? (
          <ol className="history-list" aria-label={t('historyOf', { medication: f.name(m.name) })}>
            {m.history.map((h) => (
              <li key={h.source.providerId + h.source.resource}>
                <EntryLine entry={h} />
              </li>
            ))}
          </ol>
        ) : null
      }
    />
  );
}

/** One test's every result: a chart when there are numbers, and the table of points with their sources. */
function Series({ group }: { group: TObservationGroup }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  const isHba1c = group.loinc.includes(LABS.hba1cIfcc.loinc) || group.loinc.includes(LABS.hba1cPercent.loinc);
  return (
    <div className="series" data-testid={`series-${group.key}`}>
      <SeriesChart group={group} target={isHba1c ? HBA1C_TARGET_MMOL_MOL : undefined} />
      <ol className="history-list" aria-label={t('seriesOf', { test: f.name(group.name) })}>
        {group.series.map((p) => (
          <li key={p.date ?? ''}>
            {f.date(p.date)} · <ObservationValue point={p} unit={group.unit} besideUnit={group.besideUnit} digits={group.digits} besideDigits={group.besideDigits} /> <SourceTags sources={p.sources} />
          </li>
        ))}
      </ol>
    </div>
  );
}

/** Results grouped by test: the latest value with its trend, and the series behind an expander. */
export function ObservationsSection({ observations }: { observations: TObservationGroup[] }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  const [open, setOpen] = useState<Set<string>>(new Set());
  const toggle = (key: string) => setOpen((s) => new Set(s.has(key) ? [...s].filter((k) => k !== key) : [...s, key]));
  return (
    <TableCard
      id="observations"
      testId="observations"
      title={<Title text={t('observations')} count={observations.length} />}
      headers={[t('test'), t('latest'), t('trendTitle'), t('date'), t('results'), t('sources')]}
      rows={observations}
      rowKey={(g) => g.key}
      emptyText={t('none')}
      renderRow={(g) => (
        <>
          <td data-testid="test-name">
            {f.name(g.name)}
            <br />
            <Codes codes={g.loinc} />
          </td>
          <td>
            <ObservationValue point={g.latest} unit={g.unit} besideUnit={g.besideUnit} digits={g.digits} besideDigits={g.besideDigits} />
            {g.conflicts > 0 && !g.latest.conflict ? <span className="badge warning">{t('conflicts', { count: g.conflicts })}</span> : null}
          </td>
          <td>
            <Trend trend={g.trend} />
          </td>
          <td>{f.date(g.latest.date)}</td>
          <td>
            {g.series.length > 1 ? (
              <button type="button" className="button secondary small" aria-expanded={open.has(g.key)} onClick={() => toggle(g.key)} data-testid={`series-toggle-${g.key}`}>
                {t('seriesCount', { count: g.series.length })}
                <span className="visually-hidden"> {f.name(g.name)}</span>
              </button>
            ) : (
              '1'
            )}
          </td>
          <td>
            <SourceTags sources={g.series.flatMap((p) => p.sources)} />
          </td>
        </>
      )}
      detail={(g) => (open.has(g.key) ? <Series group={g} /> : null)}
    />
  );
}

/** The mCODE items of an oncology case, one row per item however many providers hold it. */
export function OncologySection({ items }: { items: TOncologyItem[] }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  if (items.length === 0) return null;
  return (
    <TableCard
      id="oncology"
      testId="oncology"
      title={<Title text={t('oncology')} count={items.length} />}
      headers={[t('kind'), t('item'), t('value'), t('date'), t('sources')]}
      rows={items}
      rowKey={(o) => o.key}
      renderRow={(o) => (
        <>
          <td>{f.name(o.kindName)}</td>
          <td>
            {f.name(o.name)} {o.code ? <Codes codes={[o.code]} /> : null}
          </td>
          <td data-testid={`oncology-${o.kind}`}>{o.value ? f.name(o.value) : '—'}</td>
          <td>{f.date(o.date)}</td>
          <td>
            <SourceTags sources={o.sources} />
          </td>
        </>
      )}
    />
  );
}

/** Procedures and reports, one row per code and day. */
export function ProceduresSection({ procedures }: { procedures: TProcedure[] }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  return (
    <TableCard
      id="procedures"
      testId="procedures"
      title={<Title text={t('proceduresReports')} count={procedures.length} />}
      headers={[t('item'), t('codes'), t('value'), t('date'), t('sources')]}
      rows={procedures}
      rowKey={(p) => p.key}
      emptyText={t('none')}
      renderRow={(p) => (
        <>
          <td>{f.name(p.name)}</td>
          <td>{p.code ? <Codes codes={[p.code]} /> : '—'}</td>
          <td>{p.conclusion ?? '—'}</td>
          <td>{f.date(p.date)}</td>
          <td>
            <SourceTags sources={p.sources} />
          </td>
        </>
      )}
    />
  );
}
