'use client';
import { useTranslations } from 'next-intl';
import { CartesianGrid, ResponsiveContainer, Scatter, ScatterChart, Tooltip, XAxis, YAxis } from 'recharts';
import { useRecordFormat } from '@/components/records/use-record-format';
import type { TMergedRecord } from '@/server/records/merged-record-schema';
import { LANES, timelineEvents, type Lane, type TimelineEvent } from './timeline-events';

const LANE_COLOUR: Record<Lane, string> = { diagnosis: '#b42318', staging: '#6b3fa0', treatment: '#0b5cad', marker: '#146c43', status: '#8a5300' };

type Point = TimelineEvent & { y: number };

/** Diagnosis, staging, treatments, markers and disease status of a case on one time axis, one lane each. */
export function CaseTimeline({ record, large = false }: { record: Pick<TMergedRecord, 'conditions' | 'oncology' | 'medications'>; large?: boolean }) {
  const t = useTranslations('oncology');
  const f = useRecordFormat();
  const events = timelineEvents(record);
  if (events.length === 0) return <p className="muted">{t('timelineEmpty')}</p>;
  const month = new Intl.DateTimeFormat(f.tag, { month: 'short', year: 'numeric' });
  // One tick per month (or per quarter, half-year, year on a long course), at most six: recharts'
  // own ticks on a time scale crowd and overlap within a few weeks.
  const first = events[0]?.time ?? 0;
  const last = events.at(-1)?.time ?? first;
  const start = new Date(first);
  const months = Math.max(1, (new Date(last).getUTCFullYear() - start.getUTCFullYear()) * 12 + new Date(last).getUTCMonth() - start.getUTCMonth() + 1);
  const step = [1, 3, 6, 12, 24].find((m) => months / m <= 6) ?? 36;
  const ticks: number[] = [];
  for (let m = 0; m <= months; m += step) ticks.push(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + m, 1));
  const domain = [Math.min(first, ticks[0] ?? first), Math.max(last, ticks.at(-1) ?? last) + 15 * 86_400_000];
  const laneName = (i: number) => t(`lanes.${LANES[LANES.length - 1 - i] ?? 'status'}`);
  const fontSize = large ? 18 : 12;
  return (
    <figure className={`case-timeline${large ? ' large' : ''}`} aria-label={t('timelineLabel', { count: events.length })} data-testid="case-timeline">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 12, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#d5dce6" strokeDasharray="3 3" />
          <XAxis dataKey="time" type="number" scale="time" domain={domain} ticks={ticks} allowDataOverflow tickFormatter={(v: number) => month.format(new Date(v))} stroke="#4a5568" fontSize={fontSize} />
          <YAxis dataKey="y" type="number" domain={[-0.5, LANES.length - 0.5]} ticks={LANES.map((_, i) => i)} tickFormatter={laneName} width={large ? 170 : 110} stroke="#4a5568" fontSize={fontSize} />
          <Tooltip
            cursor={{ strokeDasharray: '3 3' }}
            content={({ payload }) => {
              const p = payload?.[0]?.payload as Point | undefined;
              if (!p) return null;
              return (
                <div className="chart-tooltip">
                  <strong>{f.name(p.label)}</strong>
                  {p.value ? <span> — {f.name(p.value)}</span> : null}
                  <br />
                  <span className="muted">
                    {f.date(new Date(p.time).toISOString())} · {[...new Set(p.sources.map((s) => s.providerId))].join(', ')}
                  </span>
                </div>
              );
            }}
          />
          {LANES.map((lane, i) => (
            <Scatter key={lane} name={t(`lanes.${lane}`)} data={events.filter((e) => e.lane === lane).map((e) => ({ ...e, y: LANES.length - 1 - i }))} fill={LANE_COLOUR[lane]} isAnimationActive={false} />
          ))}
        </ScatterChart>
      </ResponsiveContainer>
      <figcaption className="visually-hidden">
        <ul>
          {events.map((e, i) => (
            <li key={i}>
              {f.date(new Date(e.time).toISOString())}: {t(`lanes.${e.lane}`)} — {f.name(e.label)}
              {e.value ? ` (${f.name(e.value)})` : ''}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
