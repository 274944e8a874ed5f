'use client';
import { useEffect, useRef, useState } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import type { TAccessLogFilters } from '@/server/api/routers/accessLog/accessLog.schema';
import type { TAccessLogCursor } from '@/server/consent/access-log/access-log-entry';
import { AccessLogFilters } from './access-log-filters';
import { AccessLogEntry } from './access-log-entry';
import { AccessLogNotices } from './access-log-notices';

const PAGE_SIZE = 25;

/**
 * The patient's access log: notices, filters, then one page at a time, newest first (keyset cursor).
 * Entries after the previous visit are marked new; that mark is kept for this visit while the page
 * tells the server the log has been seen, so the next visit marks only what comes after.
 */
export function AccessLog({ places }: { places: ReadonlyArray<{ id: string; name: string }> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations('accessLog');
  const format = useFormatter();
  const [filters, setFilters] = useState<TAccessLogFilters>({});
  const [cursors, setCursors] = useState<Array<TAccessLogCursor | null>>([null]);
  const cursor = cursors.at(-1) ?? null;
  const log = useQuery({ ...trpc.accessLog.list.queryOptions({ filters, cursor, limit: PAGE_SIZE }), placeholderData: keepPreviousData });
  // The previous visit as it was when this visit began: later answers already carry this visit's mark.
  const [since, setSince] = useState<Date | null | undefined>(undefined);
  const markSeen = useMutation(trpc.accessLog.markSeen.mutationOptions());
  const { mutate: recordVisit } = markSeen;
  const marked = useRef(false);
  // This visit counts as seen as soon as the log is shown: the next visit marks only what came after. The
  // marks and notices of this visit stay on the page until the patient dismisses them.
  const notices = useQuery(trpc.accessLog.notifications.queryOptions());
  useEffect(() => {
    // After the notices were read too, so that marking this visit cannot hide them from it.
    if (!log.data || notices.isPending || marked.current) return;
    marked.current = true;
    setSince(log.data.lastVisitAt);
    recordVisit({ seenUpTo: log.data.servedAt });
  }, [log.data, notices.isPending, recordVisit]);
  const rows = log.data?.entries ?? [];
  const isNew = (recorded: string) => since === null || (since !== undefined && Date.parse(recorded) > since.getTime());
  const newCount = rows.filter((e) => isNew(e.recorded) && !e.byPatient).length;
  const page = cursors.length;
  return (
    <>
      <AccessLogNotices onSeen={() => log.data && markSeen.mutate({ seenUpTo: log.data.servedAt }, { onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.accessLog.notifications.queryKey() }) })} seeing={markSeen.isPending} />
      <AccessLogFilters
        places={places}
        onApply={(next) => {
          setFilters(next);
          setCursors([null]);
        }}
      />
      <section className="card" aria-labelledby="access-log-title">
        <h2 id="access-log-title">{t('entries')}</h2>
        {log.data && !log.data.authority.ok ? (
          <p className="notice danger" role="alert">
            {t('authorityDown')}
          </p>
        ) : null}
        {since !== undefined && page === 1 ? <p className="muted">{since === null ? t('firstVisit') : t('newSince', { count: newCount, when: format.dateTime(since, { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' }) })}</p> : null}
        {rows.length > 0 ? (
          <ol className="log-list" data-testid="access-log">
            {rows.map((e) => (
              <AccessLogEntry key={e.key} entry={e} isNew={isNew(e.recorded) && !e.byPatient} now={log.data?.servedAt ?? new Date(0)} />
            ))}
          </ol>
        ) : null}
        {rows.length === 0 && !log.isPending ? <p className="muted">{t('empty')}</p> : null}
        <nav className="button-row" aria-label={t('paging')}>
          <button className="button secondary" type="button" onClick={() => setCursors((c) => c.slice(0, -1))} disabled={page === 1 || log.isFetching}>
            {t('newer')}
          </button>
          <span className="muted">{t('page', { page })}</span>
          <button className="button secondary" type="button" onClick={() => log.data?.nextCursor && setCursors((c) => [...c, log.data?.nextCursor ?? null])} disabled={!log.data?.nextCursor || log.isFetching}>
            {t('older')}
          </button>
        </nav>
      </section>
    </>
  );
}
