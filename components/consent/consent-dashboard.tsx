'use client';
import { useEffect, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import type { TChangeOutput } from '@/server/api/routers/consent/change.schema';
import type { TOverviewOutput } from '@/server/api/routers/consent/overview.schema';
import { HIDEABLE_CATEGORIES, mayAffectCare, type ConsentChoice } from '@/server/consent/consent-choices';
import { DownloadReceipt } from './download-receipt';

type Overview = Extract<TOverviewOutput, { available: true }>;

/** A choice in words, for the warning before it and the confirmation after it. */
function useDescribe() {
  const t = useTranslations('consent');
  return (choice: ConsentChoice, overview: Overview): string => {
    switch (choice.kind) {
      case 'purpose':
        return t(choice.allow ? 'did.grant' : 'did.withdraw', { purpose: t(`purposes.${choice.purpose}.name`) });
      case 'secondary-opt-out':
        return t('did.secondaryOptOut');
      case 'emergency':
        return t(choice.allow ? 'did.emergencyAllow' : 'did.emergencyRefuse');
      case 'block':
        return t('did.block', { who: overview.organisations.find((o) => o.id === choice.id)?.name ?? choice.id });
      case 'hide':
        return t('did.hide', { category: t(`categories.${choice.category}`) });
      case 'remove': {
        const block = overview.blocks.find((b) => b.ruleId === choice.ruleId);
        if (block) return t('did.unblock', { who: block.name ?? block.id });
        const hidden = overview.hidden.find((h) => h.ruleId === choice.ruleId);
        return t('did.unhide', { category: hidden ? t(`categories.${hidden.category}`) : '' });
      }
    }
  };
}

/**
 * The patient's consent dashboard: what is shared, with whom and for what, and one click to change
 * each. A change that may affect care is confirmed first (EHDS Art. 8); while it is applied the page
 * says so, and afterwards what changed and what each provider did (it waits at most one lease).
 */
export function ConsentDashboard() {
  const trpc = useTRPC();
  const t = useTranslations('consent');
  const overview = useQuery({ ...trpc.consent.overview.queryOptions(), refetchOnWindowFocus: false });
  if (overview.isPending) return <p className="muted" aria-live="polite">{t('loading')}</p>;
  if (overview.isError) return <p className="notice danger" role="alert">{t('loadFailed')}</p>;
  if (!overview.data.available) {
    return (
      <p className="notice danger" role="alert" data-testid="authority-down">
        {t('authorityDown')} <span className="small">({overview.data.reason})</span>
      </p>
    );
  }
  return <Dashboard overview={overview.data} />;
}

function Dashboard({ overview }: { overview: Overview }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations('consent');
  const describe = useDescribe();
  const [pending, setPending] = useState<ConsentChoice | null>(null);
  const [done, setDone] = useState<{ choice: ConsentChoice; result: TChangeOutput; overview: Overview } | null>(null);
  const change = useMutation(
    trpc.consent.change.mutationOptions({
      onSuccess: async (result, input) => {
        setDone({ choice: input.choice, result, overview });
        await queryClient.invalidateQueries({ queryKey: trpc.consent.overview.queryKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.consent.history.queryKey() });
      },
      onError: async () => queryClient.invalidateQueries({ queryKey: trpc.consent.overview.queryKey() }),
    }),
  );
  // One key per click: a double click or a retry of the same click writes one version.
  function run(choice: ConsentChoice) {
    setPending(null);
    setDone(null);
    change.mutate({ choice, baseVersion: overview.version, idempotencyKey: crypto.randomUUID() });
  }
  function choose(choice: ConsentChoice) {
    if (mayAffectCare(choice)) setPending(choice);
    else run(choice);
  }
  const busy = change.isPending;
  // The warning, the "applying" line and the result appear at the top of the choices: bring them into
  // view where the patient clicked far below, and put the keyboard on the warning's buttons.
  const warningRef = useRef<HTMLElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (pending) {
      warningRef.current?.scrollIntoView({ block: 'center' });
      warningRef.current?.querySelector('button')?.focus({ preventScroll: true });
    }
  }, [pending]);
  useEffect(() => {
    if (busy || done || change.isError) statusRef.current?.scrollIntoView({ block: 'nearest' });
  }, [busy, done, change.isError]);
  const secondary = overview.purposes.filter((p) => p.purpose !== 'TREAT');
  const [blockTarget, setBlockTarget] = useState('');
  const [professional, setProfessional] = useState('');
  const [category, setCategory] = useState('');
  const hiddenCategories = new Set(overview.hidden.map((h) => h.category));

  return (
    <>
      <section className="card" aria-labelledby="consent-summary-title" data-testid="consent-summary">
        <h2 id="consent-summary-title">{t('summaryTitle')}</h2>
        <ul className="summary-list">
          {overview.purposes.map((p) => (
            <li key={p.purpose} data-testid={`summary-${p.purpose}`}>
              <strong>{t(`purposes.${p.purpose}.name`)}:</strong> {p.allowed ? t('sharedFor', { who: t(`purposes.${p.purpose}.who`) }) : t('notShared')}
              {p.byDefault ? <span className="muted small"> — {t('byDefault')}</span> : null}
            </li>
          ))}
          <li data-testid="summary-ETREAT">
            <strong>{t('emergency.name')}:</strong> {overview.emergencyAccess.allowed ? t('emergency.allowed') : t('emergency.refused')}
          </li>
          {overview.blocks.length > 0 ? (
            <li>
              <strong>{t('blocked')}:</strong> {overview.blocks.map((b) => b.name ?? b.id).join(', ')}
            </li>
          ) : null}
          {overview.hidden.length > 0 ? (
            <li>
              <strong>{t('hiddenFromCare')}:</strong> {overview.hidden.map((h) => t(`categories.${h.category}`)).join(', ')}
            </li>
          ) : null}
        </ul>
        <p className="muted small">
          {overview.version > 0 ? (
            <>
              {t('versionLine', { version: overview.version })} {overview.recordedAt ? <FormattedTime value={overview.recordedAt} /> : null}
            </>
          ) : (
            t('noOwnChoices')
          )}
          {overview.other > 0 ? ` ${t('otherRules', { count: overview.other })}` : null}
        </p>
      </section>

      <div aria-live="polite" ref={statusRef}>
        {busy ? (
          <p className="notice" role="status" data-testid="applying">
            {t('applying')}
          </p>
        ) : null}
        {change.isError ? (
          <p className="notice danger" role="alert" data-testid="change-error">
            {change.error.data?.code === 'CONFLICT' ? t('conflict') : change.error.data?.code === 'SERVICE_UNAVAILABLE' ? t('changeUnavailable') : t('changeFailed')}
          </p>
        ) : null}
        {done ? <Confirmation done={done} describe={describe} /> : null}
      </div>

      {pending ? (
        <section className="notice danger" role="alertdialog" aria-labelledby="consent-warning-title" data-testid="care-warning" ref={warningRef}>
          <h2 id="consent-warning-title">{t('warningTitle')}</h2>
          <p>
            <strong>{describe(pending, overview)}</strong>
          </p>
          <p>{pending.kind === 'emergency' ? t('warningEmergency') : t('warningCare')}</p>
          <div className="button-row">
            <button className="button danger" type="button" onClick={() => run(pending)} data-testid="confirm-restriction">
              {t('warningConfirm')}
            </button>
            <button className="button secondary" type="button" onClick={() => setPending(null)}>
              {t('warningCancel')}
            </button>
          </div>
        </section>
      ) : null}

      <section className="card" aria-labelledby="consent-purposes-title">
        <h2 id="consent-purposes-title">{t('purposesTitle')}</h2>
        <p className="muted">{t('purposesIntro')}</p>
        <ul className="choice-list">
          {overview.purposes.map((p) => (
            <li key={p.purpose}>
              <div>
                <strong>{t(`purposes.${p.purpose}.name`)}</strong> —{' '}
                <span className={p.allowed ? 'badge' : 'badge muted'} data-testid={`state-${p.purpose}`}>
                  {p.allowed ? t('stateAllowed') : t('stateWithdrawn')}
                </span>
                <p className="muted small">{t(`purposes.${p.purpose}.explain`)}</p>
              </div>
              <button className={p.allowed ? 'button small secondary' : 'button small'} type="button" disabled={busy} onClick={() => choose({ kind: 'purpose', purpose: p.purpose, allow: !p.allowed })} data-testid={`toggle-${p.purpose}`}>
                {p.allowed ? t('withdraw') : t('grant')}
              </button>
            </li>
          ))}
        </ul>
        <div className="button-row">
          <button className="button secondary" type="button" disabled={busy || secondary.every((p) => !p.allowed)} onClick={() => choose({ kind: 'secondary-opt-out' })} data-testid="secondary-opt-out">
            {t('secondaryOptOut')}
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="consent-emergency-title">
        <h2 id="consent-emergency-title">{t('emergency.name')}</h2>
        <p className="muted">{t('emergency.explain')}</p>
        <button className="button small secondary" type="button" disabled={busy} onClick={() => choose({ kind: 'emergency', allow: !overview.emergencyAccess.allowed })} data-testid="toggle-emergency">
          {overview.emergencyAccess.allowed ? t('emergency.refuse') : t('emergency.allow')}
        </button>
      </section>

      <section className="card" aria-labelledby="consent-block-title">
        <h2 id="consent-block-title">{t('blockTitle')}</h2>
        <p className="muted">{t('blockIntro')}</p>
        <RemovableRules testId="blocks" items={overview.blocks.map((b) => ({ ruleId: b.ruleId, label: b.name ?? b.id }))} action={t('unblock')} disabled={busy} onRemove={(ruleId) => choose({ kind: 'remove', ruleId })} />
        <div className="inline-form">
          <div className="field">
            <label htmlFor="block-organisation">{t('blockOrganisation')}</label>
            <select id="block-organisation" value={blockTarget} onChange={(e) => setBlockTarget(e.target.value)}>
              <option value="">{t('chooseOrganisation')}</option>
              {overview.organisations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </div>
          <button className="button small" type="button" disabled={busy || !blockTarget} onClick={() => choose({ kind: 'block', target: 'organisation', id: blockTarget })} data-testid="block-organisation">
            {t('block')}
          </button>
        </div>
        <div className="inline-form">
          <div className="field">
            <label htmlFor="block-professional">{t('blockProfessional')}</label>
            <input id="block-professional" type="email" value={professional} onChange={(e) => setProfessional(e.target.value)} placeholder="prenom.nom@hopital.example" />
          </div>
          <button className="button small" type="button" disabled={busy || !/^\S+@\S+\.\S+$/.test(professional)} onClick={() => choose({ kind: 'block', target: 'professional', id: professional.trim().toLowerCase() })} data-testid="block-professional">
            {t('block')}
          </button>
        </div>
      </section>

      <section className="card" aria-labelledby="consent-hide-title">
        <h2 id="consent-hide-title">{t('hideTitle')}</h2>
        <p className="muted">{t('hideIntro')}</p>
        <RemovableRules testId="hidden" items={overview.hidden.map((h) => ({ ruleId: h.ruleId, label: t(`categories.${h.category as 'genomics'}`) }))} action={t('unhide')} disabled={busy} onRemove={(ruleId) => choose({ kind: 'remove', ruleId })} />
        <div className="inline-form">
          <div className="field">
            <label htmlFor="hide-category">{t('hideCategory')}</label>
            <select id="hide-category" value={category} onChange={(e) => setCategory(e.target.value)}>
              <option value="">{t('chooseCategory')}</option>
              {HIDEABLE_CATEGORIES.filter((c) => !hiddenCategories.has(c)).map((c) => (
                <option key={c} value={c}>
                  {t(`categories.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <button className="button small" type="button" disabled={busy || !category} onClick={() => choose({ kind: 'hide', category: category as (typeof HIDEABLE_CATEGORIES)[number] })} data-testid="hide-category">
            {t('hide')}
          </button>
        </div>
      </section>
    </>
  );
}

/** The patient's blocks or hidden categories, each with the one click that lifts it. */
function RemovableRules({ testId, items, action, disabled, onRemove }: { testId: string; items: Array<{ ruleId: string; label: string }>; action: string; disabled: boolean; onRemove: (ruleId: string) => void }) {
  if (items.length === 0) return null;
  return (
    <ul className="choice-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.ruleId}>
          <span>{item.label}</span>
          <button className="button small secondary" type="button" disabled={disabled} onClick={() => onRemove(item.ruleId)}>
            {action}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Confirmation({ done, describe }: { done: { choice: ConsentChoice; result: TChangeOutput; overview: Overview }; describe: (c: ConsentChoice, o: Overview) => string }) {
  const t = useTranslations('consent');
  const { result } = done;
  return (
    <section className="notice success" role="status" data-testid="change-done">
      <p>
        <strong>{t('doneTitle')}</strong> {describe(done.choice, done.overview)} {t('doneVersion', { version: result.version })}
      </p>
      {result.providers.length > 0 ? (
        <ul className="summary-list" data-testid="provider-results">
          {result.providers.map((p) => (
            <li key={p.provider} data-testid={`provider-${p.provider}`}>
              {p.name}: {p.status === 'applied' ? t('providerApplied') : t('providerExpired')} <FormattedTime value={p.at} />
            </li>
          ))}
        </ul>
      ) : (
        <p className="small">{t('noProviderCaches')}</p>
      )}
      {result.receipt ? <DownloadReceipt receipt={result.receipt} version={result.version} /> : null}
    </section>
  );
}
