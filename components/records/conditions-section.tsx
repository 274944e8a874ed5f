'use client';
import { useTranslations } from 'next-intl';
import { CONDITION_CLINICAL_STATUS } from '@/server/terminology/conditions';
import type { TCondition } from '@/server/records/merged-record-schema';
import { Codes, RecordTable } from './record-table';
import { useRecordFormat } from './use-record-format';

/** Problems: one row per condition however many providers recorded it, with the earliest onset. */
export function ConditionsSection({ conditions }: { conditions: TCondition[] }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  return (
    <RecordTable
      id="conditions"
      title={t('conditions')}
      headers={[t('condition'), t('codes'), t('clinicalStatus')]}
      rows={conditions}
      date={{ header: t('onset'), of: (c) => c.onset }}
      sources={(c) => c.sources}
      cells={(c) => (
        <>
          <td data-testid="condition-name">{f.name(c.name)}</td>
          <td>
            <Codes codes={c.codes.map((x) => x.code)} />
          </td>
          <td>{c.clinicalStatus ? f.name(CONDITION_CLINICAL_STATUS[c.clinicalStatus] ?? { en: c.clinicalStatus, fr: c.clinicalStatus }) : '—'}</td>
        </>
      )}
    />
  );
}
