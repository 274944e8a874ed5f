'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';

/** Each participant's health probe now, and whether the app's circuit breaker currently routes around it. */
export function ProviderHealth() {
  const trpc = useTRPC();
  const t = useTranslations('dataspace');
  const { data, isPending, refetch, isFetching } = useQuery({ ...trpc.dataspace.health.queryOptions(), refetchInterval: 15_000 });
  return (
    <section className="card" aria-labelledby="health-title">
      <div className="card-head">
        <h2 id="health-title">{t('health')}</h2>
        <button type="button" className="button secondary small" onClick={() => void refetch()} disabled={isFetching}>
          {t('check')}
        </button>
      </div>
      {isPending ? <p className="muted">…</p> : null}
      {data ? (
        <ul className="status-strip" data-testid="health">
          {data.map((h) => (
            <li key={h.participantId} className={`status-tile ${h.reachable ? 'ok' : 'unavailable'}`}>
              <strong className="mono">{h.participantId}</strong>
              <span>
                <span className={`badge ${h.reachable ? 'success' : 'danger'}`}>{h.reachable ? t('up') : t('down')}</span>{' '}
                <span className={`badge ${h.breaker === 'closed' ? '' : 'warning'}`}>{t(`breaker.${h.breaker}`)}</span>
              </span>
              <span className="muted small">{h.latencyMs !== null ? t('latency', { ms: h.latencyMs }) : (h.detail ?? '')}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
