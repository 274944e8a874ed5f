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
  const laneName = (i: number) => t(`lanes.${LANES[LANES.length - 1 - i] ?? 'status'}`);
  const fontSize = large ? 18 : 12;
  return (
    <figure className={`case-timeline${large ? ' large' : ''}`} aria-label={t('timelineLabel', { count: events.length })} data-testid="case-timeline">
      <ResponsiveContainer width="100%" height="100%">
        <ScatterChart margin={{ top: 12, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid stroke="#d5dce6" strokeDasharray="3 3" />
          <XAxis dataKey="time" type="number" scale="time" domain={['dataMin - 1296000000', 'dataMax + 1296000000']} tickFormatter={(v: number) => month.format(new Date(v))} stroke="#4a5568" fontSize={fontSize} />
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
