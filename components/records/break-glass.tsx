'use client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';

/**
 * Emergency access to a patient outside the clinician's care: a reason, then 60 minutes of access with
 * purpose ETREAT. The form says plainly that the reason is recorded and seen by the patient and stewards.
 */
export function BreakGlassForm({ nationalId }: { nationalId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations('record');
  const [reason, setReason] = useState('');
  const start = useMutation(
    trpc.patients.startBreakGlass.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.patients.record.queryKey({ nationalId }) }),
    }),
  );
  const fieldError = (start.error?.data?.zodError?.fieldErrors as Record<string, string[] | undefined> | undefined)?.reason?.join(' ');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    start.mutate({ nationalId, reason });
  }
  return (
    <section className="card break-glass" aria-labelledby="break-glass-title">
      <h2 id="break-glass-title">{t('breakGlassTitle')}</h2>
      <p>{t('breakGlassBody')}</p>
      <form onSubmit={onSubmit} noValidate>
        <div className="field">
          <label htmlFor="break-glass-reason">{t('breakGlassReason')}</label>
          <textarea
            id="break-glass-reason"
            rows={3}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? 'break-glass-reason-error' : undefined}
          />
          {fieldError ? (
            <p id="break-glass-reason-error" className="field-error">
              {t('breakGlassReasonTooShort')}
            </p>
          ) : null}
        </div>
        {start.error && !fieldError ? (
          <p className="notice danger" role="alert">
            {start.error.message}
          </p>
        ) : null}
        <button className="button danger" type="submit" disabled={start.isPending}>
          {t('breakGlassStart')}
        </button>
      </form>
    </section>
  );
}

/** Shown above a record read under emergency access: why, until when, and a way to end it now. */
export function BreakGlassBanner({ nationalId, reason, expiresAt }: { nationalId: string; reason: string; expiresAt: Date }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations('record');
  const end = useMutation(
    trpc.patients.endBreakGlass.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.patients.record.queryKey({ nationalId }) }),
    }),
  );
  return (
    <section className="notice danger break-glass-banner" role="status" aria-label={t('breakGlassActiveLabel')} data-testid="break-glass-banner">
      <p>
        <strong>{t('breakGlassActiveLabel')}</strong> — {t('breakGlassActive')} <FormattedTime value={expiresAt} />
      </p>
      <p>
        {t('breakGlassYourReason')}: <em>{reason}</em>
      </p>
      <button className="button small secondary" type="button" onClick={() => end.mutate({ nationalId })} disabled={end.isPending}>
        {t('breakGlassEnd')}
      </button>
    </section>
  );
}
