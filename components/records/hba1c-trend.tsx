'use client';
import { useFormatter, useTranslations } from 'next-intl';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TRecordOutput } from '@/server/api/routers/patients/record.schema';

/** A common individual target (CLINICAL.md): 53 mmol/mol (7 %). */
const TARGET_MMOL_MOL = 53;
const COLOURS = ['#0b5cad', '#b45309', '#146c43'];

/** HbA1c over time in mmol/mol, one line per provider, with the 53 mmol/mol target. */
export function Hba1cTrend({ observations }: { observations: TRecordOutput['observations'] }) {
  const t = useTranslations('record');
  const format = useFormatter();
  // One point per date and provider: the IFCC and % results of the same sample are the same measurement.
  const seen = new Set<string>();
  const points = observations
    .filter((o) => o.hba1c && o.date)
    .filter((o) => {
      const key = `${o.source.providerId}|${o.date?.slice(0, 10)}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((o) => ({ t: new Date(o.date ?? 0).getTime(), provider: o.source.providerId, mmolMol: o.hba1c?.mmolMol ?? 0, percent: o.hba1c?.percent ?? 0 }))
    .sort((a, b) => a.t - b.t);
  if (points.length < 2) return null;
  const providers = [...new Set(points.map((p) => p.provider))];
  const data = points.map((p) => ({ t: p.t, [p.provider]: p.mmolMol }));
  const latest = points.at(-1);
  return (
    <section className="card" aria-labelledby="hba1c-title">
      <h2 id="hba1c-title">{t('hba1cTitle')}</h2>
      {latest ? <p className="muted">{t('hba1cLatest', { mmol: latest.mmolMol, percent: latest.percent, target: TARGET_MMOL_MOL })}</p> : null}
      <figure style={{ margin: 0, height: 260 }} aria-label={t('hba1cChartLabel', { count: points.length })}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid stroke="#d5dce6" strokeDasharray="3 3" />
            <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => format.dateTime(new Date(v), { year: 'numeric', month: 'short' })} stroke="#4a5568" />
            <YAxis
              unit=""
              // Always show the target line, with room around the measured values.
              domain={[(min: number) => Math.floor(Math.min(min, TARGET_MMOL_MOL) - 4), (max: number) => Math.ceil(Math.max(max, TARGET_MMOL_MOL) + 4)]} stroke="#4a5568" label={{ value: 'mmol/mol', angle: -90, position: 'insideLeft', fill: '#4a5568' }} />
            <Tooltip labelFormatter={(v) => format.dateTime(new Date(Number(v)), { dateStyle: 'medium' })} />
            <Legend />
            <ReferenceLine y={TARGET_MMOL_MOL} stroke="#146c43" strokeDasharray="4 4" label={{ value: t('target'), fill: '#146c43', position: 'insideTopRight' }} />
            {providers.map((p, i) => (
              // Straight segments between measurements: a smoothed curve would invent values between them.
              <Line key={p} type="linear" dataKey={p} name={p} stroke={COLOURS[i % COLOURS.length]} connectNulls dot={{ r: 3 }} isAnimationActive={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}
