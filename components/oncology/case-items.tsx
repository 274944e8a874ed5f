'use client';
import { useTranslations } from 'next-intl';
import { SourceTags } from '@/components/records/source-tag';
import { TableCard } from '@/components/ui/table-card';
import { useRecordFormat } from '@/components/records/use-record-format';
import type { TRecordOutput } from '@/server/api/routers/patients/record.schema';
import type { TItemSource } from '@/server/records/merged-record-schema';
import type { LocalText } from '@/server/terminology/display';

const CONSENT_BADGE = { active: 'success', partial: 'warning', withdrawn: 'danger', unknown: '' } as const;

type Row = { key: string; kind: LocalText; name: LocalText; value: LocalText | null; date: string | null; sources: TItemSource[] };

/** The consent status under which each provider behind an item answered. */
function ConsentOf({ sources, providers }: { sources: TItemSource[]; providers: TRecordOutput['providers'] }) {
  const t = useTranslations('record');
  const ids = [...new Set(sources.map((s) => s.providerId))];
  return (
    <>
      {ids.map((id) => {
        const consent = providers.find((p) => p.providerId === id)?.consent ?? 'unknown';
        return (
          <span key={id} className={`badge ${CONSENT_BADGE[consent]}`} title={id} data-testid="item-consent">
            {t(`consent.${consent}`)}
          </span>
        );
      })}
    </>
  );
}

/**
 * Everything the providers hold about the cancer, one row per item however many providers hold it:
 * the diagnosis, each mCODE item and the cancer medicines, with the source and its consent status.
 */
export function CaseItems({ record }: { record: TRecordOutput }) {
  const t = useTranslations('oncology');
  const tr = useTranslations('record');
  const f = useRecordFormat();
  const diagnosis = { en: 'Diagnosis', fr: 'Diagnostic' };
  const therapy = { en: 'Systemic therapy', fr: 'Traitement systémique' };
  const rows: Row[] = [
    ...record.conditions.filter((c) => c.oncology).map((c) => ({ key: c.key, kind: diagnosis, name: c.name, value: null, date: c.onset, sources: c.sources })),
    ...record.oncology.filter((o) => o.kind !== 'primaryCancer').map((o) => ({ key: o.key, kind: o.kindName, name: o.name, value: o.value, date: o.date, sources: o.sources })),
    ...record.medications.filter((m) => m.oncology).map((m) => ({ key: m.key, kind: therapy, name: m.name, value: m.active ? { en: 'active', fr: 'en cours' } : null, date: m.current?.date ?? m.history[0]?.date ?? null, sources: m.sources })),
  ];
  return (
    <TableCard
      id="case-items"
      title={t('caseItems')}
      testId="case-items"
      headers={[tr('kind'), tr('item'), tr('value'), tr('date'), t('sourceAndConsent')]}
      rows={rows}
      rowKey={(r) => r.key}
      emptyText={t('noCaseItems')}
      renderRow={(r) => (
        <>
          <td>{f.name(r.kind)}</td>
          <td>{f.name(r.name) !== f.name(r.kind) ? f.name(r.name) : ''}</td>
          <td>{r.value ? f.name(r.value) : '—'}</td>
          <td className="nowrap">{f.date(r.date)}</td>
          <td>
            <SourceTags sources={r.sources} /> <ConsentOf sources={r.sources} providers={record.providers} />
          </td>
        </>
      )}
    />
  );
}
