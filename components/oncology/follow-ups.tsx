'use client';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { TableCard } from '@/components/ui/table-card';
import { FOLLOW_UP_MONTHS, RESPONSES } from '@/server/oncology/decisions/decision-content';

type FollowUp = { months: 3 | 6 | 12; therapyGiven: boolean; response: (typeof RESPONSES)[number]; adverseEvents: string; recordedAt: Date };

/** Follow-up at 3, 6 and 12 months after the decision: therapy given or not, RECIST response, adverse events. */
export function FollowUps({ caseId, followUps, open }: { caseId: string; followUps: FollowUp[]; open: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const tErrors = useTranslations('errors');
  const queryClient = useQueryClient();
  const next = FOLLOW_UP_MONTHS.find((m) => !followUps.some((f) => f.months === m));
  const [therapyGiven, setTherapyGiven] = useState(true);
  const [response, setResponse] = useState<(typeof RESPONSES)[number]>('SD');
  const [adverseEvents, setAdverseEvents] = useState('');
  const record = useMutation(trpc.oncology.recordFollowUp.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.oncology.casePage.queryKey({ caseId }) }) }));
  return (
    <TableCard
      id="follow-up"
      title={t('followUp')}
      testId="follow-ups"
      headers={[t('months'), t('therapyGiven'), t('response'), t('adverseEvents'), t('recorded')]}
      rows={followUps}
      rowKey={(f) => String(f.months)}
      emptyText={open ? t('noFollowUpYet') : t('followUpAfterDecision')}
      renderRow={(f) => (
        <>
          <td>{t('monthsN', { n: f.months })}</td>
          <td>{f.therapyGiven ? t('yes') : t('no')}</td>
          <td>{t(`responses.${f.response}`)}</td>
          <td>{f.adverseEvents || '—'}</td>
          <td>
            <FormattedTime value={f.recordedAt} />
          </td>
        </>
      )}
      footer={
        open && next ? (
        <form
          className="follow-up-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            record.mutate({ caseId, months: next, therapyGiven, response, adverseEvents });
          }}
        >
          <h3>{t('recordFollowUp', { n: next })}</h3>
          <div className="form-row">
            <div className="field checkbox">
              <input id="fu-therapy" type="checkbox" checked={therapyGiven} onChange={(e) => setTherapyGiven(e.target.checked)} />
              <label htmlFor="fu-therapy">{t('therapyGiven')}</label>
            </div>
            <div className="field">
              <label htmlFor="fu-response">{t('response')}</label>
              <select id="fu-response" value={response} onChange={(e) => setResponse(e.target.value as (typeof RESPONSES)[number])}>
                {RESPONSES.map((r) => (
                  <option key={r} value={r}>
                    {t(`responses.${r}`)}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="field">
            <label htmlFor="fu-ae">{t('adverseEvents')}</label>
            <textarea id="fu-ae" rows={2} value={adverseEvents} onChange={(e) => setAdverseEvents(e.target.value)} />
          </div>
          {record.isError ? <p className="notice danger" role="alert">{tErrors('generic')}</p> : null}
          <button type="submit" className="button secondary" disabled={record.isPending}>
            {t('saveFollowUp')}
          </button>
        </form>
        ) : null
      }
    />
  );
}
