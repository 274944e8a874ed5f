'use client';
import Link from 'next/link';
import { useEffect } from 'react';
import { useRouter } from 'next/navigation';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { useRecordFormat } from '@/components/records/use-record-format';
import { CaseTimeline } from './case-timeline';
import { DecisionView } from './decision-editor';
import { EvidencePanel } from './evidence-panel';
import { PreparationChecklist } from './preparation-checklist';
import { StateBadge } from './state-badge';
import './oncology.css';

/**
 * One case per screen for the meeting room: the question, the summary that matters, the timeline and
 * the checklist in large type; ← and → (or Page Up/Down, as a presenter's clicker sends) move between
 * the session's cases; Escape leaves.
 */
export function PresentationMode({ caseId }: { caseId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const tErrors = useTranslations('errors');
  const f = useRecordFormat();
  const router = useRouter();
  const { data, isPending, isError } = useQuery({ ...trpc.oncology.casePage.queryOptions({ caseId }), retry: false, refetchOnWindowFocus: false });
  const agenda = data?.agenda ?? [];
  const index = agenda.findIndex((c) => c.id === caseId);
  const previous = index > 0 ? agenda[index - 1] : undefined;
  const next = index >= 0 ? agenda[index + 1] : undefined;
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (event.target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(event.target.tagName)) return;
      if ((event.key === 'ArrowRight' || event.key === 'PageDown') && next) router.push(`/oncology/cases/${next.id}/present`);
      if ((event.key === 'ArrowLeft' || event.key === 'PageUp') && previous) router.push(`/oncology/cases/${previous.id}/present`);
      if (event.key === 'Escape') router.push(`/oncology/cases/${caseId}`);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [router, next, previous, caseId]);
  if (isPending) return <div className="presentation"><p className="muted">{t('loadingCase')}</p></div>;
  if (isError) return <div className="presentation"><p className="notice danger" role="alert">{tErrors('generic')}</p></div>;
  const { record } = data;
  const s = record.summary.oncology;
  const final = data.decisions.filter((d) => d.status === 'final').at(-1);
  const variants = record.oncology.filter((o) => o.kind === 'genomicVariant' || o.kind === 'tumourMarker');
  return (
    <div className="presentation" data-testid="presentation">
      <header className="presentation-head">
        <div>
          <p className="presentation-count">{t('caseOf', { n: index + 1, total: agenda.length })}</p>
          <h1 data-testid="presentation-patient">
            {record.patient?.name ?? record.nationalId}
            {record.patient?.birthDate ? <span className="muted"> · {t('born', { date: f.date(record.patient.birthDate) })}</span> : null}
          </h1>
          <p className="presentation-question">{data.case.question}</p>
        </div>
        <div className="presentation-nav">
          <StateBadge state={data.case.state} />
          <Link className="button secondary" href={`/oncology/cases/${caseId}`}>
            {t('leavePresentation')}
          </Link>
        </div>
      </header>
      <div className="presentation-body">
        <dl className="presentation-facts">
          <div>
            <dt>{t('cancer')}</dt>
            <dd>{s?.cancer ? `${f.name(s.cancer.name)}${s.cancer.histology ? ` — ${f.name(s.cancer.histology)}` : ''}` : '—'}</dd>
          </div>
          <div>
            <dt>{t('stage')}</dt>
            <dd>{s?.stage ? f.name(s.stage.value) : '—'}</dd>
          </div>
          <div>
            <dt>ECOG</dt>
            <dd>{s?.ecog ? f.name(s.ecog.value) : '—'}</dd>
          </div>
          <div>
            <dt>{t('diseaseStatus')}</dt>
            <dd>{s?.diseaseStatus ? `${f.name(s.diseaseStatus.value)} (${f.date(s.diseaseStatus.date)})` : '—'}</dd>
          </div>
          <div>
            <dt>{t('markersAndVariants')}</dt>
            <dd>{variants.length ? variants.map((v) => `${f.name(v.name)}${v.value ? `: ${f.name(v.value)}` : ''}`).join(' · ') : '—'}</dd>
          </div>
        </dl>
        <div className="presentation-chart">
          <CaseTimeline record={record} large />
        </div>
        <PreparationChecklist caseId={caseId} state={data.case.state} checklist={data.checklist} acceptedMissing={data.case.acceptedMissing} large />
        <EvidencePanel evidence={data.evidence} large />
        {final ? (
          <section className="card large" aria-labelledby="pres-decision">
            <h2 id="pres-decision">{t('finalVersion', { version: final.version })}</h2>
            <DecisionView content={final.content} />
          </section>
        ) : null}
      </div>
      <footer className="presentation-foot">
        {previous ? (
          <Link className="button secondary" href={`/oncology/cases/${previous.id}/present`} data-testid="previous-case">
            ← {t('previousCase')}
          </Link>
        ) : (
          <span />
        )}
        <span className="muted">{t('keysHint')}</span>
        {next ? (
          <Link className="button" href={`/oncology/cases/${next.id}/present`} data-testid="next-case">
            {t('nextCase')} →
          </Link>
        ) : (
          <span />
        )}
      </footer>
    </div>
  );
}
