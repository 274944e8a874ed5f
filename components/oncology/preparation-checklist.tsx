'use client';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { SourceTags } from '@/components/records/source-tag';
import { useRecordFormat } from '@/components/records/use-record-format';
import type { TChecklistEntry, ChecklistItem } from '@/server/oncology/boards/preparation-checklist';
import type { CaseState } from '@/server/oncology/boards/case-states';

/**
 * The preparation checklist computed from the record, what is missing, and the case's next step:
 * a nominated case is marked ready once every gap is filled or knowingly accepted.
 */
export function PreparationChecklist({ caseId, state, checklist, acceptedMissing, large = false }: { caseId: string; state: CaseState; checklist: TChecklistEntry[]; acceptedMissing: string[]; large?: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const tErrors = useTranslations('errors');
  const f = useRecordFormat();
  const queryClient = useQueryClient();
  const missing = checklist.filter((c) => !c.present).map((c) => c.item);
  const [accepted, setAccepted] = useState<ChecklistItem[]>([]);
  const setState = useMutation(trpc.oncology.setCaseState.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.oncology.casePage.queryKey({ caseId }) }) }));
  const allAccepted = missing.every((m) => accepted.includes(m));
  return (
    <section className={`card checklist${large ? ' large' : ''}`} aria-labelledby="checklist-title">
      <h2 id="checklist-title">{t('checklist')}</h2>
      <ul className="checklist-items" data-testid="checklist">
        {checklist.map((c) => (
          <li key={c.item} className={c.present ? 'present' : 'missing'} data-testid={`checklist-${c.item}`} data-present={c.present}>
            <span className={`badge ${c.present ? 'success' : 'danger'}`}>{c.present ? t('itemPresent') : t('itemMissing')}</span> <strong>{t(`checklistItems.${c.item}`)}</strong>
            {c.present ? (
              <span className="muted small">
                {' '}
                {c.item === 'priorLines' ? t('lines', { count: c.count }) : f.date(c.date)} <SourceTags sources={c.sources} />
              </span>
            ) : acceptedMissing.includes(c.item) ? (
              <span className="muted small"> {t('gapAccepted')}</span>
            ) : null}
          </li>
        ))}
      </ul>
      {!large && state === 'nominated' ? (
        <div className="checklist-actions">
          {missing.length > 0 ? (
            <fieldset>
              <legend className="small">{t('acceptGaps')}</legend>
              {missing.map((m) => (
                <div className="field checkbox" key={m}>
                  <input id={`accept-${m}`} type="checkbox" checked={accepted.includes(m)} onChange={(e) => setAccepted(e.target.checked ? [...accepted, m] : accepted.filter((x) => x !== m))} />
                  <label htmlFor={`accept-${m}`}>{t(`checklistItems.${m}`)}</label>
                </div>
              ))}
            </fieldset>
          ) : null}
          <button type="button" className="button" disabled={!allAccepted || setState.isPending} onClick={() => setState.mutate({ caseId, to: 'ready', acceptMissing: accepted })}>
            {t('markReady')}
          </button>
        </div>
      ) : null}
      {!large && state === 'ready' ? (
        <button type="button" className="button secondary small" disabled={setState.isPending} onClick={() => setState.mutate({ caseId, to: 'nominated', acceptMissing: [] })}>
          {t('backToNominated')}
        </button>
      ) : null}
      {setState.isError ? (
        <p className="notice danger" role="alert">
          {setState.error.data?.code === 'PRECONDITION_FAILED' ? t('transitionRefused') : tErrors('generic')}
        </p>
      ) : null}
    </section>
  );
}
