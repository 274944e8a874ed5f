'use client';
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { TableCard } from '@/components/ui/table-card';
import type { TItemSource } from '@/server/records/merged-record-schema';
import { SourceTags } from './source-tag';
import { useRecordFormat } from './use-record-format';

/** Codes of an item, each kept on one line (a LOINC code never breaks at its hyphen). */
export const Codes = ({ codes }: { codes: readonly string[] }) => (
  <span className="codes">
    {codes.map((c) => (
      <span key={c} className="mono code">
        {c}
      </span>
    ))}
  </span>
);

/**
 * One section of the merged record as a table whose last columns are always the item's date (when it
 * has one) and its sources; `detail` is a row's expanded part (a history, a series).
 */
export function RecordTable<T extends { key: string }>({
  id,
  title,
  headers,
  rows,
  cells,
  date,
  sources,
  detail,
}: {
  id: string;
  title: string;
  headers: string[];
  rows: readonly T[];
  cells: (row: T) => ReactNode;
  date?: { header: string; of: (row: T) => string | null };
  sources: (row: T) => readonly TItemSource[];
  detail?: (row: T) => ReactNode;
}) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  return (
    <TableCard
      id={id}
      testId={id}
      title={
        <>
          {title} <span className="badge">{rows.length}</span>
        </>
      }
      headers={[...headers, ...(date ? [date.header] : []), t('sources')]}
      rows={rows}
      rowKey={(row) => row.key}
      emptyText={t('none')}
      detail={detail}
      renderRow={(row) => (
        <>
          {cells(row)}
          {date ? <td className="nowrap">{f.date(date.of(row))}</td> : null}
          <td>
            <SourceTags sources={sources(row)} />
          </td>
        </>
      )}
    />
  );
}
