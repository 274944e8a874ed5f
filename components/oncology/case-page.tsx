'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { ProviderStatusStrip } from '@/components/records/provider-status-strip';
import { BreakGlassBanner } from '@/components/records/break-glass';
import { RecordSummary } from '@/components/records/record-summary';
import { useRecordFormat } from '@/components/records/use-record-format';
import { CaseItems } from './case-items';
import { CaseTimeline } from './case-timeline';
import { DecisionEditor } from './decision-editor';
import { EvidencePanel } from './evidence-panel';
import { FollowUps } from './follow-ups';
import { PreparationChecklist } from './preparation-checklist';
import { TrialsPanel } from './trials-panel';
import { StateBadge } from './state-badge';
import { useSessionTime } from './use-board-format';
import './oncology.css';

/** A case as the board prepares and discusses it: who and what is asked, the record from every provider, the checklist, the decision. */
export function CasePage({ caseId }: { caseId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const tr = useTranslations('record');
  const tErrors = useTranslations('errors');
  const f = useRecordFormat();
  const when = useSessionTime();
  const { data, isPending, isError, error } = useQuery({ ...trpc.oncology.casePage.queryOptions({ caseId }), retry: false, refetchOnWindowFocus: false });
  const boards = useQuery(trpc.oncology.boards.queryOptions({}));
  if (isPending) return <p className="muted" aria-live="polite">{t('loadingCase')}</p>;
  if (isError) return <p className="notice danger" role="alert">{error.data?.code === 'NOT_FOUND' ? t('noSuchCase') : error.data?.code === 'FORBIDDEN' ? t('notYourPatient') : tErrors('generic')}</p>;
  const { record, session } = data;
  const latest = data.decisions.at(-1);
  const missing = record.providers.filter((p) => p.status !== 'ok');
  return (
    <>
      {record.access.breakGlass ? <BreakGlassBanner nationalId={record.nationalId} reason={record.access.breakGlass.reason} expiresAt={record.access.breakGlass.expiresAt} /> : null}
      <section className="card case-head" aria-labelledby="case-title">
        <div className="card-head">
          <h2 id="case-title" data-testid="case-patient">
            {record.patient?.name ?? record.nationalId} <span className="mono muted small">{record.nationalId}</span>
          </h2>
          <div className="button-row">
            <Link className="button" href={`/oncology/cases/${caseId}/present`}>
              {t('present')}
            </Link>
            <Link className="button secondary" href={`/patients/${record.nationalId}`}>
              {t('fullRecord')}
            </Link>
          </div>
        </div>
        <p className="case-question" data-testid="case-question">
          <strong>{t('question')}:</strong> {data.case.question}
        </p>
        <p className="muted small">
          <StateBadge state={data.case.state} /> · <Link href={`/oncology/sessions/${session.id}`}>{f.name(boards.data?.find((b) => b.key === session.board)?.name)}</Link> · {when(session.scheduledAt)} · {t('chairIs', { name: session.chairName })}
          {data.case.standardOfCare ? <> · {t('standardOfCareShort')}</> : null}
        </p>
      </section>
      <section className="card" aria-labelledby="providers-title">
        <h2 id="providers-title">{tr('providersTitle')}</h2>
        {!record.locator.ok ? <p className="notice danger" role="alert">{tr('locatorDown')}</p> : null}
        {missing.length > 0 ? (
          <p className="notice danger" role="status">
            {tr('missing', { providers: missing.map((p) => p.legalName ?? p.providerId).join(', ') })}
          </p>
        ) : null}
        <ProviderStatusStrip providers={record.providers} />
      </section>
      <RecordSummary summary={record.summary} />
      <section className="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t('timeline')}</h2>
        <CaseTimeline record={record} />
      </section>
      <PreparationChecklist caseId={caseId} state={data.case.state} checklist={data.checklist} acceptedMissing={data.case.acceptedMissing} />
      <EvidencePanel evidence={data.evidence} />
      <TrialsPanel trials={data.trials} />
      <CaseItems record={record} />
      {data.case.standardOfCare ? (
        <p className="notice">{t('standardOfCareNoDecision')}</p>
      ) : (
        <DecisionEditor
          key={latest?.version ?? 1}
          caseId={caseId}
          board={session.board}
          isChair={session.isChair}
          caseReady={data.case.state !== 'nominated'}
          members={session.members}
          versions={data.decisions}
        />
      )}
      <FollowUps caseId={caseId} followUps={data.followUps} open={data.case.state === 'discussed' || data.case.state === 'follow-up'} />
    </>
  );
}
