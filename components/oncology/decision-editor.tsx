'use client';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { useValidation } from '@/components/ui/use-validation';
import { DISCIPLINE_KEYS, missingForQuorum, type BoardKey, type Discipline } from '@/server/oncology/boards/board-kinds';
import { EMPTY_DECISION, EVIDENCE_LEVELS, FURTHER_DIAGNOSTICS, ZDecisionContentSchema, type TDecisionContent } from '@/server/oncology/decisions/decision-content';

export type TDecisionVersion = {
  id: string;
  version: number;
  status: 'draft' | 'final';
  revision: number;
  content: TDecisionContent;
  amendmentReason: string | null;
  updatedByName: string | null;
  updatedAt: Date;
  signedByName: string | null;
  signedAt: Date | null;
  contentHash: string | null;
};

/** A decision's content, read-only (the final version, either side of a conflict, the protocol). */
export function DecisionView({ content }: { content: TDecisionContent }) {
  const t = useTranslations('oncology');
  return (
    <dl className="facts decision-view">
      <div>
        <dt>{t('recommendations')}</dt>
        <dd>
          {content.recommendations.length ? (
            <ol>
              {content.recommendations.map((r, i) => (
                <li key={i}>{r.text}</li>
              ))}
            </ol>
          ) : (
            '—'
          )}
        </dd>
      </div>
      <div>
        <dt>{t('rationale')}</dt>
        <dd>{content.rationale || '—'}</dd>
      </div>
      <div>
        <dt>{t('evidenceLevel')}</dt>
        <dd>{content.evidenceLevel ? t(`evidence.${content.evidenceLevel}`) : '—'}</dd>
      </div>
      <div>
        <dt>{t('trialReferral')}</dt>
        <dd className="mono">{content.trialReferral ?? '—'}</dd>
      </div>
      <div>
        <dt>{t('furtherDiagnostics')}</dt>
        <dd>{content.furtherDiagnostics.length ? content.furtherDiagnostics.map((d) => t(`diagnostics.${d}`)).join(', ') : '—'}</dd>
      </div>
      <div>
        <dt>{t('attendees')}</dt>
        <dd>{content.attendees.length ? content.attendees.map((a) => `${a.name} (${t(`disciplines.${a.discipline}`)})`).join(', ') : '—'}</dd>
      </div>
    </dl>
  );
}

/**
 * The board's decision on a case: the draft form (saved under a revision check: a save that meets a
 * newer one shows both versions instead of overwriting), finalising by the chair once the quorum is
 * there, the signed versions, and amendments with a reason.
 */
export function DecisionEditor(props: { caseId: string; board: BoardKey; isChair: boolean; caseReady: boolean; members: Array<{ name: string; discipline: Discipline }>; versions: TDecisionVersion[] }) {
  const { caseId, board, isChair, caseReady, members, versions } = props;
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const tErrors = useTranslations('errors');
  const queryClient = useQueryClient();
  const validate = useValidation();
  const latest = versions.at(-1);
  const draft = latest?.status === 'draft' ? latest : null;
  const [content, setContent] = useState<TDecisionContent>(draft?.content ?? EMPTY_DECISION);
  const [baseRevision, setBaseRevision] = useState<number | null>(draft?.revision ?? null);
  const [conflict, setConflict] = useState<{ yours: TDecisionContent; theirs: TDecisionVersion } | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [reason, setReason] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.oncology.casePage.queryKey({ caseId }) });
  const save = useMutation(
    trpc.oncology.saveDecision.mutationOptions({
      onSuccess: async (result) => {
        if (result.outcome === 'conflict') {
          setConflict({ yours: result.yours, theirs: result.theirs });
          return;
        }
        setConflict(null);
        setBaseRevision(result.decision.revision);
        await refresh();
      },
    }),
  );
  const finalise = useMutation(trpc.oncology.finaliseDecision.mutationOptions({ onSuccess: refresh }));
  const amend = useMutation(
    trpc.oncology.amendDecision.mutationOptions({
      // The parent keys this editor by the newest version number, so an amendment's draft mounts a fresh form.
      onSuccess: refresh,
    }),
  );
  const missing = missingForQuorum(board, content.attendees);
  function onSave(over?: { content: TDecisionContent; revision: number }) {
    const checked = validate(ZDecisionContentSchema, over?.content ?? content);
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) save.mutate({ caseId, expectedRevision: over?.revision ?? baseRevision, content: checked.data });
  }
  const set = (patch: Partial<TDecisionContent>) => setContent({ ...content, ...patch });
  const finalVersions = versions.filter((v) => v.status === 'final');
  return (
    <section className="card" aria-labelledby="decision-title" data-testid="decision">
      <h2 id="decision-title">{t('decision')}</h2>
      {finalVersions.map((v) => (
        <article key={v.id} className="final-decision" data-testid="final-decision">
          <h3>
            {t('finalVersion', { version: v.version })} <span className="badge success">{t('signed')}</span>
          </h3>
          <p className="muted small">
            {t('signedBy', { name: v.signedByName ?? '—' })} · {v.signedAt ? <FormattedTime value={v.signedAt} /> : null} · <span className="mono">SHA-256 {v.contentHash?.slice(0, 16)}…</span>
            {v.amendmentReason ? <> · {t('amendmentReasonShown', { reason: v.amendmentReason })}</> : null}
          </p>
          <DecisionView content={v.content} />
        </article>
      ))}
      {latest?.status === 'final' ? (
        <div className="amend">
          <label htmlFor="amend-reason">{t('amendReason')}</label>
          <textarea id="amend-reason" rows={2} value={reason} onChange={(e) => setReason(e.target.value)} />
          <button type="button" className="button secondary" disabled={reason.trim().length < 10 || amend.isPending} onClick={() => amend.mutate({ caseId, reason })}>
            {t('amend')}
          </button>
          {amend.isError ? <p className="notice danger" role="alert">{tErrors('generic')}</p> : null}
        </div>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onSave();
          }}
          noValidate
          className="decision-form"
        >
          {draft ? (
            <p className="muted small" data-testid="draft-revision">
              {t('draftOf', { version: draft.version, revision: draft.revision, name: draft.updatedByName ?? '—' })}
              {draft.amendmentReason ? ` · ${t('amendmentReasonShown', { reason: draft.amendmentReason })}` : ''}
            </p>
          ) : null}
          <fieldset>
            <legend>{t('recommendations')}</legend>
            {content.recommendations.map((r, i) => (
              <div className="inline-field" key={i}>
                <label className="visually-hidden" htmlFor={`rec-${i}`}>
                  {t('recommendationN', { n: i + 1 })}
                </label>
                <input id={`rec-${i}`} value={r.text} onChange={(e) => set({ recommendations: content.recommendations.map((x, j) => (j === i ? { text: e.target.value } : x)) })} />
                <button type="button" className="button secondary small" onClick={() => set({ recommendations: content.recommendations.filter((_, j) => j !== i) })}>
                  {t('remove')}
                </button>
              </div>
            ))}
            <button type="button" className="button secondary small" onClick={() => set({ recommendations: [...content.recommendations, { text: '' }] })}>
              {t('addRecommendation')}
            </button>
          </fieldset>
          <div className="field">
            <label htmlFor="rationale">{t('rationale')}</label>
            <textarea id="rationale" rows={3} value={content.rationale} onChange={(e) => set({ rationale: e.target.value })} />
          </div>
          <div className="form-row">
            <div className="field">
              <label htmlFor="evidence-level">{t('evidenceLevel')}</label>
              <select id="evidence-level" value={content.evidenceLevel ?? ''} onChange={(e) => set({ evidenceLevel: e.target.value === '' ? null : (e.target.value as TDecisionContent['evidenceLevel']) })}>
                <option value="">—</option>
                {EVIDENCE_LEVELS.map((l) => (
                  <option key={l} value={l}>
                    {t(`evidence.${l}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="trial-referral">{t('trialReferral')}</label>
              <input id="trial-referral" placeholder="NCT01234567" value={content.trialReferral ?? ''} onChange={(e) => set({ trialReferral: e.target.value.trim() === '' ? null : e.target.value })} aria-invalid={errors.trialReferral ? true : undefined} />
              {errors.trialReferral ? <p className="field-error">{t('trialFormat')}</p> : null}
            </div>
          </div>
          <fieldset>
            <legend>{t('furtherDiagnostics')}</legend>
            <div className="checkbox-grid">
              {FURTHER_DIAGNOSTICS.map((d) => (
                <div className="field checkbox" key={d}>
                  <input id={`dx-${d}`} type="checkbox" checked={content.furtherDiagnostics.includes(d)} onChange={(e) => set({ furtherDiagnostics: e.target.checked ? [...content.furtherDiagnostics, d] : content.furtherDiagnostics.filter((x) => x !== d) })} />
                  <label htmlFor={`dx-${d}`}>{t(`diagnostics.${d}`)}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <fieldset>
            <legend>{t('attendees')}</legend>
            {content.attendees.map((a, i) => (
              <div className="inline-field" key={i}>
                <label className="visually-hidden" htmlFor={`att-name-${i}`}>
                  {t('memberName')}
                </label>
                <input id={`att-name-${i}`} value={a.name} onChange={(e) => set({ attendees: content.attendees.map((x, j) => (j === i ? { ...x, name: e.target.value } : x)) })} />
                <label className="visually-hidden" htmlFor={`att-discipline-${i}`}>
                  {t('discipline')}
                </label>
                <select id={`att-discipline-${i}`} value={a.discipline} onChange={(e) => set({ attendees: content.attendees.map((x, j) => (j === i ? { ...x, discipline: e.target.value as Discipline } : x)) })}>
                  {DISCIPLINE_KEYS.map((d) => (
                    <option key={d} value={d}>
                      {t(`disciplines.${d}`)}
                    </option>
                  ))}
                </select>
                <button type="button" className="button secondary small" onClick={() => set({ attendees: content.attendees.filter((_, j) => j !== i) })}>
                  {t('remove')}
                </button>
              </div>
            ))}
            <div className="button-row">
              <button type="button" className="button secondary small" onClick={() => set({ attendees: [...content.attendees, { name: '', discipline: 'other' }] })}>
                {t('addAttendee')}
              </button>
              {members.length > 0 ? (
                <button type="button" className="button secondary small" onClick={() => set({ attendees: members })}>
                  {t('membersAttended')}
                </button>
              ) : null}
            </div>
            <p className={`small ${missing.length ? 'quorum-missing' : 'quorum-ok'}`} data-testid="quorum">
              {missing.length ? t('quorumMissing', { disciplines: missing.map((d) => t(`disciplines.${d}`)).join(', ') }) : t('quorumMet')}
            </p>
          </fieldset>
          {Object.keys(errors).length > 0 ? (
            <p className="notice danger" role="alert">
              {t('decisionInvalid')}
            </p>
          ) : null}
          {conflict ? <ConflictView conflict={conflict} onTakeTheirs={() => { setContent(conflict.theirs.content); setBaseRevision(conflict.theirs.revision); setConflict(null); }} onKeepMine={() => onSave({ content: conflict.yours, revision: conflict.theirs.revision })} /> : null}
          {save.isError || finalise.isError ? (
            <p className="notice danger" role="alert">
              {(finalise.error ?? save.error)?.data?.code === 'PRECONDITION_FAILED' ? t('finaliseRefused') : (finalise.error ?? save.error)?.data?.code === 'CONFLICT' ? t('changedMeanwhile') : tErrors('generic')}
            </p>
          ) : null}
          {save.isSuccess && !conflict ? (
            <p className="notice success" role="status">
              {t('draftSaved')}
            </p>
          ) : null}
          <div className="button-row">
            <button type="submit" className="button secondary" disabled={save.isPending}>
              {t('saveDraft')}
            </button>
            {isChair ? (
              <button
                type="button"
                className="button"
                disabled={!draft || draft.revision !== baseRevision || missing.length > 0 || !caseReady || finalise.isPending}
                onClick={() => draft && finalise.mutate({ caseId, revision: draft.revision })}
                title={!caseReady ? t('notReadyYet') : undefined}
              >
                {t('finalise')}
              </button>
            ) : (
              <span className="muted small">{t('chairFinalises')}</span>
            )}
          </div>
          {isChair && draft && draft.revision !== baseRevision ? <p className="muted small">{t('saveBeforeFinalise')}</p> : null}
          {isChair && !caseReady ? <p className="muted small">{t('notReadyYet')}</p> : null}
        </form>
      )}
    </section>
  );
}

function ConflictView({ conflict, onTakeTheirs, onKeepMine }: { conflict: { yours: TDecisionContent; theirs: TDecisionVersion }; onTakeTheirs: () => void; onKeepMine: () => void }) {
  const t = useTranslations('oncology');
  return (
    <div className="notice danger conflict-view" role="alert" data-testid="decision-conflict">
      <p>
        <strong>{t('conflictTitle')}</strong> {t('conflictBody', { name: conflict.theirs.updatedByName ?? '—', revision: conflict.theirs.revision })}
      </p>
      <div className="grid-2">
        <div>
          <h3>{t('yourVersion')}</h3>
          <DecisionView content={conflict.yours} />
        </div>
        <div>
          <h3>{t('theirVersion')}</h3>
          <DecisionView content={conflict.theirs.content} />
        </div>
      </div>
      <div className="button-row">
        <button type="button" className="button secondary small" onClick={onTakeTheirs}>
          {t('takeTheirs')}
        </button>
        <button type="button" className="button small" onClick={onKeepMine}>
          {t('keepMine')}
        </button>
      </div>
    </div>
  );
}
