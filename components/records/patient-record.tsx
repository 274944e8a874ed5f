'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { BreakGlassBanner, EmergencyAccess } from './break-glass';
import { useTRPC } from '@/components/trpc/trpc-provider';
import type { TRecordOutput } from '@/server/api/routers/patients/record.schema';
import { ProviderStatusStrip } from './provider-status-strip';
import { ConditionsSection } from './conditions-section';
import { MedicationsSection } from './medications-section';
import { ObservationsSection } from './observations-section';
import { OncologySection } from './oncology-section';
import { ProceduresSection } from './procedures-section';
import { RecordSummary } from './record-summary';
import { SourceTags } from './source-tag';
import { BoardDecisionsSection } from './board-decisions-section';
import { ageOn, useRecordFormat } from './use-record-format';

function Demographics({ record }: { record: TRecordOutput }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
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
            <dd>
              {f.date(p.birthDate)}
              {p.birthDate ? <span className="muted"> ({t('age', { age: ageOn(p.birthDate) })})</span> : null}
            </dd>
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
                  <li key={s.providerId + s.resource}>
                    <SourceTags sources={[s]} /> <span className="mono muted">{s.localIdentifier}</span>
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

function RecordBody({ record, canOpenCases }: { record: TRecordOutput; canOpenCases: boolean }) {
  const t = useTranslations('record');
  const hidden = record.notShown.reduce((n, x) => n + x.sources.length, 0);
  return (
    <>
      <Demographics record={record} />
      <RecordSummary summary={record.summary} />
      <OncologySection items={record.oncology} />
      <ConditionsSection conditions={record.conditions} />
      <MedicationsSection medications={record.medications} />
      <ObservationsSection observations={record.observations} />
      <ProceduresSection procedures={record.procedures} />
      <BoardDecisionsSection nationalId={record.nationalId} canOpenCases={canOpenCases} />
      {hidden > 0 ? (
        <p className="muted small" data-testid="not-shown">
          {t('notShown', { count: hidden, types: record.notShown.map((x) => x.resourceType).join(', ') })}
        </p>
      ) : null}
    </>
  );
}

/** A patient's record merged from every provider holding it, with the providers' answers first. */
export function PatientRecord({ nationalId, canOpenCases = false }: { nationalId: string; canOpenCases?: boolean }) {
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
      <RecordBody record={data} canOpenCases={canOpenCases} />
    </>
  );
}
