'use client';
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { useRecordFormat } from './use-record-format';

/** The patient's tumour-board cases and decisions, small, at the end of the record (nothing when there are none). */
export function BoardDecisionsSection({ nationalId, canOpenCases }: { nationalId: string; canOpenCases: boolean }) {
  const trpc = useTRPC();
  const t = useTranslations('oncology');
  const f = useRecordFormat();
  const decisions = useQuery({ ...trpc.oncology.patientDecisions.queryOptions({ nationalId }), retry: false, refetchOnWindowFocus: false });
  const boards = useQuery({ ...trpc.oncology.boards.queryOptions({}), enabled: (decisions.data?.length ?? 0) > 0, retry: false });
  if (!decisions.data || decisions.data.length === 0) return null;
  return (
    <section className="card" aria-labelledby="board-decisions-title" data-testid="board-decisions">
      <h2 id="board-decisions-title">{t('recordSection')}</h2>
      <ul className="summary-list">
        {decisions.data.map((d) => (
          <li key={d.caseId}>
            <strong>{f.name(boards.data?.find((b) => b.key === d.board)?.name)}</strong>, <FormattedTime value={d.scheduledAt} /> · {t(`states.${d.state}`)}
            <br />
            <span className="muted">{d.question}</span>
            {d.decision ? (
              <>
                <br />
                {d.decision.status === 'final' ? t('finalVersion', { version: d.decision.version }) : t('draftVersion', { version: d.decision.version })}: {d.decision.recommendations.join('; ') || '—'}
                {d.decision.signedByName ? <span className="muted"> ({t('signedBy', { name: d.decision.signedByName })})</span> : null}
              </>
            ) : null}
            {canOpenCases ? (
              <>
                {' '}
                <Link href={`/oncology/cases/${d.caseId}`}>{t('openCase')}</Link>
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
