'use client';
import Link from 'next/link';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { BreakGlassBanner, EmergencyAccess } from '@/components/records/break-glass';
import { useRecordFormat } from '@/components/records/use-record-format';
import { useTRPC } from '@/components/trpc/trpc-provider';
import type { TRecommendationOutput } from '@/server/api/routers/diabetes/recommendation.schema';
import { PRIORITY_IDS, type Priority } from '@/server/diabetes/recommendation/priorities';
import { BasisPanel } from './basis-panel';
import { ConsentBadges } from './consent-badges';
import { DecisionForm } from './decision-form';
import { DecisionHistory } from './decision-history';
import { TherapyOptions } from './therapy-options';
import { TrendChart } from './trend-chart';

function PatientHeader({ view }: { view: TRecommendationOutput }) {
  const t = useTranslations('diabetes');
  const tRecord = useTranslations('record');
  const f = useRecordFormat();
  const p = view.patient;
  return (
    <section className="card patient-header" aria-labelledby="patient-title">
      <h2 id="patient-title" data-testid="patient-name">
        {p.name ?? t('panel.unnamed')} <span className="mono muted small">{view.nationalId}</span>
      </h2>
      <dl className="facts">
        <div>
          <dt>{t('header.age')}</dt>
          <dd>
            {p.ageYears !== null ? t('header.years', { years: Math.floor(p.ageYears) }) : '—'}
            {p.sex ? `, ${tRecord(`genders.${p.sex}`)}` : ''}
          </dd>
        </div>
        <div>
          <dt>{t('header.duration')}</dt>
          <dd>{p.diabetesDurationYears !== null ? t('header.since', { years: f.number(p.diabetesDurationYears, 0), date: f.date(p.diabetesOnset) }) : '—'}</dd>
        </div>
        <div>
          <dt>{t('header.comorbidities')}</dt>
          <dd data-testid="comorbidities">{view.comorbidities.length > 0 ? view.comorbidities.map((c) => f.name(c.name)).join(', ') : t('header.none')}</dd>
        </div>
        <div>
          <dt>{t('header.consent')}</dt>
          <dd>
            <ConsentBadges providers={view.providers} />
          </dd>
        </div>
      </dl>
    </section>
  );
}

function Medication({ view }: { view: TRecommendationOutput }) {
  const t = useTranslations('diabetes');
  const f = useRecordFormat();
  const names = new Map(view.providers.map((p) => [p.providerId, p.legalName ?? p.providerId]));
  // One line per medicine (ATC code): several providers prescribing the same one show as its sources.
  const groups = new Map<string, TRecommendationOutput['medications']>();
  for (const m of view.medications) groups.set(m.atc ?? m.name, [...(groups.get(m.atc ?? m.name) ?? []), m]);
  const byMedicine = [...groups.values()];
  return (
    <section className="card" aria-labelledby="medication-title">
      <h2 id="medication-title">{t('medication.title')}</h2>
      {byMedicine.length === 0 ? (
        <p className="muted">{t('medication.none')}</p>
      ) : (
        <ul className="plain-list medication-list" data-testid="current-medication">
          {byMedicine.map((group) => {
            const m = group[0] as TRecommendationOutput['medications'][number];
            const providers = [...new Set(group.map((g) => g.source.providerId))];
            return (
              <li key={m.atc ?? m.name}>
                <strong>{m.name}</strong> <span className="mono muted small">{m.atc}</span> · <span className="muted small">{t('medication.since', { date: f.date(m.authoredOn) })}</span>{' '}
                {providers.map((p) => (
                  <span key={p ?? 'own'} className="badge info" title={group.filter((g) => g.source.providerId === p).map((g) => g.source.resource).join(', ')}>
                    {p ? (names.get(p) ?? p) : t('basis.noProvider')}
                  </span>
                ))}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/**
 * The endocrinologist's page for one patient: who (header with consent per provider), the course
 * (HbA1c with the goal band, weight/BMI, eGFR), current medication, the ranked options with their basis
 * and the missing data, an automation-bias notice, the decision, and the history of decisions.
 */
export function PatientWorkspace({ nationalId }: { nationalId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('diabetes');
  const tErrors = useTranslations('errors');
  const tRecord = useTranslations('record');
  const f = useRecordFormat();
  const [priority, setPriority] = useState<Priority>('glycaemic');
  const { data, isPending, isError, error, isFetching } = useQuery({ ...trpc.diabetes.recommendation.queryOptions({ nationalId, priority }), placeholderData: keepPreviousData, retry: false, refetchOnWindowFocus: false });
  const report = useQuery({ ...trpc.diabetes.modelReport.queryOptions(), refetchOnWindowFocus: false, staleTime: 60_000 });
  if (isPending) return <p className="muted" aria-live="polite">{tRecord('loading')}</p>;
  if (isError) {
    if (error.data?.code !== 'FORBIDDEN') return <p className="notice danger" role="alert">{tErrors('generic')}</p>;
    return <EmergencyAccess nationalId={nationalId} />;
  }
  const view = data;
  return (
    <>
      {view.access.breakGlass ? <BreakGlassBanner nationalId={nationalId} reason={view.access.breakGlass.reason} expiresAt={view.access.breakGlass.expiresAt} /> : null}
      <PatientHeader view={view} />
      {!view.locator.ok ? <p className="notice danger" role="alert">{tRecord('locatorDown')}</p> : null}
      {view.missingData.length > 0 ? (
        <section className="notice danger" role="status" data-testid="missing-data">
          <strong>{t('missing.title')}</strong>
          <ul className="plain-list">
            {view.missingData.map((m) => (
              <li key={m.providerId}>{m.message}</li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="course-title">
        <h2 id="course-title">{t('course.title')}</h2>
        <div className="chart-grid">
          <TrendChart title={t('course.hba1c')} points={view.series.hba1c} unit="mmol/mol" digits={0} band={{ from: 20, to: view.target.mmolMol, label: t('course.goal', { mmolMol: view.target.mmolMol }) }} testId="chart-hba1c" />
          <TrendChart title={view.series.weight.length > 0 ? t('course.weight') : t('course.bmi')} points={view.series.weight.length > 0 ? view.series.weight : view.series.bmi} unit={view.series.weight.length > 0 ? 'kg' : 'kg/m²'} digits={1} testId="chart-weight" />
          <TrendChart title={t('course.egfr')} points={view.series.egfr} unit="mL/min/1.73 m²" digits={0} testId="chart-egfr" />
        </div>
      </section>
      <Medication view={view} />
      <section className="card" aria-labelledby="options-title">
        <div className="card-head options-head">
          <h2 id="options-title">{t('options.title')}</h2>
          <div className="field inline-field">
            <label htmlFor="priority">{t('options.priority')}</label>
            <select id="priority" value={priority} onChange={(e) => setPriority(e.target.value as Priority)} disabled={isFetching}>
              {PRIORITY_IDS.map((p) => (
                <option key={p} value={p}>
                  {t(`priorities.${p}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p className="notice automation-bias" data-testid="automation-bias">
          {t('options.automationBias')}
        </p>
        {view.model.state === 'refused' ? (
          <p className="notice danger" role="alert" data-testid="model-refused">
            <strong>{t('options.modelRefused')}</strong> {view.model.message}
          </p>
        ) : null}
        {view.refusals.length > 0 ? (
          <div className="notice danger" role="status" data-testid="refusals">
            <strong>{t('options.noOutput')}</strong>
            <ul className="plain-list">
              {view.refusals.map((r) => (
                <li key={r.feature + r.message}>
                  {t(`features.${r.feature}`)}: {r.message}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {view.options.length > 0 ? <TherapyOptions view={view} /> : null}
        <p className="muted small">
          {t('options.footer', { version: view.model.state === 'ready' ? view.model.version : '—', rules: view.ruleSetVersion, date: f.date(view.now) })} <Link href="/diabetes/model">{t('basis.card')}</Link>
        </p>
      </section>
      <BasisPanel view={view} report={report.data} />
      <DecisionForm key={`${view.nationalId}-${view.priority.id}`} view={view} />
      <DecisionHistory nationalId={nationalId} />
    </>
  );
}
