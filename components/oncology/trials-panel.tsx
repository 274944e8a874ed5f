'use client';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import type { ZCaseTrialsSchema } from '@/server/api/routers/oncology/cases.schema';

type TTrials = NonNullable<z.infer<typeof ZCaseTrialsSchema>>;
const BADGE = { eligible: 'success', possible: 'info', ineligible: '' } as const;
const MARK = { met: '✓', unmet: '✗', unknown: '?' } as const;

/**
 * The shipped trials against the case: those not ruled out first, each criterion met, unmet or unknown
 * with what the trial asks and what the case has; ruled-out trials folded away with their reason. The
 * set's own notice (illustrative trials, not for referral) is always shown.
 */
export function TrialsPanel({ trials }: { trials: z.infer<typeof ZCaseTrialsSchema> }) {
  const t = useTranslations('oncology');
  if (!trials) return null;
  const open = trials.matches.filter((m) => m.overall !== 'ineligible');
  const ruledOut = trials.matches.filter((m) => m.overall === 'ineligible');
  const row = (m: TTrials['matches'][number]) => (
    <li key={m.trial.id} data-testid="trial-match" data-trial={m.trial.id} data-overall={m.overall}>
      <p>
        <strong>{m.trial.nctId ?? m.trial.id}</strong> — {m.trial.title} <span className={`badge ${BADGE[m.overall]}`}>{t(`trialOverall.${m.overall}`)}</span>
        <br />
        <span className="muted small">{t('trialPhase', { phase: m.trial.phase, status: m.trial.status, sites: m.trial.sites.map((s) => `${s.name}, ${s.city}`).join('; ') })}</span>
      </p>
      <ul className="trial-criteria small">
        {m.criteria.map((c) => (
          <li key={c.criterion} data-criterion={c.criterion} data-status={c.status}>
            <span aria-label={t(`trialStatus.${c.status}`)} className={`badge ${c.status === 'met' ? 'success' : c.status === 'unmet' ? 'danger' : 'info'}`}>
              {MARK[c.status]}
            </span>{' '}
            {t(`trialCriterion.${c.criterion}`)}: {c.detail}
          </li>
        ))}
      </ul>
    </li>
  );
  return (
    <section className="card trials" aria-labelledby="trials-title" data-testid="trials">
      <h2 id="trials-title">{t('trialsTitle')}</h2>
      <p className="muted small">{trials.illustrative ? t('trialsIllustrative', { version: trials.version }) : t('trialsVersion', { version: trials.version })}</p>
      {open.length === 0 ? <p className="muted">{t('trialsNone')}</p> : <ul className="trial-list">{open.map(row)}</ul>}
      {ruledOut.length > 0 ? (
        <details>
          <summary>{t('trialsRuledOut', { count: ruledOut.length })}</summary>
          <ul className="trial-list">{ruledOut.map(row)}</ul>
        </details>
      ) : null}
    </section>
  );
}
