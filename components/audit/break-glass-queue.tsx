'use client';
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { ZReviewBreakGlassInputSchema } from '@/server/api/routers/audit/breakGlassQueue.schema';
import type { QueueView, ReviewVerdict } from '@/server/access/break-glass-review';
import { QUEUE_VIEWS } from '@/server/access/break-glass-review';
import { useValidation } from '@/components/ui/use-validation';

/** The emergency-access review queue: each break-glass with its reason and window; justify or flag it with a comment. */
export function BreakGlassQueue() {
  const trpc = useTRPC();
  const t = useTranslations('audit.review');
  const tRoles = useTranslations('roles');
  const [view, setView] = useState<QueueView>('pending');
  const queue = useQuery(trpc.audit.breakGlassQueue.queryOptions({ view }));
  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">{t('title')}</h2>
      <div className="button-row" role="group" aria-label={t('view')}>
        {QUEUE_VIEWS.map((v) => (
          <button key={v} type="button" className={`button ${v === view ? '' : 'secondary'}`} aria-pressed={v === view} onClick={() => setView(v)}>
            {t(`views.${v}`)}
          </button>
        ))}
      </div>
      {queue.data && queue.data.length === 0 ? <p className="muted log-empty">{t('empty')}</p> : null}
      <ol className="log-list" data-testid="break-glass-queue">
        {(queue.data ?? []).map((g) => (
          <li key={g.id} className="log-entry log-emergency" data-testid="break-glass-item">
            <div className="log-head">
              <FormattedTime value={g.startedAt} />
              <span className={`badge ${g.state === 'active' ? 'danger' : 'info'}`}>{t(`states.${g.state}`)}</span>
              {g.review ? <span className={`badge ${g.review.verdict === 'justified' ? 'success' : 'warning'}`}>{t(`verdicts.${g.review.verdict}`)}</span> : null}
            </div>
            <p className="log-what">
              <strong>{g.clinician.name}</strong> <span className="muted">({[tRoles.has(g.clinician.role) ? tRoles(g.clinician.role) : g.clinician.role, g.clinician.organisation].filter(Boolean).join(', ')})</span> · {t('patient')} <span className="mono">{g.patientNationalId}</span>
            </p>
            <p>{t('reason', { reason: g.reason })}</p>
            <p className="small muted">
              {t('window')} <FormattedTime value={g.startedAt} /> – <FormattedTime value={g.endedAt ?? g.expiresAt} />
            </p>
            {g.review ? (
              <p className="small">
                {t('reviewed', { reviewer: g.review.reviewer ?? '—' })} <FormattedTime value={g.review.reviewedAt} />: “{g.review.comment}”
              </p>
            ) : (
              <ReviewForm grantId={g.id} />
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ReviewForm({ grantId }: { grantId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations('audit.review');
  const validate = useValidation();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const review = useMutation(
    trpc.audit.reviewBreakGlass.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.audit.breakGlassQueue.queryKey() }),
      onError: (e) => setError(e.message),
    }),
  );
  const submit = (verdict: ReviewVerdict) => {
    const checked = validate(ZReviewBreakGlassInputSchema, { grantId, verdict, comment });
    if (!checked.ok) return setError(checked.errors.comment ?? Object.values(checked.errors)[0] ?? null);
    setError(null);
    review.mutate(checked.data);
  };
  const id = `review-${grantId}`;
  return (
    <div className="field">
      <label htmlFor={id}>{t('comment')}</label>
      <textarea id={id} rows={2} value={comment} onChange={(e) => setComment(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
      <div className="button-row">
        <button className="button" type="button" onClick={() => submit('justified')} disabled={review.isPending}>
          {t('justify')}
        </button>
        <button className="button secondary" type="button" onClick={() => submit('flagged')} disabled={review.isPending}>
          {t('flag')}
        </button>
      </div>
    </div>
  );
}
