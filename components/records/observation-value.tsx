'use client';
import { useTranslations } from 'next-intl';
import type { TObservationPoint } from '@/server/records/merged-record-schema';
import { useRecordFormat } from './use-record-format';

/** A result as a clinician reads it: value and unit, the second unit beside it, or the providers' disagreement. */
export function ObservationValue({ point, unit, besideUnit, digits, besideDigits }: { point: TObservationPoint; unit: string; besideUnit: string | null; digits: number | null; besideDigits: number | null }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  if (point.conflict) {
    return (
      <span className="conflict" data-testid="conflict">
        <span className="badge warning">{t('conflict')}</span>{' '}
        {point.conflict.map((c) => `${c.providerId}: ${c.value !== null ? `${f.number(c.value, digits ?? undefined)} ${unit}` : (c.text ?? '—')}`).join(' · ')}
      </span>
    );
  }
  if (point.value === null) return <>{f.name(point.text)}</>;
  return (
    <span className="value" data-testid="value">
      {f.number(point.value, digits ?? undefined)} {unit}
      {point.beside !== null && besideUnit ? (
        <span className="muted">
          {' '}
          ({f.number(point.beside, besideDigits ?? undefined)} {besideUnit})
        </span>
      ) : null}
    </span>
  );
}

const ARROWS = { up: '↑', down: '↓', same: '→' } as const;

/** The direction of the latest value against the one before, as an arrow with words for screen readers. */
export function Trend({ trend }: { trend: 'up' | 'down' | 'same' | null }) {
  const t = useTranslations('record');
  if (!trend) return <span className="muted">—</span>;
  return (
    <span className={`trend trend-${trend}`} title={t(`trend.${trend}`)}>
      <span aria-hidden="true">{ARROWS[trend]}</span>
      <span className="visually-hidden">{t(`trend.${trend}`)}</span>
    </span>
  );
}
