'use client';
import { useTranslations } from 'next-intl';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { TObservationGroup } from '@/server/records/merged-record-schema';
import { useRecordFormat } from './use-record-format';

const COLOURS = ['#0b5cad', '#b45309', '#146c43'];

/** A test's numeric results over time, one line per provider, with an optional target line. */
export function SeriesChart({ group, target }: { group: TObservationGroup; target?: number }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  // Each provider's own value of each point (a conflict has one per provider).
  const points = group.series.flatMap((p) => {
    if (!p.date) return [];
    const time = new Date(p.date).getTime();
    if (p.conflict) return p.conflict.filter((c) => c.value !== null).map((c) => ({ time, provider: c.providerId, value: c.value as number }));
    if (p.value === null) return [];
    return [...new Set(p.sources.map((s) => s.providerId))].map((provider) => ({ time, provider, value: p.value as number }));
  });
  if (points.length < 2) return null;
  const providers = [...new Set(points.map((p) => p.provider))].sort();
  const data = points.sort((a, b) => a.time - b.time).map((p) => ({ t: p.time, [p.provider]: p.value }));
  const name = f.name(group.name);
  return (
    <figure className="series-chart" aria-label={t('seriesChartLabel', { test: name, count: group.series.length, unit: group.unit })}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
          <CartesianGrid stroke="#d5dce6" strokeDasharray="3 3" />
          <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => new Intl.DateTimeFormat(f.tag, { year: 'numeric', month: 'short' }).format(new Date(v))} stroke="#4a5568" />
          <YAxis
            domain={[(min: number) => Math.floor(Math.min(min, target ?? min) * 0.95), (max: number) => Math.ceil(Math.max(max, target ?? max) * 1.05)]}
            stroke="#4a5568"
            tickFormatter={(v: number) => f.number(v)}
            label={{ value: group.unit, angle: -90, position: 'insideLeft', fill: '#4a5568' }}
          />
          <Tooltip labelFormatter={(v) => f.date(new Date(Number(v)).toISOString())} formatter={(v) => f.number(Number(v), group.digits ?? undefined)} />
          <Legend />
          {target !== undefined ? <ReferenceLine y={target} stroke="#146c43" strokeDasharray="4 4" label={{ value: t('target'), fill: '#146c43', position: 'insideTopRight' }} /> : null}
          {providers.map((p, i) => (
            // Straight segments between measurements: a smoothed curve would invent values between them.
            <Line key={p} type="linear" dataKey={p} name={p} stroke={COLOURS[i % COLOURS.length]} connectNulls dot={{ r: 3 }} isAnimationActive={false} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
}
