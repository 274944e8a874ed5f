'use client';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { BreakGlassBanner, EmergencyAccess } from './break-glass';
import { TableCard } from '@/components/ui/table-card';
import { useTRPC } from '@/components/trpc/trpc-provider';
import type { TRecordOutput, TSource } from '@/server/api/routers/patients/record.schema';
import { Hba1cTrend } from './hba1c-trend';
import { ProviderStatusStrip } from './provider-status-strip';
import { SourceTag } from './source-tag';

const OBSERVATIONS_SHOWN = 40;

function DateCell({ value }: { value: string | null }) {
  const format = useFormatter();
  if (!value) return <>—</>;
  const d = new Date(value);
  return <time dateTime={d.toISOString()}>{format.dateTime(d, { dateStyle: 'medium' })}</time>;
}

function Demographics({ record }: { record: TRecordOutput }) {
  const t = useTranslations('record');
  const p = record.patient;
  return (
    <section className="card" aria-labelledby="demographics-title">
      <h2 id="demographics-title">{t('demographics')}</h2>
      {p ? (
        <dl className="facts">
          <div>
            <dt>{t('name')}</dt>
            <dd data-testid="patient-name">{p.name}</dd>
          </div>
          <div>
            <dt>{t('birthDate')}</dt>
            <dd>{p.birthDate ? <DateCell value={p.birthDate} /> : '—'}</dd>
          </div>
          <div>
            <dt>{t('gender')}</dt>
            <dd>{p.gender ? t(`genders.${p.gender === 'female' || p.gender === 'male' ? p.gender : 'other'}`) : '—'}</dd>
          </div>
          <div>
            <dt>{t('nationalId')}</dt>
            <dd className="mono">{record.nationalId}</dd>
          </div>
          <div>
            <dt>{t('recordsAt')}</dt>
            <dd>
              <ul className="inline-list">
                {p.sources.map((s) => (
                  <li key={s.providerId}>
                    <SourceTag source={s} /> <span className="mono muted">{s.localIdentifier}</span>
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        </dl>
      ) : (
        <p className="muted">{t('noDemographics')}</p>
      )}
    </section>
  );
}

/** One part of the record as a table whose last two columns are always the date and the source. */
function RecordSection<T extends { id: string; date: string | null; source: TSource }>({
  id,
  title,
  count,
  headers,
  rows,
  cells,
  footer,
}: {
  id: string;
  title: string;
  count?: number;
  headers: string[];
  rows: readonly T[];
  cells: (row: T) => React.ReactNode;
  footer?: React.ReactNode;
}) {
  const t = useTranslations('record');
  return (
    <TableCard
      id={id}
      title={
        <>
          {title} <span className="badge">{count ?? rows.length}</span>
        </>
      }
      headers={[...headers, t('date'), t('source')]}
      rows={rows}
      rowKey={(row) => row.id}
      emptyText={t('none')}
      footer={footer}
      renderRow={(row) => (
        <>
          {cells(row)}
          <td>
            <DateCell value={row.date} />
          </td>
          <td>
            <SourceTag source={row.source} />
          </td>
        </>
      )}
    />
  );
}

function RecordBody({ record }: { record: TRecordOutput }) {
  const t = useTranslations('record');
  const [allObservations, setAllObservations] = useState(false);
  const observations = allObservations ? record.observations : record.observations.slice(0, OBSERVATIONS_SHOWN);
  return (
    <>
      <Demographics record={record} />
      <Hba1cTrend observations={record.observations} />
      {record.oncology.length > 0 ? (
        <RecordSection
          id="oncology"
          title={t('oncology')}
          headers={[t('kind'), t('item'), t('value')]}
          rows={record.oncology}
          cells={(o) => (
            <>
              <td>{t.has(`mcode.${o.kind}`) ? t(`mcode.${o.kind}`) : o.kind}</td>
              <td>
                {o.label} {o.code ? <span className="mono muted">{o.code}</span> : null}
              </td>
              <td>{o.value ?? '—'}</td>
            </>
          )}
        />
      ) : null}
      <RecordSection
        id="conditions"
        title={t('conditions')}
        headers={[t('condition'), t('codes'), t('clinicalStatus')]}
        rows={record.conditions}
        cells={(c) => (
          <>
            <td>{c.display}</td>
            <td className="mono">{c.codes.map((x) => x.code).join(' · ')}</td>
            <td>{c.clinicalStatus ?? '—'}</td>
          </>
        )}
      />
      <RecordSection
        id="observations"
        title={t('observations')}
        count={record.observations.length}
        headers={[t('test'), 'LOINC', t('value')]}
        rows={observations}
        cells={(o) => (
          <>
            <td>{o.display}</td>
            <td className="mono">{o.loinc ?? '—'}</td>
            <td>
              {o.hba1c ? (
                <span data-testid="hba1c">{t('hba1cBoth', { mmol: o.hba1c.mmolMol, percent: o.hba1c.percent })}</span>
              ) : o.value !== null ? (
                `${o.value} ${o.unit ?? ''}`
              ) : (
                (o.text ?? '—')
              )}
            </td>
          </>
        )}
        footer={
          record.observations.length > OBSERVATIONS_SHOWN ? (
            <button type="button" className="button secondary small" onClick={() => setAllObservations((v) => !v)} aria-expanded={allObservations}>
              {allObservations ? t('showFewer') : t('showAll', { count: record.observations.length })}
            </button>
          ) : null
        }
      />
      <RecordSection
        id="medications"
        title={t('medications')}
        headers={[t('medication'), 'ATC', t('kind'), t('dosage')]}
        rows={record.medications}
        cells={(m) => (
          <>
            <td>
              {m.display} {m.status ? <span className="muted">({m.status})</span> : null}
            </td>
            <td className="mono">{m.atc ?? '—'}</td>
            <td>{t(`medicationKind.${m.kind}`)}</td>
            <td>{m.dosage ?? '—'}</td>
          </>
        )}
      />
      <RecordSection
        id="procedures"
        title={t('proceduresReports')}
        headers={[t('item'), t('codes'), t('value')]}
        rows={[...record.procedures.map((p) => ({ ...p, conclusion: null as string | null })), ...record.reports]}
        cells={(p) => (
          <>
            <td>{p.display}</td>
            <td className="mono">{p.code ?? '—'}</td>
            <td>{p.conclusion ?? '—'}</td>
          </>
        )}
      />
    </>
  );
}

/** A patient's record merged from every provider holding it, with the providers' answers first. */
export function PatientRecord({ nationalId }: { nationalId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('record');
  const tErrors = useTranslations('errors');
  const { data, isPending, isError, error, refetch, isFetching } = useQuery({ ...trpc.patients.record.queryOptions({ nationalId }), retry: false, refetchOnWindowFocus: false });
  if (isPending) return <p className="muted" aria-live="polite">{t('loading')}</p>;
  if (isError) {
    if (error.data?.code !== 'FORBIDDEN') return <p className="notice danger" role="alert">{tErrors('generic')}</p>;
    return <EmergencyAccess nationalId={nationalId} />;
  }
  const missing = data.providers.filter((p) => p.status !== 'ok');
  return (
    <>
      {data.access.breakGlass ? <BreakGlassBanner nationalId={nationalId} reason={data.access.breakGlass.reason} expiresAt={data.access.breakGlass.expiresAt} /> : null}
      <section className="card" aria-labelledby="providers-title">
        <div className="card-head">
          <h2 id="providers-title">{t('providersTitle')}</h2>
          <button type="button" className="button secondary small" onClick={() => void refetch()} disabled={isFetching}>
            {isFetching ? t('loading') : t('reload')}
          </button>
        </div>
        {!data.locator.ok ? <p className="notice danger" role="alert">{t('locatorDown')}</p> : null}
        {data.locator.ok && data.providers.length === 0 ? <p className="muted">{t('noProviders')}</p> : null}
        {missing.length > 0 ? (
          <p className="notice danger" role="status" data-testid="missing-providers">
            {t('missing', { providers: missing.map((p) => p.legalName ?? p.providerId).join(', ') })}
          </p>
        ) : null}
        <ProviderStatusStrip providers={data.providers} />
      </section>
      <RecordBody record={data} />
    </>
  );
}
