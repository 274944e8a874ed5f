'use client';
import { useTranslations } from 'next-intl';
import type { TProcedure } from '@/server/records/merged-record-schema';
import { Codes, RecordTable } from './record-table';
import { useRecordFormat } from './use-record-format';

/** Procedures and reports, one row per code and day. */
export function ProceduresSection({ procedures }: { procedures: TProcedure[] }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  return (
    <RecordTable
      id="procedures"
      title={t('proceduresReports')}
      headers={[t('item'), t('codes'), t('value')]}
      rows={procedures}
      date={{ header: t('date'), of: (p) => p.date }}
      sources={(p) => p.sources}
      cells={(p) => (
        <>
          <td>{f.name(p.name)}</td>
          <td>{p.code ? <Codes codes={[p.code]} /> : '—'}</td>
          {/* The provider's own words, in the provider's language: not translated, and marked as such. */}
          <td data-provider-text>{p.conclusion ?? '—'}</td>
        </>
      )}
    />
  );
}
