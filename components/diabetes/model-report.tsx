'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { CartesianGrid, Legend, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis, ZAxis } from 'recharts';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { useRecordFormat } from '@/components/records/use-record-format';
import type { TModelReportOutput } from '@/server/api/routers/diabetes/modelReport.schema';

type Metrics = NonNullable<TModelReportOutput['metrics']>;
type Decile = Metrics['benefitCalibration']['deciles'][number];

/** Predicted against true mean per decile, with the identity line: points on the line are calibrated. */
function CalibrationChart({ title, deciles, scale, unit, testId }: { title: string; deciles: readonly Decile[]; scale: number; unit: string; testId: string }) {
  const t = useTranslations('diabetes');
  const f = useRecordFormat();
  const points = deciles.map((d) => ({ x: d.meanPredicted * scale, y: d.meanTrue * scale, decile: d.decile }));
  const lo = Math.min(...points.flatMap((p) => [p.x, p.y]));
  const hi = Math.max(...points.flatMap((p) => [p.x, p.y]));
  return (
    <figure className="trend-chart" data-testid={testId} aria-label={t('model.calibrationLabel', { title })}>
      <figcaption>
        <strong>{title}</strong> <span className="muted small">({unit})</span>
      </figcaption>
      <div className="trend-chart-area">
        <ResponsiveContainer width="100%" height="100%">
          <ScatterChart margin={{ top: 8, right: 12, bottom: 16, left: -4 }}>
            <CartesianGrid stroke="#d5dce6" strokeDasharray="3 3" />
            <XAxis type="number" dataKey="x" domain={[lo, hi]} name={t('model.predicted')} tickFormatter={(v: number) => f.number(v, 1)} fontSize={12} label={{ value: t('model.predicted'), position: 'insideBottom', offset: -8, fontSize: 12 }} />
            <YAxis type="number" dataKey="y" domain={[lo, hi]} name={t('model.observed')} tickFormatter={(v: number) => f.number(v, 1)} fontSize={12} />
            <ZAxis range={[50, 50]} />
            <Tooltip formatter={(v) => f.number(Number(v), 2)} />
            <Scatter data={points} fill="#0b5cad" name={t('model.deciles')} isAnimationActive={false} />
            <Scatter data={[{ x: lo, y: lo }, { x: hi, y: hi }]} line={{ stroke: '#146c43', strokeDasharray: '4 4' }} shape={() => <g />} name={t('model.identity')} isAnimationActive={false} legendType="line" />
            <Legend verticalAlign="top" height={24} />
          </ScatterChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** What each ranking priority does, on the test twins: achieved HbA1c, weight and hypoglycaemia. */
function PriorityOutcomes({ m }: { m: Metrics }) {
  const t = useTranslations('diabetes');
  const f = useRecordFormat();
  const rows = Object.entries(m.rankingPriorities).filter((e): e is [string, Exclude<(typeof e)[1], string>] => typeof e[1] !== 'string');
  return (
    <div className="table-wrap" tabIndex={0} role="group" aria-label={t('model.prioritiesTitle')}>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('model.priority')}</th>
            <th scope="col">{t('model.meanHba1c')}</th>
            <th scope="col">{t('model.meanWeight')}</th>
            <th scope="col">{t('model.meanHypo')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([id, r]) => (
            <tr key={id}>
              <th scope="row">{t.has(`priorities.${id}`) ? t(`priorities.${id}`) : r.label}</th>
              <td>{f.number(r.meanHba1cChangeMmolMol, 1)} mmol/mol</td>
              <td>{f.number(r.meanWeightChangeKg, 1)} kg</td>
              <td>{f.number(r.meanHypoglycaemiaRisk12m * 100, 1)} %</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The model page: serving status, agreement with clinicians next to the five-class paper, validation, subgroups, calibration, the card. */
export function ModelReport() {
  const trpc = useTRPC();
  const t = useTranslations('diabetes');
  const tRecord = useTranslations('record');
  const f = useRecordFormat();
  const { data, isPending } = useQuery({ ...trpc.diabetes.modelReport.queryOptions(), refetchOnWindowFocus: false });
  if (isPending || !data) return <p className="muted">{tRecord('loading')}</p>;
  const m = data.metrics;
  const pct = (v: number) => `${f.number(v * 100, 0)} %`;
  return (
    <>
      <section className="card" aria-labelledby="model-status-title">
        <h2 id="model-status-title">{t('model.statusTitle')}</h2>
        {data.status.state === 'ready' ? (
          <p className="notice success" data-testid="model-status">
            {t('model.ready', { version: data.status.version })} <span className="mono small hash">SHA-256 {data.status.sha256}</span>
          </p>
        ) : (
          <p className="notice danger" role="alert" data-testid="model-refused">
            <strong>{t('options.modelRefused')}</strong> {data.status.message}
          </p>
        )}
        <p className="muted small">{t('basis.synthetic')}</p>
      </section>
      <section className="card" aria-labelledby="agreement-title">
        <h2 id="agreement-title">{t('model.agreementTitle')}</h2>
        <div className="figures" data-testid="agreement">
          <div className="figure">
            <span className="figure-value">{data.agreement.share !== null ? pct(data.agreement.share) : '—'}</span>
            <span className="muted small">{t('model.agreementHere', { agreed: data.agreement.agreed, decisions: data.agreement.decisions })}</span>
          </div>
          <div className="figure">
            <span className="figure-value">{pct(data.agreement.paperShare)}</span>
            <span className="muted small">{t('model.agreementPaper')}</span>
          </div>
          {m ? (
            <div className="figure">
              <span className="figure-value">{pct(m.decision.observedConcordance.shareConcordant)}</span>
              <span className="muted small">{t('model.agreementTwins', { difference: f.number(m.decision.observedConcordance.difference, 1) })}</span>
            </div>
          ) : null}
        </div>
      </section>
      {data.metricsProblem ? <p className="notice danger">{data.metricsProblem}</p> : null}
      {m ? (
        <>
          <section className="card" aria-labelledby="metrics-title">
            <h2 id="metrics-title">{t('model.metricsTitle')}</h2>
            <p className="muted small">{t('model.cohort', { twins: f.number(m.cohort.twins, 0), test: f.number(m.cohort.split.test, 0) })}</p>
            <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="metrics-title">
              <table data-testid="metrics-table">
                <thead>
                  <tr>
                    <th scope="col">{t('model.scope')}</th>
                    <th scope="col">n</th>
                    <th scope="col">RMSE (mmol/mol)</th>
                    <th scope="col">{t('model.slope')}</th>
                    <th scope="col">{t('model.coverage')}</th>
                  </tr>
                </thead>
                <tbody>
                  {([['receivedClass', m.accuracy.receivedClass], ['allClasses', m.accuracy.allClasses], ...Object.entries(m.accuracy.perClass)] as [string, Metrics['accuracy']['allClasses']][]).map(([k, a]) => (
                    <tr key={k}>
                      <th scope="row">{t.has(`classes.${k}`) ? t(`classes.${k}`) : t(`model.scopes.${k}`)}</th>
                      <td>{f.number(a.n, 0)}</td>
                      <td>{f.number(a.rmseVsTrue, 2)}</td>
                      <td>{f.number(a.calibrationVsTrue.slope, 2)}</td>
                      <td>{pct(a.intervalP10P90.coverageOfTrue)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <ul className="plain-list small">
              <li>{t('model.regret', { value: f.number(m.decision.meanRegretMmolMol.estimate, 2), low: f.number(m.decision.meanRegretMmolMol.ci95[0], 2), high: f.number(m.decision.meanRegretMmolMol.ci95[1], 2) })}</li>
              <li>{t('model.vsGuideline', { value: f.number(m.decision.modelMinus.guideline.estimate, 1) })}</li>
              <li>{t('model.weightFigures', { rmse: f.number(m.secondaryOutputs.weight.rmseVsTrueKg, 2), coverage: pct(m.secondaryOutputs.weight.intervalP10P90.coverageOfObservedReceived) })}</li>
              <li>{t('model.hypoFigures', { brier: f.number(m.secondaryOutputs.hypoglycaemia.brierScoreObserved, 3), slope: f.number(m.secondaryOutputs.hypoglycaemia.calibrationVsTrue.slope, 2) })}</li>
              <li>{t('model.missingFigures', { share: pct(m.missingInputs.shareOfPatientsWithMissingInputs) })}</li>
            </ul>
          </section>
          <section className="card" aria-labelledby="calibration-title">
            <h2 id="calibration-title">{t('model.calibrationTitle')}</h2>
            <div className="chart-grid">
              <CalibrationChart title={t('model.benefitCalibration')} deciles={m.benefitCalibration.deciles} scale={1} unit="mmol/mol" testId="calibration-benefit" />
              <CalibrationChart title={t('model.hypoCalibration')} deciles={m.secondaryOutputs.hypoglycaemia.deciles} scale={100} unit="%" testId="calibration-hypo" />
            </div>
            <p className="muted small">{t('model.calibrationNote', { contrast: m.benefitCalibration.contrast, slope: f.number(m.benefitCalibration.decileSlope, 2) })}</p>
          </section>
          <section className="card" aria-labelledby="subgroups-title">
            <h2 id="subgroups-title">{t('model.subgroupsTitle')}</h2>
            <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="subgroups-title">
              <table data-testid="subgroup-table">
                <thead>
                  <tr>
                    <th scope="col">{t('model.subgroup')}</th>
                    <th scope="col">n</th>
                    <th scope="col">RMSE (mmol/mol)</th>
                    <th scope="col">{t('model.slope')}</th>
                    <th scope="col">{t('model.meanRegret')}</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(m.subgroups).flatMap(([dim, rows]) =>
                    rows.map((r) => (
                      <tr key={dim + r.subgroup}>
                        <th scope="row">
                          <span className="muted">{t.has(`model.dimensions.${dim}`) ? t(`model.dimensions.${dim}`) : dim}</span> {r.subgroup}
                        </th>
                        <td>{f.number(r.n, 0)}</td>
                        <td>{f.number(r.rmseAllClasses, 2)}</td>
                        <td>{f.number(r.calibrationSlope, 2)}</td>
                        <td>{f.number(r.meanRegretMmolMol, 2)}</td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          </section>
          <section className="card" aria-labelledby="priorities-title">
            <h2 id="priorities-title">{t('model.prioritiesTitle')}</h2>
            <PriorityOutcomes m={m} />
          </section>
        </>
      ) : null}
      {data.card ? (
        <details className="card" data-testid="model-card">
          <summary>
            <h2>{t('model.cardTitle')}</h2>
          </summary>
          <pre className="model-card">{data.card}</pre>
        </details>
      ) : null}
    </>
  );
}
