'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import type { THistoryOutput } from '@/server/api/routers/consent/history.schema';
import { DownloadReceipt } from './download-receipt';

type Rule = Extract<THistoryOutput, { available: true }>['versions'][number]['rules'][number];

/** One rule in plain words: "No health research", "Blocked: Centre Hospitalier Alzette", ... */
function useRuleText() {
  const t = useTranslations('consent');
  return (r: Rule): string => {
    const verb = r.decision === 'permit' ? t('rule.permit') : t('rule.deny');
    const parts = [r.purpose ? (['TREAT', 'HRESCH', 'PUBHLTH', 'MLTRAIN'].includes(r.purpose) ? t(`purposes.${r.purpose as 'TREAT'}.name`) : r.purpose === 'ETREAT' ? t('emergency.name') : r.purpose) : t('rule.anyPurpose')];
    if (r.organisation) parts.push(t('rule.by', { who: r.organisation }));
    if (r.professional) parts.push(t('rule.by', { who: r.professional }));
    if (r.dataCategory) parts.push(t('rule.only', { category: t(`categories.${r.dataCategory as 'genomics'}`) }));
    return `${verb}: ${parts.join(', ')}`;
  };
}

/** Every version of the patient's consent, newest first, each with what it said and its receipt. */
export function ConsentHistory() {
  const trpc = useTRPC();
  const t = useTranslations('consent');
  const text = useRuleText();
  const history = useQuery({ ...trpc.consent.history.queryOptions(), refetchOnWindowFocus: false });
  if (history.isPending) return <p className="muted" aria-live="polite">{t('loading')}</p>;
  if (history.isError) return <p className="notice danger" role="alert">{t('loadFailed')}</p>;
  if (!history.data.available) return <p className="notice danger" role="alert">{t('authorityDown')}</p>;
  if (history.data.versions.length === 0) return <p className="card muted">{t('historyEmpty')}</p>;
  return (
    <ol className="version-list" data-testid="consent-history">
      {history.data.versions.map((v) => (
        <li key={v.version} className="card" data-testid={`version-${v.version}`}>
          <div className="card-head">
            <h2>
              {t('versionTitle', { version: v.version })} · <FormattedTime value={v.recordedAt} />
            </h2>
            <span className="muted small">{t(`author.${v.author}`)}</span>
          </div>
          {v.rules.length > 0 ? (
            <ul className="summary-list">
              {v.rules.map((r) => (
                <li key={r.id}>{text(r)}</li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('onlyDefaults')}</p>
          )}
          {v.receipt ? <DownloadReceipt receipt={v.receipt} version={v.version} /> : <p className="muted small">{t('noReceipt')}</p>}
        </li>
      ))}
    </ol>
  );
}
