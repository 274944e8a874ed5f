'use client';
import { useTranslations } from 'next-intl';
import { CartesianGrid, Line, LineChart, ReferenceArea, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useRecordFormat } from '@/components/records/use-record-format';
import type { TRecommendationView } from '@/server/diabetes/recommendation/recommendation-schema';

type Point = TRecommendationView['series']['hba1c'][number];

/** The tooltip of one point: the value, the date, and every provider and resource that reported it. */
function PointTooltip({ active, payload, unit, digits }: { active?: boolean; payload?: readonly { payload?: Point & { t: number } }[]; unit: string; digits: number }) {
  const t = useTranslations('diabetes');
  const f = useRecordFormat();
  const p = payload?.[0]?.payload;
  if (!active || !p) return null;
  return (
    <div className="chart-tooltip">
      <strong>
        {f.number(p.value, digits)} {unit}
        {p.beside !== null ? ` (${f.number(p.beside, 1)} %)` : ''}
      </strong>
      <div className="muted">{f.date(p.date)}</div>
      <ul className="plain-list">
        {p.sources.map((s) => (
          <li key={s.resource + (s.providerId ?? '')}>
            {t('chart.source', { provider: s.providerId ?? t('basis.noProvider'), resource: s.resource, agreement: s.agreementId ?? '—' })}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * One measure over time: straight segments between measurements (a smoothed curve would invent values),
 * the goal band shaded when there is one, and each point's sources on hover.
 */
export function TrendChart({ title, points, unit, digits, band, testId }: { title: string; points: readonly Point[]; unit: string; digits: number; band?: { from: number; to: number; label: string }; testId: string }) {
  const t = useTranslations('diabetes');
  const f = useRecordFormat();
  const data = points.map((p) => ({ ...p, t: new Date(`${p.date}T12:00:00Z`).getTime() }));
  return (
    <figure className="trend-chart" data-testid={testId} aria-label={t('chart.label', { title, count: points.length, unit })}>
      <figcaption>
        <strong>{title}</strong> <span className="muted small">({unit})</span>
      </figcaption>
      {points.length === 0 ? (
        <p className="muted small">{t('chart.none')}</p>
      ) : (
        <div className="trend-chart-area">
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: -8 }}>
              <CartesianGrid stroke="#d5dce6" strokeDasharray="3 3" />
              <XAxis dataKey="t" type="number" scale="time" domain={['dataMin', 'dataMax']} tickFormatter={(v: number) => new Intl.DateTimeFormat(f.tag, { year: '2-digit', month: 'short' }).format(new Date(v))} stroke="#4a5568" fontSize={12} />
              <YAxis
                domain={[(min: number) => Math.floor(Math.min(min, band?.to ?? min) * 0.92), (max: number) => Math.ceil(Math.max(max, band?.to ?? max) * 1.05)]}
                stroke="#4a5568"
                fontSize={12}
                tickFormatter={(v: number) => f.number(v, 0)}
              />
              {band ? <ReferenceArea y1={band.from} y2={band.to} fill="#146c43" fillOpacity={0.12} ifOverflow="hidden" label={{ value: band.label, position: 'insideBottomRight', fill: '#146c43', fontSize: 12 }} /> : null}
              <Tooltip content={<PointTooltip unit={unit} digits={digits} />} />
              <Line type="linear" dataKey="value" stroke="#0b5cad" dot={{ r: 3 }} isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}
