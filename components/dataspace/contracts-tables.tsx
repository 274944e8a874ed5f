'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';

const STATE_BADGE: Record<string, string> = { FINALIZED: 'success', STARTED: 'success', TERMINATED: 'danger', SUSPENDED: 'warning', COMPLETED: 'info' };

/** Negotiations the app ran, with every state change and, when terminated, the provider's reason. */
export function NegotiationsTable() {
  const trpc = useTRPC();
  const t = useTranslations('dataspace');
  const { data } = useQuery(trpc.dataspace.negotiations.queryOptions({ limit: 50 }));
  return (
    <section className="card" aria-labelledby="negotiations-title">
      <h2 id="negotiations-title">{t('negotiations')}</h2>
      {data && data.length === 0 ? <p className="muted">{t('noneYet')}</p> : null}
      {data && data.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="negotiations">
            <thead>
              <tr>
                <th scope="col">{t('provider')}</th>
                <th scope="col">{t('purpose')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('history')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((n) => (
                <tr key={n.id}>
                  <td>
                    {n.providerId}
                    <br />
                    <span className="mono muted small">{n.consumerPid}</span>
                  </td>
                  <td>
                    <span className="badge info">{n.purpose}</span>
                  </td>
                  <td>
                    <span className={`badge ${STATE_BADGE[n.state] ?? ''}`}>{n.state}</span>
                    {n.terminationReason ? <p className="small">{t('reason', { reason: n.terminationReason })}</p> : null}
                  </td>
                  <td>
                    <ol className="history">
                      {n.history.map((h, i) => (
                        <li key={i}>
                          <span className="mono">{h.to}</span> · <FormattedTime value={h.at} />
                          {h.reason ? <span className="muted"> — {h.reason}</span> : null}
                        </li>
                      ))}
                    </ol>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function AgreementsTable() {
  const trpc = useTRPC();
  const t = useTranslations('dataspace');
  const { data } = useQuery(trpc.dataspace.agreements.queryOptions({ limit: 50 }));
  return (
    <section className="card" aria-labelledby="agreements-title">
      <h2 id="agreements-title">{t('agreements')}</h2>
      {data && data.length === 0 ? <p className="muted">{t('noneYet')}</p> : null}
      {data && data.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="agreements">
            <thead>
              <tr>
                <th scope="col">{t('agreement')}</th>
                <th scope="col">{t('parties')}</th>
                <th scope="col">{t('target')}</th>
                <th scope="col">{t('policy')}</th>
                <th scope="col">{t('signed')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((a) => (
                <tr key={a.id}>
                  <td className="mono small">{a.id}</td>
                  <td>{t('assignerAssignee', { assigner: a.assigner, assignee: a.assignee })}</td>
                  <td className="mono small">{a.target}</td>
                  <td className="small">
                    {[...a.permissions.map((p) => `${p.action} (${p.constraints.join('; ')})`), ...a.prohibitions.map((p) => `${t('prohibited')}: ${p.action}`)].join(' · ')}
                  </td>
                  <td>
                    <FormattedTime value={a.signedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

export function TransfersTable() {
  const trpc = useTRPC();
  const t = useTranslations('dataspace');
  const { data } = useQuery(trpc.dataspace.transfers.queryOptions({ limit: 50 }));
  return (
    <section className="card" aria-labelledby="transfers-title">
      <h2 id="transfers-title">{t('transfers')}</h2>
      {data && data.length === 0 ? <p className="muted">{t('noneYet')}</p> : null}
      {data && data.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="transfers">
            <thead>
              <tr>
                <th scope="col">{t('provider')}</th>
                <th scope="col">{t('purpose')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('endpoint')}</th>
                <th scope="col">{t('tokenExpiry')}</th>
              </tr>
            </thead>
            <tbody>
              {data.map((x) => (
                <tr key={x.id}>
                  <td>
                    {x.providerId}
                    <br />
                    <span className="mono muted small">{x.agreementId}</span>
                  </td>
                  <td>
                    <span className="badge info">{x.purpose}</span>
                  </td>
                  <td>
                    <span className={`badge ${STATE_BADGE[x.state] ?? ''}`}>{x.state}</span>
                  </td>
                  <td className="mono small">{x.endpoint ?? '—'}</td>
                  <td>
                    <span className={`badge ${x.token === 'valid' ? 'success' : 'warning'}`}>{t(`token.${x.token}`)}</span> {x.tokenExpiresAt ? <FormattedTime value={x.tokenExpiresAt} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
