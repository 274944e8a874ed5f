'use client';
import { useTranslations } from 'next-intl';
import { MEDICATION_STATUS } from '@/server/terminology/medications';
import type { TMedication, TMedicationEntry } from '@/server/records/merged-record-schema';
import { Dose } from './dose';
import { Codes, RecordTable } from './record-table';
import { SourceTags } from './source-tag';
import { useExpanded } from './use-expanded';
import { useRecordFormat } from './use-record-format';

function EntryLine({ entry }: { entry: TMedicationEntry }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  return (
    <>
      {t(`medicationKind.${entry.kind}`)} · {entry.status ? f.name(MEDICATION_STATUS[entry.status] ?? { en: entry.status, fr: entry.status }) : '—'} · {f.date(entry.date)}
      {entry.dose || entry.dosage ? ' · ' : ''}
      <Dose dose={entry.dose} text={entry.dosage} /> <SourceTags sources={[entry.source]} />
    </>
  );
}

/** Medicines by ingredient: the current entry, and its history behind an expander. */
export function MedicationsSection({ medications }: { medications: TMedication[] }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  const expanded = useExpanded();
  return (
    <RecordTable
      id="medications"
      title={t('medications')}
      headers={[t('medication'), 'ATC', t('current'), t('history')]}
      rows={medications}
      sources={(m) => m.sources}
      cells={(m) => (
        <>
          <td data-testid="medication-name">
            {f.name(m.name)} {m.active ? null : <span className="badge">{t('notCurrent')}</span>}
          </td>
          <td>{m.atc ? <Codes codes={[m.atc]} /> : '—'}</td>
          <td>{m.current ? <EntryLine entry={m.current} /> : '—'}</td>
          <td>
            {m.history.length > 0 ? (
              <button type="button" className="button secondary small" aria-expanded={expanded.isOpen(m.key)} onClick={() => expanded.toggle(m.key)}>
                {t('historyCount', { count: m.history.length })}
                <span className="visually-hidden"> {f.name(m.name)}</span>
              </button>
            ) : (
              '—'
            )}
          </td>
        </>
      )}
      detail={(m) =>
        expanded.isOpen(m.key) ? (
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
