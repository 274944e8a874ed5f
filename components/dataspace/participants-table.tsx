'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { TableCard } from '@/components/ui/table-card';

const CREDENTIAL_BADGE = { valid: 'success', expiring: 'warning', expired: 'danger', revoked: 'danger' } as const;

/** The registry at the authority: each participant, its status and its latest credential. */
export function ParticipantsTable() {
  const trpc = useTRPC();
  const t = useTranslations('dataspace');
  const { data, isPending } = useQuery(trpc.dataspace.participants.queryOptions());
  return (
    <TableCard
      id="participants"
      title={t('participants')}
      testId="participants"
      headers={[t('participant'), t('roles'), t('registryStatus'), t('credential'), t('expires')]}
      rows={data?.participants}
      rowKey={(p) => p.id}
      renderRow={(p) => {
        const c = p.credentials[0];
        return (
          <>
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
          </>
        );
      }}
    >
      {isPending ? <p className="muted">…</p> : null}
      {data && !data.authorityReachable ? (
        <p className="notice danger" role="alert">
          {t('authorityDown')}
        </p>
      ) : null}
    </TableCard>
  );
}
