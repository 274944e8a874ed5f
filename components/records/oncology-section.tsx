'use client';
import { useTranslations } from 'next-intl';
import type { TOncologyItem } from '@/server/records/merged-record-schema';
import { Codes, RecordTable } from './record-table';
import { useRecordFormat } from './use-record-format';

/** The mCODE items of an oncology case, one row per item however many providers hold it. */
export function OncologySection({ items }: { items: TOncologyItem[] }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  if (items.length === 0) return null;
  return (
    <RecordTable
      id="oncology"
      title={t('oncology')}
      headers={[t('kind'), t('item'), t('value')]}
      rows={items}
      date={{ header: t('date'), of: (o) => o.date }}
      sources={(o) => o.sources}
      cells={(o) => (
        <>
          <td>{f.name(o.kindName)}</td>
          <td>
            {/* The item's own name only when it says more than its kind (a marker's name, a panel's). */}
            {f.name(o.name) !== f.name(o.kindName) ? <>{f.name(o.name)} </> : null}
            {o.code ? <Codes codes={[o.code]} /> : null}
          </td>
          {/* A report's value is its conclusion: the provider's own words, in the provider's language. */}
          <td data-testid={`oncology-${o.kind}`} data-provider-text={o.kind === 'genomicsReport' ? '' : undefined}>
            {o.value ? f.name(o.value) : '—'}
          </td>
        </>
      )}
    />
  );
}
