'use client';
import { useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import type { TAuditFilters } from '@/server/api/routers/audit/audit.schema';
import { AuditFilters } from './audit-filters';
import { exportHref } from './export-href';

const PAGE_SIZE = 50;
const KNOWN_SUBTYPES: readonly string[] = Object.values(AUDIT_SUBTYPES);

/**
 * The audit trail: chain verification on demand, filters, then one page of events at a time, newest
 * first. Paging is by cursor (the server's keyset on seq): "newer" goes back to the cursor before.
 */
export function AuditTrail({ canExport }: { /** The CSV/JSON export is the steward's (it names patients). */ canExport: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations('audit');
  const tRoles = useTranslations('roles');
  const verify = useQuery({ ...trpc.audit.verifyChain.queryOptions(), enabled: false });
  const [filters, setFilters] = useState<TAuditFilters>({});
  // The cursors of the pages before this one; the last is the current page's.
  const [cursors, setCursors] = useState<Array<number | null>>([null]);
  const cursor = cursors.at(-1) ?? null;
  const events = useQuery({ ...trpc.audit.listEvents.queryOptions({ limit: PAGE_SIZE, cursor, filters }), placeholderData: keepPreviousData });
  const rows = events.data?.events ?? [];
  const invalid = events.error?.data?.code === 'BAD_REQUEST';
  const page = cursors.length;
  const subtypeLabel = (s: string) => (KNOWN_SUBTYPES.includes(s) ? t(`subtypes.${s}`) : s);
  const roleLabel = (r: string | null) => (r && tRoles.has(r) ? tRoles(r) : r);
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
      <AuditFilters
        onApply={(next) => {
          setFilters(next);
          setCursors([null]);
        }}
      />
      <section className="card" aria-labelledby="audit-events-title">
        <h2 id="audit-events-title">{t('events')}</h2>
        {canExport ? (
          <div className="button-row">
            <a className="button secondary" href={exportHref('app', 'csv', filters)} download>
              {t('exportCsv')}
            </a>
            <a className="button secondary" href={exportHref('app', 'json', filters)} download>
              {t('exportJson')}
            </a>
          </div>
        ) : null}
        {invalid ? (
          <p className="notice danger" role="alert">
            {t('invalidFilters')}
          </p>
        ) : null}
        {rows.length > 0 ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="audit-events-title">
            <table data-testid="audit-events">
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
                      <strong>{subtypeLabel(e.subtype)}</strong>
                      <br />
                      <span className="muted mono">
                        {e.typeCode} · {e.action}
                        {e.purposeOfUse ? ` · ${e.purposeOfUse}` : ''}
                      </span>
                    </td>
                    <td className="audit-who">
                      {e.agentName ? (
                        <>
                          <strong>{e.agentName}</strong>
                          <div className="mono small">{e.agentEmail}</div>
                        </>
                      ) : e.typeCode === AUDIT_TYPES.userAuthentication && e.attemptedEmail ? (
                        <>
                          <span className="muted">{t('triedWith')}</span>
                          <div className="mono small">{e.attemptedEmail}</div>
                        </>
                      ) : e.agentUserId ? (
                        <span className="mono small">{e.agentUserId}</span>
                      ) : (
                        <span className="muted">{t('noUser')}</span>
                      )}
                      {e.agentRole ? (
                        <div className="muted small">
                          {roleLabel(e.agentRole)}
                          {e.agentOrganisation ? ` · ${e.agentOrganisation}` : ''}
                        </div>
                      ) : null}
                    </td>
                    <td className="mono">{e.patientNationalId ?? '—'}</td>
                    <td>
                      <span className={`badge ${e.outcome === '0' ? 'success' : 'danger'}`}>{e.outcome === '0' ? t('success') : t('failure')}</span>
                      {e.outcomeDescription ? <div className="muted small">{e.outcomeDescription}</div> : null}
                    </td>
                    <td className="mono">{e.clientAddress ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {rows.length === 0 && !events.isPending && !invalid ? <p className="muted">{t('empty')}</p> : null}
        <nav className="button-row" aria-label={t('paging')}>
          <button className="button secondary" type="button" onClick={() => setCursors((c) => c.slice(0, -1))} disabled={page === 1 || events.isFetching}>
            {t('newer')}
          </button>
          <span className="muted">{t('page', { page })}</span>
          <button
            className="button secondary"
            type="button"
            onClick={() => events.data?.nextCursor && setCursors((c) => [...c, events.data?.nextCursor ?? null])}
            disabled={!events.data?.nextCursor || events.isFetching}
          >
            {t('older')}
          </button>
        </nav>
      </section>
    </>
  );
}
