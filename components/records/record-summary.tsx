'use client';
import { useTranslations } from 'next-intl';
import type { TRecordSummary } from '@/server/records/merged-record-schema';
import { Dose } from './dose';
import { ObservationValue, Trend } from './observation-value';
import { SourceTags } from './source-tag';
import { useRecordFormat } from './use-record-format';

/** A line of the summary: what, its date, and where it came from. */
function SummaryLine({ label, children, date, sources, testId }: { label: string; children?: React.ReactNode; date: string | null; sources: Parameters<typeof SourceTags>[0]['sources']; testId?: string }) {
  const f = useRecordFormat();
  return (
    <li className="summary-line" data-testid={testId}>
      <span className="summary-what">
        <strong>{label}</strong>
        {children ? <> {children}</> : null}
      </span>
      <span className="summary-meta">
        <time className="muted small">{f.date(date)}</time> <SourceTags sources={sources} />
      </span>
    </li>
  );
}

/** The top of the record: problems, current medication, latest key results and, for a cancer, its state. */
export function RecordSummary({ summary }: { summary: TRecordSummary }) {
  const t = useTranslations('record');
  const f = useRecordFormat();
  const o = summary.oncology;
  return (
    <section className="card summary" aria-labelledby="summary-title">
      <h2 id="summary-title">{t('summaryTitle')}</h2>
      <div className="summary-grid">
        <div>
          <h3>{t('keyResults')}</h3>
          {summary.results.length === 0 ? <p className="muted">{t('none')}</p> : null}
          <ul className="summary-list">
            {summary.results.map((r) => (
              <SummaryLine key={r.key} label={t('labelled', { label: f.name(r.name) })} date={r.date} sources={r.sources} testId={`summary-${r.key}`}>
                <ObservationValue point={{ date: r.date, value: r.value, text: null, beside: r.beside, conflict: null, sources: r.sources }} unit={r.unit} besideUnit={r.besideUnit} digits={r.digits} besideDigits={r.besideDigits} />{' '}
                <Trend trend={r.trend} />
                {r.conflict ? <span className="badge warning">{t('conflict')}</span> : null}
              </SummaryLine>
            ))}
          </ul>
        </div>
        {o ? (
          <div data-testid="summary-oncology">
            <h3>{t('cancerTitle')}</h3>
            <ul className="summary-list">
              {o.cancer ? (
                <SummaryLine label={f.name(o.cancer.name)} date={o.cancer.date} sources={o.cancer.sources} testId="summary-cancer">
                  {o.cancer.histology ? <span className="muted">({f.name(o.cancer.histology)})</span> : null}
                </SummaryLine>
              ) : null}
              {(['stage', 'ecog', 'diseaseStatus'] as const).map((k) => {
                const item = o[k];
                return item ? (
                  <SummaryLine key={k} label={t('labelled', { label: f.name(item.name) })} date={item.date} sources={item.sources} testId={`summary-${k}`}>
                    <span data-testid={`summary-${k}-value`}>{f.name(item.value)}</span>
                  </SummaryLine>
                ) : null;
              })}
            </ul>
          </div>
        ) : null}
        <div>
          <h3>{t('problems')}</h3>
          {summary.problems.length === 0 ? <p className="muted">{t('none')}</p> : null}
          <ul className="summary-list">
            {summary.problems.map((p) => (
              <SummaryLine key={p.name.en + (p.date ?? '')} label={f.name(p.name)} date={p.date} sources={p.sources} />
            ))}
          </ul>
        </div>
        <div>
          <h3>{t('currentMedication')}</h3>
          {summary.medications.length === 0 ? <p className="muted">{t('none')}</p> : null}
          <ul className="summary-list">
            {summary.medications.map((m) => (
              <SummaryLine key={m.name.en} label={f.name(m.name)} date={m.date} sources={m.sources}>
                {m.dose || m.dosage ? (
                  <span className="muted">
                    <Dose dose={m.dose} text={m.dosage} />
                  </span>
                ) : null}
              </SummaryLine>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}
