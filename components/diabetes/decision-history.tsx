'use client';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { useRecordFormat } from '@/components/records/use-record-format';

/** The patient's therapy decisions, newest first, each exportable as its FHIR GuidanceResponse. */
export function DecisionHistory({ nationalId }: { nationalId: string }) {
  const trpc = useTRPC();
  const t = useTranslations('diabetes');
  const f = useRecordFormat();
  const { data, isPending } = useQuery({ ...trpc.diabetes.history.queryOptions({ nationalId }), refetchOnWindowFocus: false });
  const download = (resource: Record<string, unknown>, id: string) => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(resource, null, 2)], { type: 'application/fhir+json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `guidance-response-${id}.json`;
    a.click();
    URL.revokeObjectURL(url);
  };
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t('history.title')}</h2>
      {isPending ? <p className="muted">{t('history.loading')}</p> : null}
      {data && data.length === 0 ? <p className="muted">{t('history.empty')}</p> : null}
      {data && data.length > 0 ? (
        <ol className="decision-history" data-testid="decision-history">
          {data.map((d) => (
            <li key={d.id} data-testid="decision" data-action={d.action}>
              <div>
                <strong>{d.action === 'accepted' ? t('history.accepted') : t('history.overridden')}</strong>: {d.chosenClass ? t(`classes.${d.chosenClass}`) : t('decision.noChange')}
                {d.topClass && d.chosenClass !== d.topClass ? <span className="muted"> · {t('history.first', { klass: t(`classes.${d.topClass}`) })}</span> : null}
              </div>
              {d.overrideReason ? <div>{t('history.reason', { reason: t(`reasons.${d.overrideReason}`) })}</div> : null}
              {d.note ? <div className="history-note">“{d.note}”</div> : null}
              <div className="muted small">
                {f.date(d.decidedAt.toISOString())} · {d.clinician.name} · {t('history.basis', { model: d.modelVersion ?? '—', rules: d.ruleSetVersion })}{' '}
                <button type="button" className="link-button" onClick={() => download(d.resource, d.id)}>
                  {t('history.export')}
                </button>
              </div>
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}
