'use client';
import { useFormatter, useTranslations } from 'next-intl';
import type { TAccessLogEntry } from '@/server/consent/access-log/access-log-entry';
import { FormattedTime } from '@/components/ui/formatted-time';

/** One access in words a patient reads: who, from where, at which holder, why, which data, and the outcome. */
export function AccessLogEntry({ entry, isNew, now }: { entry: TAccessLogEntry; isNew: boolean; /** When the page was read, to tell a running emergency access from an expired one. */ now: Date }) {
  const t = useTranslations('accessLog');
  const tRoles = useTranslations('roles');
  const format = useFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: 'medium', timeStyle: 'short', hourCycle: 'h23' });
  const who = entry.byPatient ? t('you') : (entry.who.name ?? entry.who.id ?? t('someone'));
  const role = entry.who.role && tRoles.has(entry.who.role) ? tRoles(entry.who.role) : entry.who.role;
  const organisation = entry.who.organisationName ?? entry.who.organisation;
  const holder = entry.source === 'app' ? t('sourceApp') : (entry.holderName ?? entry.holderId);
  const action = t.has(`actions.${entry.action}`) ? t(`actions.${entry.action}`) : entry.action;
  const purpose = entry.purpose ? (t.has(`purposes.${entry.purpose}`) ? t(`purposes.${entry.purpose}`) : entry.purpose) : null;
  const categories = entry.dataCategories.map((c) => (t.has(`categories.${c}`) ? t(`categories.${c}`) : c));
  const outcomeClass = entry.outcome === 'allowed' ? 'success' : entry.outcome === 'partial' ? 'warning' : 'danger';
  const expired = entry.emergency?.expiresAt ? Date.parse(entry.emergency.expiresAt) < now.getTime() : false;
  return (
    <li className={`log-entry${entry.emergency ? ' log-emergency' : ''}${isNew ? ' log-new' : ''}`} data-testid="access-log-entry" data-emergency={entry.emergency ? 'true' : undefined}>
      <div className="log-head">
        <FormattedTime value={entry.recorded} />
        {isNew ? <span className="badge info">{t('new')}</span> : null}
        {entry.emergency ? <span className="badge danger">{t('emergency')}</span> : null}
        <span className={`badge ${outcomeClass}`}>{t(`outcome.${entry.outcome}`)}</span>
      </div>
      <p className="log-what">
        <strong>{who}</strong>
        {!entry.byPatient && (role || organisation) ? <span className="muted"> ({[role, organisation].filter(Boolean).join(', ')})</span> : null} {action} <span>{t('at', { holder })}</span>
        {purpose ? <span className="muted"> · {purpose}</span> : null}
      </p>
      {categories.length > 0 ? <p className="small">{t('data', { categories: categories.join(', ') })}</p> : null}
      {entry.emergency ? (
        <div className="log-emergency-detail">
          <p>{entry.emergency.reason ? t('emergencyReason', { reason: entry.emergency.reason }) : t('noReason')}</p>
          {entry.emergency.endedAt ? (
            <p className="small">{t('emergencyEnded', { ended: when(entry.emergency.endedAt) })}</p>
          ) : entry.emergency.expiresAt ? (
            <p className="small">{t(expired ? 'emergencyUntil' : 'emergencyRunning', { until: when(entry.emergency.expiresAt) })}</p>
          ) : null}
        </div>
      ) : null}
      {entry.agreementId ? <p className="muted small mono log-agreement">{t('agreement', { id: entry.agreementId })}</p> : null}
    </li>
  );
}
