import type { TAlterationClass } from './knowledge-base-schema';

/**
 * A variant as the matcher understands it: a gene with one protein change (one-letter HGVS p.), or a
 * gene (or none) with a named alteration class. Parsed from what reports and people write:
 * "EGFR L858R", "EGFR p.Leu858Arg", "NP_005219.2:p.Leu858Arg" after a gene, "EGFR exon 19 deletion",
 * "EGFR p.E746_A750del", "ERBB2 amplification", "EML4-ALK fusion", "MSI-H", "dMMR", "TMB 14 mut/Mb".
 */
export type TVariant =
  | { gene: string; kind: 'protein'; change: string; position: number; label: string }
  | { gene: string | null; kind: 'class'; class: TAlterationClass; label: string };

export class VariantParseError extends Error {}

// HGVS amino-acid codes (HGVS nomenclature, varnomen.hgvs.org: three-letter to one-letter).
const AMINO: Record<string, string> = {
  Ala: 'A', Arg: 'R', Asn: 'N', Asp: 'D', Cys: 'C', Gln: 'Q', Glu: 'E', Gly: 'G', His: 'H', Ile: 'I',
  Leu: 'L', Lys: 'K', Met: 'M', Phe: 'F', Pro: 'P', Ser: 'S', Thr: 'T', Trp: 'W', Tyr: 'Y', Val: 'V', Ter: '*',
};
const ONE = 'ACDEFGHIKLMNPQRSTVWY*';
// EGFR exon 19 covers codons 729–761 (NM_005228); its in-frame deletions (E746_A750del and kin) form one class.
const EGFR_EXON19 = { from: 729, to: 761 };
// TMB-high per the FDA pembrolizumab TMB-H approval (2020): ≥ 10 mutations per megabase.
export const TMB_HIGH_THRESHOLD = 10;

const one = (aa: string): string | null => (aa.length === 1 ? (ONE.includes(aa.toUpperCase()) ? aa.toUpperCase() : null) : (AMINO[aa[0]?.toUpperCase() + aa.slice(1).toLowerCase()] ?? null));

/** Parses a p. change ("L858R", "p.Leu858Arg", "NP_…:p.(Leu858Arg)") into one-letter form, or null. */
export function proteinChange(text: string): { change: string; position: number } | null {
  const m = /^(?:[A-Z]{2}_\d+(?:\.\d+)?:)?(?:p\.)?\(?([A-Za-z]{1}|[A-Za-z]{3})(\d+)([A-Za-z]{1}|[A-Za-z]{3}|\*)\)?$/.exec(text.trim());
  if (!m?.[1] || !m[2] || !m[3]) return null;
  const from = one(m[1]);
  const to = m[3] === '*' ? '*' : one(m[3]);
  if (!from || !to || from === to) return null;
  return { change: `${from}${m[2]}${to}`, position: Number(m[2]) };
}

function deletionStart(text: string): number | null {
  const m = /^(?:p\.)?\(?([A-Za-z]{1,3})(\d+)_([A-Za-z]{1,3})(\d+)(?:del|delins[A-Za-z]+)\)?$/.exec(text.trim());
  return m?.[2] ? Number(m[2]) : null;
}

/** Parses one variant description; throws VariantParseError with the reason when it is not understood. */
export function parseVariant(input: string): TVariant {
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) throw new VariantParseError('empty variant');
  const lower = text.toLowerCase();
  if (/^(msi-?h|msi[- ]high|dmmr|mmr[- ]deficient|microsatellite instability[- ]high)$/.test(lower)) return { gene: null, kind: 'class', class: 'MSI-H', label: 'MSI-H / dMMR' };
  const tmb = /^tmb(?:[- ]?(high|h)|\s*[:=]?\s*(\d+(?:\.\d+)?)\s*(?:mut(?:ations)?\/mb)?)$/.exec(lower);
  if (tmb) {
    if (tmb[2] !== undefined && Number(tmb[2]) < TMB_HIGH_THRESHOLD) throw new VariantParseError(`TMB ${tmb[2]} mut/Mb is below the TMB-high threshold of ${TMB_HIGH_THRESHOLD} mut/Mb`);
    return { gene: null, kind: 'class', class: 'TMB-high', label: tmb[2] ? `TMB ${tmb[2]} mut/Mb (high)` : 'TMB-high' };
  }
  const space = text.indexOf(' ');
  if (space < 0) throw new VariantParseError(`"${text}" names no alteration: write the gene and the change, e.g. "EGFR L858R"`);
  let gene = text.slice(0, space).toUpperCase();
  const rest = text.slice(space + 1).trim();
  const restLower = rest.toLowerCase();
  if (/^fusion$|^rearrangement$/.test(restLower)) {
    // "EML4-ALK fusion": the actionable partner is the kinase, written last by convention.
    const parts = gene.split(/[-:]/);
    gene = parts[parts.length - 1] ?? gene;
    return { gene, kind: 'class', class: 'fusion', label: `${gene} fusion` };
  }
  if (!/^[A-Z0-9]+$/.test(gene)) throw new VariantParseError(`"${gene}" is not an HGNC gene symbol`);
  if (/^(amplification|amp|amplified|copy number gain)$/.test(restLower)) return { gene, kind: 'class', class: 'amplification', label: `${gene} amplification` };
  if (/^(exon 19 (deletion|del)|ex19 ?del|exon19del)$/.test(restLower)) {
    if (gene !== 'EGFR') throw new VariantParseError('exon 19 deletion is an EGFR alteration class');
    return { gene, kind: 'class', class: 'exon 19 deletion', label: 'EGFR exon 19 deletion' };
  }
  const del = deletionStart(rest);
  if (del !== null) {
    if (gene === 'EGFR' && del >= EGFR_EXON19.from && del <= EGFR_EXON19.to) return { gene, kind: 'class', class: 'exon 19 deletion', label: `EGFR ${rest} (exon 19 deletion)` };
    throw new VariantParseError(`the deletion ${gene} ${rest} is not an alteration the knowledge base names`);
  }
  const protein = proteinChange(rest);
  if (!protein) throw new VariantParseError(`"${rest}" is not a protein change (HGVS p., e.g. L858R or p.Leu858Arg) nor a known class (amplification, fusion, exon 19 deletion)`);
  return { gene, kind: 'protein', ...protein, label: `${gene} ${protein.change}` };
}
