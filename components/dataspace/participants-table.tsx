'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';

const CREDENTIAL_BADGE = { valid: 'success', expiring: 'warning', expired: 'danger', revoked: 'danger' } as const;

/** The registry at the authority: each participant, its status and its latest credential. */
export function ParticipantsTable() {
  const trpc = useTRPC();
  const t = useTranslations('dataspace');
  const { data, isPending } = useQuery(trpc.dataspace.participants.queryOptions());
  return (
    <section className="card" aria-labelledby="participants-title">
      <h2 id="participants-title">{t('participants')}</h2>
      {isPending ? <p className="muted">…</p> : null}
      {data && !data.authorityReachable ? <p className="notice danger" role="alert">{t('authorityDown')}</p> : null}
      {data && data.participants.length > 0 ? (
        <div className="table-wrap">
          <table data-testid="participants">
            <thead>
              <tr>
                <th scope="col">{t('participant')}</th>
                <th scope="col">{t('roles')}</th>
                <th scope="col">{t('registryStatus')}</th>
                <th scope="col">{t('credential')}</th>
                <th scope="col">{t('expires')}</th>
              </tr>
            </thead>
            <tbody>
              {data.participants.map((p) => {
                const c = p.credentials[0];
                return (
                  <tr key={p.id}>
                    <td>
                      <strong>{p.legalName}</strong>
                      <br />
                      <span className="mono muted">{p.id}</span>
                      {p.baseUrl ? <span className="mono muted"> · {p.baseUrl}</span> : null}
                    </td>
                    <td>{p.roles.join(', ')}</td>
                    <td>
                      <span className={`badge ${p.status === 'active' ? 'success' : p.status === 'revoked' ? 'danger' : 'warning'}`}>{t.has(`registry.${p.status}`) ? t(`registry.${p.status}`) : p.status}</span>
                      {p.revocationReason ? <span className="muted small"> {p.revocationReason}</span> : null}
                    </td>
                    <td>{c ? <span className={`badge ${CREDENTIAL_BADGE[c.state]}`}>{t(`credentialState.${c.state}`)}</span> : <span className="muted">{t('noCredential')}</span>}</td>
                    <td>{c ? <FormattedTime value={c.revokedAt ?? c.expiresAt} /> : '—'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
