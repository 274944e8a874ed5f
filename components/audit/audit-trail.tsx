'use client';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';

/** The audit trail: chain verification on demand, then the newest events with paging backwards. */
export function AuditTrail() {
  const trpc = useTRPC();
  const t = useTranslations('audit');
  const verify = useQuery({ ...trpc.audit.verifyChain.queryOptions(), enabled: false });
  const events = useInfiniteQuery(
    trpc.audit.listEvents.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  return (
    <>
      <section className="card">
        <button className="button" type="button" onClick={() => verify.refetch()} disabled={verify.isFetching}>
          {verify.isFetching ? t('verifying') : t('verify')}
        </button>
        <div aria-live="polite">
          {verify.data?.ok ? <p className="notice success">{t('intact', { count: verify.data.rowsChecked })}</p> : null}
          {verify.data && !verify.data.ok && verify.data.firstBroken ? (
            <p className="notice danger" role="alert">
              {t('broken', { seq: verify.data.firstBroken.seq, reason: verify.data.firstBroken.reason })}
            </p>
          ) : null}
        </div>
      </section>
      <section className="card">
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('recorded')}</th>
                <th scope="col">{t('event')}</th>
                <th scope="col">{t('agent')}</th>
                <th scope="col">{t('patient')}</th>
                <th scope="col">{t('outcome')}</th>
                <th scope="col">{t('address')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((e) => (
                <tr key={e.seq}>
                  <td className="mono">{e.seq}</td>
                  <td>
                    <FormattedTime value={e.recorded} />
                  </td>
                  <td>
                    <strong>{e.subtype}</strong>
                    <br />
                    <span className="muted mono">
                      {e.typeCode} · {e.action}
                      {e.purposeOfUse ? ` · ${e.purposeOfUse}` : ''}
                    </span>
                  </td>
                  <td>
                    {e.agentRole ?? '—'}
                    {e.agentOrganisation ? <span className="muted"> · {e.agentOrganisation}</span> : null}
                  </td>
                  <td className="mono">{e.patientNationalId ?? '—'}</td>
                  <td>
                    <span className={`badge ${e.outcome === '0' ? 'success' : 'danger'}`}>{e.outcome === '0' ? t('success') : t('failure')}</span>
                    {e.outcomeDescription ? <div className="muted">{e.outcomeDescription}</div> : null}
                  </td>
                  <td className="mono">{e.clientAddress ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {rows.length === 0 && !events.isPending ? <p className="muted">{t('empty')}</p> : null}
        {events.hasNextPage ? (
          <button className="button secondary" type="button" onClick={() => events.fetchNextPage()} disabled={events.isFetchingNextPage}>
            {t('more')}
          </button>
        ) : null}
      </section>
    </>
  );
}
