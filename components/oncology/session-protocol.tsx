'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { useRecordFormat } from '@/components/records/use-record-format';
import { DecisionView } from './decision-editor';
import { useSessionTime } from './use-board-format';
import './oncology.css';

/** The board's protocol of a session, laid out for paper (print stylesheet in oncology.css): cases, decisions, attendees, signatures. */
export function SessionProtocol({ sessionId }: { sessionId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const tErrors = useTranslations('errors');
  const f = useRecordFormat();
  const when = useSessionTime();
  const protocol = useQuery({ ...trpc.oncology.protocol.queryOptions({ sessionId }), retry: false, refetchOnWindowFocus: false });
  const boards = useQuery(trpc.oncology.boards.queryOptions({}));
  if (protocol.isPending) return <p className="muted">{t('loading')}</p>;
  if (protocol.isError) return <p className="notice danger" role="alert">{tErrors('generic')}</p>;
  const p = protocol.data;
  const visible = p.cases.filter((c) => c.patientNationalId !== null);
  return (
    <article className="protocol" data-testid="protocol">
      <div className="protocol-actions no-print">
        <button type="button" className="button" onClick={() => window.print()}>
          {t('print')}
        </button>
      </div>
      <header>
        <h1>{t('protocolTitle', { board: f.name(boards.data?.find((b) => b.key === p.board)?.name) })}</h1>
        <p>
          {when(p.scheduledAt)} · {t('chairIs', { name: p.chairName })}
        </p>
        <p className="muted small">{t('members')}: {p.members.map((m) => `${m.name} (${t(`disciplines.${m.discipline}`)})`).join(', ') || '—'}</p>
        <p className="muted small">{t('syntheticNotice')}</p>
      </header>
      {visible.map((c, i) => (
        <section key={c.id} className="protocol-case" data-testid="protocol-case">
          <h2>
            {t('caseN', { n: i + 1 })} · <span className="mono">{c.patientNationalId}</span> · {t(`states.${c.state}`)}
          </h2>
          <p>
            <strong>{t('question')}:</strong> {c.question}
          </p>
          {c.standardOfCare ? <p>{t('standardOfCareShort')}</p> : null}
          {c.decision ? (
            <>
              <p className="small">
                {c.decision.status === 'final' ? t('finalVersion', { version: c.decision.version }) : t('draftVersion', { version: c.decision.version })}
                {c.decision.signedByName ? <> · {t('signedBy', { name: c.decision.signedByName })}</> : null}
                {c.decision.signedAt ? <> · <FormattedTime value={c.decision.signedAt} /></> : null}
                {c.decision.contentHash ? <> · <span className="mono">SHA-256 {c.decision.contentHash.slice(0, 16)}…</span></> : null}
              </p>
              {c.decision.amendmentReason ? <p className="small">{t('amendmentReasonShown', { reason: c.decision.amendmentReason })}</p> : null}
              <DecisionView content={c.decision.content} />
            </>
          ) : c.standardOfCare ? null : (
            <p className="muted">{t('noDecisionYet')}</p>
          )}
          {c.followUps.length > 0 ? (
            <p className="small">
              {t('followUp')}: {c.followUps.map((fu) => `${t('monthsN', { n: fu.months })}: ${t(`responses.${fu.response}`)}`).join(' · ')}
            </p>
          ) : null}
        </section>
      ))}
      {p.cases.length > visible.length ? <p className="muted small">{t('hiddenCases', { count: p.cases.length - visible.length })}</p> : null}
    </article>
  );
}
