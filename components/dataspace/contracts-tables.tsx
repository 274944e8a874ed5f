'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { TableCard } from '@/components/ui/table-card';
import { ruleWords } from './policy-words';

const STATE_BADGE: Record<string, string> = { FINALIZED: 'success', STARTED: 'success', TERMINATED: 'danger', SUSPENDED: 'warning', COMPLETED: 'info' };

function ProviderCell({ providerId, id }: { providerId: string; id: string | null }) {
  return (
    <td>
      {providerId}
      <br />
      <span className="mono muted small">{id}</span>
    </td>
  );
}

/** Negotiations the app ran or a provider offered it, with every state change and, when terminated, the reason. */
export function NegotiationsTable() {
  const trpc = useTRPC();
  const t = useTranslations('dataspace');
  const { data } = useQuery(trpc.dataspace.negotiations.queryOptions({ limit: 50 }));
  return (
    <TableCard
      id="negotiations"
      title={t('negotiations')}
      testId="negotiations"
      headers={[t('provider'), t('purpose'), t('state'), t('history')]}
      rows={data}
      rowKey={(n) => n.id}
      emptyText={t('noneYet')}
      renderRow={(n) => (
        <>
          <ProviderCell providerId={n.providerId} id={n.consumerPid} />
          <td>
            <span className="badge info">{n.purpose}</span>
          </td>
          <td>
            <span className={`badge ${STATE_BADGE[n.state] ?? ''}`}>{n.state}</span>
            {n.history[0]?.to === 'OFFERED' ? <p className="small muted">{t('offeredByProvider')}</p> : null}
            {n.terminationReason ? <p className="small">{t('reason', { reason: n.terminationReason })}</p> : null}
          </td>
          <td>
            <ol className="history">
              {n.history.map((h, i) => (
                <li key={i}>
                  <span className="history-step">
                    <span className="mono">{h.to}</span> · <FormattedTime value={h.at} />
                  </span>
                  {/* The termination reason is shown once, under the state. */}
                  {h.reason && h.reason !== n.terminationReason ? <span className="muted"> — {h.reason}</span> : null}
                </li>
              ))}
            </ol>
          </td>
        </>
      )}
    />
  );
}

export function AgreementsTable() {
  const trpc = useTRPC();
  const t = useTranslations('dataspace');
  const tPolicy = useTranslations('policy');
  const { data } = useQuery(trpc.dataspace.agreements.queryOptions({ limit: 50 }));
  return (
    <TableCard
      id="agreements"
      title={t('agreements')}
      testId="agreements"
      headers={[t('agreement'), t('parties'), t('target'), t('policy'), t('signed')]}
      rows={data}
      rowKey={(a) => a.id}
      emptyText={t('noneYet')}
      renderRow={(a) => (
        <>
          <td className="mono small">{a.id}</td>
          <td>{t('assignerAssignee', { assigner: a.assigner, assignee: a.assignee })}</td>
          <td className="mono small">{a.target}</td>
          <td className="small">
            {[...a.permissions.map((p) => ruleWords(p, tPolicy)), ...a.prohibitions.map((p) => `${t('prohibited')}: ${ruleWords(p, tPolicy)}`)].join(' · ')}
          </td>
          <td>
            <FormattedTime value={a.signedAt} />
          </td>
        </>
      )}
    />
  );
}

export function TransfersTable() {
  const trpc = useTRPC();
  const t = useTranslations('dataspace');
  const { data } = useQuery(trpc.dataspace.transfers.queryOptions({ limit: 50 }));
  return (
    <TableCard
      id="transfers"
      title={t('transfers')}
      testId="transfers"
      headers={[t('provider'), t('purpose'), t('state'), t('endpoint'), t('tokenExpiry')]}
      rows={data}
      rowKey={(x) => x.id}
      emptyText={t('noneYet')}
      renderRow={(x) => (
        <>
          <ProviderCell providerId={x.providerId} id={x.agreementId} />
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
        </>
      )}
    />
  );
}
