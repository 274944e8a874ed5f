import type { CancerMedicine } from '@/server/terminology/medications';
import type { OncologyProfile, Person } from './people';
import { createRandom, mixSeed, type Random } from './random';

/** One line of systemic therapy, months counted from diagnosis; `endMonths` null while it goes on. */
export interface TherapyLine {
  setting: 'adjuvant' | 'advanced';
  /** 1, 2 … for advanced lines; 0 for adjuvant therapy (not counted as a line, as trials count them). */
  line: number;
  drugs: CancerMedicine[];
  startMonths: number;
  endMonths: number | null;
}

/**
 * What happens to an oncology patient after diagnosis, generated once per person: laterality,
 * pathological staging after surgery, therapy lines, progressions, death, MSI and TMB. Months are
 * counted from diagnosis; only what falls within the follow-up (up to REFERENCE_DATE) is recorded.
 */
export interface OncologyCourse {
  laterality: 'left' | 'right' | null;
  pathological: { t: string; n: string; m: string; stage: OncologyProfile['stage'] } | null;
  lines: TherapyLine[];
  /** Months of each observed progression (at most two). */
  progressions: number[];
  /** Months from diagnosis to death, when it happened within the follow-up. */
  deathMonths: number | null;
  msiHigh: boolean;
  /** Tumour mutational burden, mutations per megabase. */
  tmb: number;
}

type Lines = [CancerMedicine[], CancerMedicine[]];

// First and second advanced lines by cancer and variant, after the ESMO guidelines of each tumour and the
// matched entries of server/oncology/knowledge-base/actionability.json (targeted therapy where OncoKB 1).
const PLATINUM_NSCLC: CancerMedicine[] = ['carboplatin', 'pemetrexed'];
const FOLFOX: CancerMedicine[] = ['oxaliplatin', 'fluorouracil'];
const LINES: Record<string, Record<string, Lines>> = {
  lung: {
    'EGFR L858R': [['osimertinib'], PLATINUM_NSCLC],
    'EGFR exon 19 deletion': [['osimertinib'], PLATINUM_NSCLC],
    // T790M arises on a first-generation inhibitor: gefitinib first, osimertinib at progression (AURA3).
    'EGFR T790M': [['gefitinib'], ['osimertinib']],
    'KRAS G12C': [[...PLATINUM_NSCLC, 'pembrolizumab'], ['sotorasib']],
    'EML4-ALK fusion': [['alectinib'], PLATINUM_NSCLC],
    'BRAF V600E': [['dabrafenib', 'trametinib'], PLATINUM_NSCLC],
    none: [[...PLATINUM_NSCLC, 'pembrolizumab'], ['paclitaxel']],
  },
  colorectal: {
    'BRAF V600E': [FOLFOX, ['encorafenib', 'cetuximab']],
    'KRAS G12D': [FOLFOX, ['irinotecan', 'fluorouracil']],
    'KRAS G12C': [FOLFOX, ['sotorasib', 'panitumumab']],
    'TPM3-NTRK1 fusion': [FOLFOX, ['larotrectinib']],
    msi: [['pembrolizumab'], FOLFOX],
    none: [FOLFOX, ['irinotecan', 'fluorouracil', 'cetuximab']],
  },
  breast: {
    'PIK3CA H1047R': [['letrozole'], ['alpelisib', 'fulvestrant']],
    'ERBB2 amplification': [['paclitaxel', 'trastuzumab'], ['trastuzumab']],
    none: [['letrozole'], ['paclitaxel']],
  },
  melanoma: {
    'BRAF V600E': [['dabrafenib', 'trametinib'], ['nivolumab']],
    none: [['nivolumab'], ['paclitaxel']],
  },
};
const ADJUVANT: Record<string, CancerMedicine[]> = { lung: ['carboplatin', 'pemetrexed'], colorectal: FOLFOX, breast: ['letrozole'], melanoma: ['nivolumab'] };

// Median months to first progression by stage; matched targeted therapy or immunotherapy of MSI-H
// tumours lengthens it (hazard ratios of the order of FLAURA, BEACON, KEYNOTE-177), roughly.
const MEDIAN_PFS = { I: 80, II: 45, III: 22, IV: 10 } as const;
const exponential = (r: Random, median: number) => (-median / Math.LN2) * Math.log(1 - r.next() * 0.999999);

/** The course of `person`'s cancer (null without one); the same person always gets the same course. */
export function oncologyCourse(person: Person, seed = 0): OncologyCourse | null {
  const o = person.oncology;
  if (!o) return null;
  const r = createRandom(mixSeed(seed, person.index, 7));
  const variant = o.variantIndex === null ? null : (o.cancer.variants[o.variantIndex] ?? null);
  const msiHigh = o.msiHigh ?? (o.cancer.key === 'colorectal' && variant?.gene !== 'BRAF' && r.chance(0.12));
  const tmb = msiHigh ? Math.round(r.float(20, 60)) : Math.round(Math.max(0.5, r.normal(o.cancer.key === 'melanoma' ? 14 : 5, o.cancer.key === 'melanoma' ? 8 : 3)) * 10) / 10;
  const laterality = o.cancer.key === 'breast' || o.cancer.key === 'lung' ? (r.chance(0.5) ? 'left' : 'right') : null;
  const pathological = o.stage === 'IV' ? null : { t: o.t, n: r.chance(0.2) && o.n === 'N0' ? 'N1' : o.n, m: 'M0', stage: o.stage };

  const byCancer = LINES[o.cancer.key] ?? LINES.lung ?? {};
  const plan = (msiHigh ? byCancer.msi : undefined) ?? byCancer[variant?.label ?? 'none'] ?? byCancer.none;
  const targeted = variant !== null && byCancer[variant.label] !== undefined;
  const followUp = o.diagnosedMonthsAgo;

  let progressions: number[] = [];
  const first = exponential(r, MEDIAN_PFS[o.stage] * (targeted || msiHigh ? 1.8 : 1));
  progressions.push(first, first + exponential(r, o.stage === 'IV' ? 6 : 9));
  const death = (progressions[1] ?? first) + exponential(r, o.stage === 'IV' ? 8 : 14);
  progressions = progressions.filter((p) => p <= Math.min(followUp, death));
  // The demo stories fix what the latest assessment shows; the generated people keep what was drawn.
  if (person.demo) {
    progressions = o.status === 'worsened' ? [Math.max(0.5, followUp - 1)] : progressions.filter((p) => p < followUp - 3);
  }
  const deathMonths = !person.demo && death <= followUp ? death : null;

  const lines: TherapyLine[] = [];
  if (o.stage === 'II' || o.stage === 'III') lines.push({ setting: 'adjuvant', line: 0, drugs: ADJUVANT[o.cancer.key] ?? FOLFOX, startMonths: 2, endMonths: Math.min(8, progressions[0] ?? 8) });
  // Advanced therapy starts at diagnosis for stage IV, and at the first recurrence otherwise.
  const starts = o.stage === 'IV' ? [1, ...progressions.map((p) => p + 0.5)] : progressions.map((p) => p + 0.5);
  starts.slice(0, 2).forEach((start, i) => {
    if (start > followUp || (deathMonths !== null && start > deathMonths)) return;
    const end = o.stage === 'IV' ? progressions[i] : progressions[i + 1];
    const drugs = plan?.[i as 0 | 1];
    if (drugs) lines.push({ setting: 'advanced', line: i + 1, drugs, startMonths: start, endMonths: end ?? deathMonths ?? null });
  });
  return { laterality, pathological, lines, progressions, deathMonths, msiHigh, tmb };
}
