import type { SimilarPatientsAnswer, SimilarPatientsRequest } from '@/server/dataspace/provider/data-plane/similar-patients-aggregate';
import { K_ANONYMITY, SUPPRESSED } from '@/server/fhir/disclosure-control';
import type { GridTable } from '@/server/fhir/survival-grid';
import { parseVariant } from '@/server/oncology/knowledge-base/variant';
import { kaplanMeier, type TKmPoint } from './kaplan-meier';
import { poolGrids } from './pool-grids';

/** Patients like this one: cancer type (server/terminology/cancers.ts key), stage, a variant as the knowledge base reads it, the line of therapy. */
export interface TSimilarPatientsQuery {
  cancerType: 'lung' | 'colorectal' | 'breast' | 'melanoma';
  stage?: 'I' | 'II' | 'III' | 'IV';
  variant?: string;
  line?: 1 | 2;
}

export type TProviderAnswer = { providerId: string; status: 'ok'; answer: SimilarPatientsAnswer } | { providerId: string; status: 'refused' | 'unavailable'; detail: string };

/** Sends one aggregate request to every provider that can answer it (HRESCH agreements); one answer per provider, never a throw. */
export type TAskProviders = (body: SimilarPatientsRequest) => Promise<TProviderAnswer[]>;

export interface TSimilarCurve {
  treatment: string;
  /** People the curve stands on, and the providers they come from. */
  patients: number;
  providers: string[];
  overallSurvival: TKmPoint[];
  progressionFreeSurvival: TKmPoint[];
}

export interface TSimilarPatientsResult {
  request: SimilarPatientsRequest;
  providers: Array<{ providerId: string; status: 'ok' | 'refused' | 'unavailable'; cohort: number | '<10' | null; detail: string | null }>;
  /** The treatment mix of the line, pooled: exact where every provider showed its count, "≥ n" where some hid one, "<5" where all did. */
  treatments: Array<{ treatment: string; count: string }>;
  curves: TSimilarCurve[];
  /** Treatments with survival at fewer than two providers: named, without a curve. */
  tooFewProviders: string[];
  statement: string | null;
  k: number;
}

/** Curves are drawn from two providers at least (DataSHIELD-style: no single site's statistics alone). */
export const MIN_PROVIDERS = 2;

// The canonical p. HGVS the synthetic molecular reports write for a class (server/terminology/cancers.ts).
const CLASS_HGVS: Record<string, string> = { 'EGFR:exon 19 deletion': 'p.Glu746_Ala750del' };
const THREE: Record<string, string> = { A: 'Ala', R: 'Arg', N: 'Asn', D: 'Asp', C: 'Cys', Q: 'Gln', E: 'Glu', G: 'Gly', H: 'His', I: 'Ile', L: 'Leu', K: 'Lys', M: 'Met', F: 'Phe', P: 'Pro', S: 'Ser', T: 'Thr', W: 'Trp', Y: 'Tyr', V: 'Val', '*': 'Ter' };

/** The provider request for a query: the variant as gene and three-letter p. HGVS, as molecular reports write it. */
export function similarPatientsRequest(q: TSimilarPatientsQuery): SimilarPatientsRequest {
  let variant: SimilarPatientsRequest['similarPatients']['variant'];
  if (q.variant) {
    const v = parseVariant(q.variant);
    if (v.gene === null) throw new Error(`${v.label} is not a gene variant; similar patients are grouped by gene variants`);
    const change = v.kind === 'protein' ? `p.${THREE[v.change[0] ?? ''] ?? ''}${v.position}${THREE[v.change.at(-1) ?? ''] ?? ''}` : CLASS_HGVS[`${v.gene}:${v.class}`];
    variant = { gene: v.gene, ...(change ? { aminoAcidChange: change } : {}) };
  }
  return { similarPatients: { cancerType: q.cancerType, ...(q.stage ? { stage: q.stage } : {}), ...(variant ? { variant } : {}), line: q.line ?? 1, gridMonths: 3 } };
}

/**
 * Similar patients across the dataspace: asks every provider's aggregate endpoint (research-consented,
 * de-identified records only), pools the treatment mix and, per treatment, the survival grids into
 * Kaplan–Meier curves with Greenwood intervals and numbers at risk. A curve needs two providers or
 * more; with fewer the result says so. Providers that refuse (e.g. differencing protection) or fail are
 * listed with the reason; the rest still counts.
 */
export async function similarPatients(query: TSimilarPatientsQuery, ask: TAskProviders): Promise<TSimilarPatientsResult> {
  const request = similarPatientsRequest(query);
  const answers = await ask(request);
  // Contributing: answered with a cohort of at least the provider's minimum (not '<10').
  const ok = answers.filter((a): a is Extract<TProviderAnswer, { status: 'ok' }> => a.status === 'ok' && typeof a.answer.cohort === 'number');
  const providers = answers.map((a) => ({ providerId: a.providerId, status: a.status, cohort: a.status === 'ok' ? a.answer.cohort : null, detail: a.status === 'ok' ? null : a.detail }));

  const mix = new Map<string, { sum: number; hidden: number }>();
  for (const a of ok) {
    a.answer.treatments.values.forEach((t, i) => {
      const cell = a.answer.treatments.counts[i];
      const m = mix.get(t) ?? { sum: 0, hidden: 0 };
      if (typeof cell === 'number') m.sum += cell;
      else m.hidden += 1;
      mix.set(t, m);
    });
  }
  const treatments = [...mix.entries()]
    .map(([treatment, m]) => ({ treatment, count: m.hidden === 0 ? String(m.sum) : m.sum === 0 ? SUPPRESSED : `≥${m.sum}`, order: m.sum }))
    .sort((a, b) => b.order - a.order || a.treatment.localeCompare(b.treatment))
    .map(({ treatment, count }) => ({ treatment, count }));

  const curves: TSimilarCurve[] = [];
  const tooFewProviders: string[] = [];
  for (const { treatment } of treatments) {
    const groups = ok.flatMap((a) => a.answer.groups.filter((g) => g.treatment === treatment).map((g) => ({ providerId: a.providerId, g })));
    if (groups.length === 0) continue;
    if (groups.length < MIN_PROVIDERS) {
      tooFewProviders.push(treatment);
      continue;
    }
    const curve = (pick: (g: (typeof groups)[number]['g']) => GridTable | null) => {
      const tables = groups.map((x) => pick(x.g)).filter((t): t is GridTable => t !== null);
      if (tables.length < MIN_PROVIDERS) return [];
      const pooled = poolGrids(tables);
      return kaplanMeier(pooled.total, pooled.steps, K_ANONYMITY);
    };
    curves.push({ treatment, patients: groups.reduce((s, x) => s + x.g.count, 0), providers: groups.map((x) => x.providerId), overallSurvival: curve((g) => g.overallSurvival), progressionFreeSurvival: curve((g) => g.progressionFreeSurvival) });
  }
  const statement =
    ok.length < MIN_PROVIDERS
      ? `Too few providers contributed (${ok.length} of ${answers.length} asked): similar-patient statistics need at least ${MIN_PROVIDERS}.`
      : curves.length === 0
        ? `Too few similar patients: no treatment has enough patients at ${MIN_PROVIDERS} or more providers for a survival curve.`
        : null;
  return { request, providers, treatments: ok.length < MIN_PROVIDERS ? [] : treatments, curves: ok.length < MIN_PROVIDERS ? [] : curves, tooFewProviders, statement, k: K_ANONYMITY };
}
