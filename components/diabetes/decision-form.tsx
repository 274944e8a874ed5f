'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { DRUG_CLASS_IDS, type DrugClassId } from '@/server/diabetes/model/drug-classes';
import { OVERRIDE_REASON_CODES, type OverrideReason } from '@/server/diabetes/recommendation/override-reasons';
import type { TRecommendationView } from '@/server/diabetes/recommendation/recommendation-schema';

const NO_CHANGE = 'none';

/**
 * Accept one of the ranked options, or override: another class (or no change) with a coded reason and
 * free text. One idempotency key per filled-in form, so a double click or a retried request records one
 * decision; a new key after each success.
 */
export function DecisionForm({ view }: { view: TRecommendationView }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations('diabetes');
  const tErrors = useTranslations('errors');
  const ranked = view.options.filter((o) => o.rank !== null);
  const top = ranked[0]?.drugClass ?? null;
  const [mode, setMode] = useState<'accepted' | 'overridden'>(ranked.length > 0 ? 'accepted' : 'overridden');
  const [accepted, setAccepted] = useState<DrugClassId | null>(top);
  const [chosen, setChosen] = useState<string>(NO_CHANGE);
  const [reason, setReason] = useState<OverrideReason | ''>('');
  const [note, setNote] = useState('');
  const [key, setKey] = useState(() => crypto.randomUUID());
  const [done, setDone] = useState(false);
  const decide = useMutation(
    trpc.diabetes.decide.mutationOptions({
      onSuccess: async () => {
        setDone(true);
        setKey(crypto.randomUUID());
        setNote('');
        await queryClient.invalidateQueries({ queryKey: trpc.diabetes.history.queryKey({ nationalId: view.nationalId }) });
      },
    }),
  );
  const overrideChoices = DRUG_CLASS_IDS.filter((c) => c !== top);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setDone(false);
    if (mode === 'accepted') decide.mutate({ nationalId: view.nationalId, idempotencyKey: key, action: 'accepted', chosenClass: accepted, note: note || null, priority: view.priority.id });
    else if (reason) decide.mutate({ nationalId: view.nationalId, idempotencyKey: key, action: 'overridden', chosenClass: chosen === NO_CHANGE ? null : (chosen as DrugClassId), overrideReason: reason, note: note || null, priority: view.priority.id });
  };
  const serverMessage = decide.error?.message;
  return (
    <section className="card" aria-labelledby="decision-title">
      <h2 id="decision-title">{t('decision.title')}</h2>
      <form onSubmit={submit} data-testid="decision-form">
        <fieldset className="radio-row">
          <legend className="visually-hidden">{t('decision.title')}</legend>
          <label>
            <input type="radio" name="mode" value="accepted" checked={mode === 'accepted'} disabled={ranked.length === 0} onChange={() => setMode('accepted')} /> {t('decision.accept')}
          </label>
          <label>
            <input type="radio" name="mode" value="overridden" checked={mode === 'overridden'} onChange={() => setMode('overridden')} /> {t('decision.override')}
          </label>
        </fieldset>
        {mode === 'accepted' ? (
          <div className="field">
            <label htmlFor="accept-option">{t('decision.option')}</label>
            <select id="accept-option" value={accepted ?? ''} onChange={(e) => setAccepted(e.target.value as DrugClassId)}>
              {ranked.map((o) => (
                <option key={o.drugClass} value={o.drugClass}>
                  {o.rank}. {t(`classes.${o.drugClass}`)}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <div className="form-row">
            <div className="field">
              <label htmlFor="override-choice">{t('decision.instead')}</label>
              <select id="override-choice" value={chosen} onChange={(e) => setChosen(e.target.value)}>
                <option value={NO_CHANGE}>{t('decision.noChange')}</option>
                {overrideChoices.map((c) => (
                  <option key={c} value={c}>
                    {t(`classes.${c}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="override-reason">{t('decision.reason')}</label>
              <select id="override-reason" value={reason} required onChange={(e) => setReason(e.target.value as OverrideReason)}>
                <option value="">{t('decision.pickReason')}</option>
                {OVERRIDE_REASON_CODES.map((c) => (
                  <option key={c} value={c}>
                    {t(`reasons.${c}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        <div className="field">
          <label htmlFor="decision-note">{t('decision.note')}</label>
          <textarea id="decision-note" rows={2} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
        </div>
        <div className="button-row">
          <button type="submit" className="button" disabled={decide.isPending || (mode === 'overridden' && !reason)}>
            {mode === 'accepted' ? t('decision.submitAccept') : t('decision.submitOverride')}
          </button>
          {done ? (
            <span className="notice success small" role="status">
              {t('decision.saved')}
            </span>
          ) : null}
          {decide.isError ? (
            <span className="notice danger small" role="alert">
              {decide.error.data?.code === 'BAD_REQUEST' || decide.error.data?.code === 'CONFLICT' || decide.error.data?.code === 'PRECONDITION_FAILED' ? serverMessage : tErrors('generic')}
            </span>
          ) : null}
        </div>
      </form>
    </section>
  );
}
