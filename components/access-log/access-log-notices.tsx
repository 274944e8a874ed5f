'use client';
import { useQuery } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';

/** In-app notices of emergency access and of first accesses by an organisation, since the last visit. */
export function AccessLogNotices({ onSeen, seeing }: { onSeen: () => void; seeing: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations('accessLog');
  const format = useFormatter();
  const notices = useQuery(trpc.accessLog.notifications.queryOptions());
  const list = notices.data?.notifications ?? [];
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
  if (list.length === 0) return null;
  return (
    <section className="card" aria-labelledby="access-notices-title" data-testid="access-log-notices">
      <h2 id="access-notices-title">{t('notifications')}</h2>
      <ul className="notice-list">
        {list.map((n) => (
          <li key={`${n.kind}-${n.entry.key}`} className={`notice${n.kind === 'emergency' ? ' danger' : ''}`}>
            {n.kind === 'emergency'
              ? t('noticeEmergency', { who: n.entry.who.name ?? n.entry.who.id ?? t('someone'), when: when(n.entry.recorded) })
              : t('noticeNewOrganisation', { organisation: n.organisationName ?? n.organisation, when: when(n.entry.recorded) })}
            {n.kind === 'emergency' && n.entry.emergency?.reason ? <span className="small"> {t('emergencyReason', { reason: n.entry.emergency.reason })}</span> : null}
          </li>
        ))}
      </ul>
      <button className="button secondary" type="button" onClick={onSeen} disabled={seeing}>
        {t('markSeen')}
      </button>
    </section>
  );
}
