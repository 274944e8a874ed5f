'use client';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useRecordFormat } from '@/components/records/use-record-format';
import { featureUnit } from './feature-unit';
import type { TModelReportOutput } from '@/server/api/routers/diabetes/modelReport.schema';
import type { TRecommendationView } from '@/server/diabetes/recommendation/recommendation-schema';

const STATUS_BADGE = { present: 'success', absent: '', missing: 'warning', outOfRange: 'danger' } as const;

/**
 * The basis of the recommendation, open by default so the clinician can check it independently (FDA CDS
 * guidance 2022, criterion 4): every input with its value, date, provider and agreement; the model's
 * version, hash and card; its validation figures; the rule set's version and the guideline sources.
 */
export function BasisPanel({ view, report }: { view: TRecommendationView; report: TModelReportOutput | undefined }) {
  const t = useTranslations('diabetes');
  const f = useRecordFormat();
  const names = new Map(view.providers.map((p) => [p.providerId, p.legalName ?? p.providerId]));
  const m = report?.metrics;
  return (
    <details className="card basis" open data-testid="basis-panel">
      <summary>
        <h2 id="basis-title">{t('basis.title')}</h2>
      </summary>
      <p className="muted small">{t('basis.intro')}</p>
      <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="basis-title">
        <table className="basis-table" data-testid="basis-inputs">
          <thead>
            <tr>
              <th scope="col">{t('basis.input')}</th>
              <th scope="col">{t('basis.value')}</th>
              <th scope="col">{t('basis.date')}</th>
              <th scope="col">{t('basis.source')}</th>
            </tr>
          </thead>
          <tbody>
            {view.features.map((x) => (
              <tr key={x.name} data-testid={`basis-${x.name}`} data-status={x.status}>
                <th scope="row">
                  {t(`features.${x.name}`)}
                  {x.required ? <span className="muted small"> · {t('basis.required')}</span> : null}
                </th>
                <td>
                  {x.value === null ? '—' : x.name === 'sexMale' ? (x.value === 1 ? t('basis.male') : t('basis.female')) : x.unit === '1' ? (x.value === 1 ? t('basis.yes') : t('basis.no')) : `${f.number(x.value)} ${featureUnit(x.unit, t('options.years'))}`}{' '}
                  <span className={`badge ${STATUS_BADGE[x.status]}`}>{t(`basis.status.${x.status}`)}</span>
                  {x.derivation ? <div className="muted small">{x.derivation}</div> : null}
                  {x.reason ? <div className="small basis-reason">{x.reason}</div> : null}
                </td>
                <td className="nowrap">{f.date(x.date)}</td>
                <td>
                  {x.sources.length === 0 ? (
                    <span className="muted">—</span>
                  ) : (
                    <ul className="plain-list">
                      {x.sources.map((s) => (
                        <li key={s.resource + (s.providerId ?? '')} className="small">
                          <span className="badge info" data-testid="source">
                            {s.providerId ? names.get(s.providerId) ?? s.providerId : t('basis.noProvider')}
                          </span>{' '}
                          <span className="mono">{s.resource}{s.versionId ? `/_history/${s.versionId}` : ''}</span>
                          {s.agreementId ? <div className="mono muted">{t('basis.agreement', { id: s.agreementId })}</div> : null}
                        </li>
                      ))}
                    </ul>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="grid-2 basis-facts">
        <section aria-labelledby="basis-model">
          <h3 id="basis-model">{t('basis.model')}</h3>
          {view.model.state === 'ready' ? (
            <dl className="facts compact">
              <div>
                <dt>{t('basis.version')}</dt>
                <dd>{view.model.version}</dd>
              </div>
              <div>
                <dt>SHA-256</dt>
                <dd className="mono hash" data-testid="model-hash">{view.model.sha256}</dd>
              </div>
            </dl>
          ) : (
            <p className="notice danger">{view.model.message}</p>
          )}
          <p className="small">
            <Link href="/diabetes/model">{t('basis.card')}</Link> · {t('basis.synthetic')}
          </p>
          {m ? (
            <ul className="plain-list small" data-testid="validation-figures">
              <li>{t('basis.rmse', { value: f.number(m.accuracy.allClasses.rmseVsTrue, 1), n: m.accuracy.allClasses.n })}</li>
              <li>{t('basis.coverage', { value: f.number(m.accuracy.allClasses.intervalP10P90.coverageOfTrue * 100, 0) })}</li>
              <li>{t('basis.calibration', { value: f.number(m.accuracy.allClasses.calibrationVsTrue.slope, 2) })}</li>
              <li>{t('basis.regret', { value: f.number(m.decision.meanRegretMmolMol.estimate, 2) })}</li>
            </ul>
          ) : null}
        </section>
        <section aria-labelledby="basis-rules">
          <h3 id="basis-rules">{t('basis.rules')}</h3>
          <p className="small">
            {t('basis.ruleSet', { version: view.ruleSetVersion })} · {t('basis.priority', { priority: t(`priorities.${view.priority.id}`) })}
          </p>
          <p className="muted small">{view.priority.tradeOff}</p>
          <p className="small">
            {t('basis.target', { mmolMol: view.target.mmolMol, percent: f.number(view.target.percent, 1) })} <span className="muted">({view.target.basis})</span>
          </p>
          <ul className="plain-list small citations">
            {view.citations.map((c) => (
              <li key={c.url}>
                <a href={c.url} target="_blank" rel="noreferrer">
                  {c.label}
                </a>
                : <span className="muted">{c.citation}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </details>
  );
}
