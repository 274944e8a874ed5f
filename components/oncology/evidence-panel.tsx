'use client';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import type { ZCaseEvidenceSchema } from '@/server/api/routers/oncology/cases.schema';

type TEvidence = z.infer<typeof ZCaseEvidenceSchema>;
type TSource = { kind: 'pmid' | 'fda' | 'ema' | 'guideline'; ref: string; note?: string | undefined };

/** A source as a reader can follow it: a PMID links to PubMed; labels and guidelines are named. */
function Source({ source }: { source: TSource }) {
  const label = `${source.kind === 'pmid' ? 'PMID' : source.kind.toUpperCase()} ${source.ref}`;
  return source.kind === 'pmid' ? (
    <a href={`https://pubmed.ncbi.nlm.nih.gov/${source.ref}/`} rel="noreferrer" target="_blank" title={source.note}>
      {label}
    </a>
  ) : (
    <span title={source.note}>{label}</span>
  );
}

/**
 * Actionable variants for the case: each match with its OncoKB level, ESCAT tier, a resistance flag and
 * its sources; each non-match with the reason it does not apply here (another tumour, not standard).
 */
export function EvidencePanel({ evidence, large = false }: { evidence: TEvidence; large?: boolean }) {
  const t = useTranslations('oncology');
  const r = evidence.result;
  return (
    <section className={`card evidence${large ? ' large' : ''}`} aria-labelledby="evidence-title" data-testid="evidence">
      <h2 id="evidence-title">{t('evidenceTitle')}</h2>
      {!r ? <p className="muted">{evidence.icd10 ? t('evidenceNoTumour', { icd10: evidence.icd10 }) : t('evidenceNoCancer')}</p> : null}
      {r && r.variants.length === 0 ? <p className="muted">{t('evidenceNoVariants')}</p> : null}
      {r && r.variants.length > 0 ? (
        <p className="muted small">
          {t('evidenceFor', { tumour: r.tumour.kind === 'specific' ? r.tumour.name : 'any', variants: r.variants.join(', '), version: r.knowledgeBase.version, reviewed: r.knowledgeBase.reviewed })}
        </p>
      ) : null}
      {r && r.matches.length > 0 ? (
        <div className="table-wrap" tabIndex={0} role="group" aria-labelledby="evidence-title">
          <table data-testid="evidence-matches">
            <thead>
              <tr>
                <th scope="col">{t('variant')}</th>
                <th scope="col">{t('drugs')}</th>
                <th scope="col">OncoKB</th>
                <th scope="col">ESCAT</th>
                <th scope="col">{t('sources')}</th>
              </tr>
            </thead>
            <tbody>
              {r.matches.map((m) => (
                <tr key={`${m.entryId}-${m.variant}`} data-testid="evidence-match" data-level={m.oncokbLevel} data-drugs={m.drugs.join('+')}>
                  <td className="nowrap">{m.variant}</td>
                  <td>
                    {m.drugs.join(' + ')}
                    {m.resistance ? (
                      <>
                        {' '}
                        <span className="badge danger">{t('resistance')}</span>
                      </>
                    ) : null}
                    <br />
                    <span className="muted small">{m.indication}</span>
                  </td>
                  <td>
                    <span className={`badge ${m.resistance ? 'danger' : m.oncokbLevel === '1' || m.oncokbLevel === '2' ? 'success' : 'info'}`}>{t('level', { level: m.oncokbLevel })}</span>
                  </td>
                  <td>{m.escatTier ?? '—'}</td>
                  <td className="small">
                    {m.sources.map((s, i) => (
                      <span key={i}>
                        {i > 0 ? ', ' : ''}
                        <Source source={s} />
                      </span>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {r && r.nonMatches.length > 0 ? (
        <details className="non-matches" open={!large}>
          <summary>{t('nonMatches', { count: r.nonMatches.length })}</summary>
          <ul data-testid="evidence-non-matches">
            {r.nonMatches.map((n) => (
              <li key={`${n.entryId}-${n.variant}`} data-drugs={n.drugs.join('+')}>
                <strong>{n.drugs.join(' + ')}</strong> — {n.reason}{' '}
                <span className="small">
                  (
                  {n.sources.map((s, i) => (
                    <span key={i}>
                      {i > 0 ? ', ' : ''}
                      <Source source={s} />
                    </span>
                  ))}
                  )
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {evidence.unread.length > 0 ? <p className="muted small">{t('unread', { items: evidence.unread.map((u) => u.text).join(', ') })}</p> : null}
    </section>
  );
}
