'use client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { useValidation } from '@/components/ui/use-validation';
import { ZStartBreakGlassInputSchema } from '@/server/api/routers/patients/breakGlass.schema';

/**
 * What a clinician sees for a patient outside their care: first the record locator is asked whether the
 * dataspace holds this person at all; emergency access is offered only if it does (the server refuses
 * it otherwise too).
 */
export function EmergencyAccess({ nationalId }: { nationalId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('record');
  const tErrors = useTranslations('errors');
  const located = useQuery({ ...trpc.patients.locate.queryOptions({ nationalId }), retry: false, refetchOnWindowFocus: false });
  if (located.isPending) return <p className="muted" aria-live="polite">{t('locating')}</p>;
  if (located.isError) {
    return (
      <p className="notice danger" role="alert">
        {located.error.data?.code === 'SERVICE_UNAVAILABLE' ? t('locatorDown') : tErrors('generic')}
      </p>
    );
  }
  if (!located.data.known) {
    return (
      <p className="notice" role="status" data-testid="unknown-patient">
        {t('unknownPatient')}
      </p>
    );
  }
  return (
    <>
      <p className="notice danger" role="alert">
        {t('notInCare')}
      </p>
      <BreakGlassForm nationalId={nationalId} />
    </>
  );
}

/**
 * Emergency access to a patient outside the clinician's care: a reason, then 60 minutes of access with
 * purpose ETREAT. The form says plainly where the reason goes: the audit trail and every hospital holding the patient.
 */
export function BreakGlassForm({ nationalId }: { nationalId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations('record');
  const tErrors = useTranslations('errors');
  const tConsent = useTranslations('consent');
  const [reason, setReason] = useState('');
  const start = useMutation(
    trpc.patients.startBreakGlass.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.patients.record.queryKey({ nationalId }) }),
    }),
  );
  const validate = useValidation();
  const [fieldError, setFieldError] = useState<string | null>(null);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(ZStartBreakGlassInputSchema, { nationalId, reason });
    const reasonError = checked.ok ? undefined : checked.errors.reason;
    setFieldError(reasonError === undefined ? null : reason.trim().length < 15 ? t('breakGlassReasonTooShort') : reasonError);
    if (checked.ok) start.mutate(checked.data);
  }
  // The server's own refusals, in the user's language (its messages are English).
  const serverError = start.error
    ? start.error.data?.code === 'NOT_FOUND'
      ? t('unknownPatient')
      : start.error.data?.code === 'SERVICE_UNAVAILABLE'
        ? t('locatorDown')
        : start.error.data?.code === 'CONFLICT'
          ? t('breakGlassInCare')
          : start.error.data?.code === 'PRECONDITION_FAILED'
            ? tConsent('clinician.noEmergencyAccess')
            : tErrors('generic')
    : null;
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
              {fieldError}
            </p>
          ) : null}
        </div>
        {serverError ? (
          <p className="notice danger" role="alert">
            {serverError}
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
