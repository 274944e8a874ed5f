import type { TAlteration, TEntry, TEscatTier, TKnowledgeBase, TNotStandard, TOncokbLevel, TSource } from './knowledge-base-schema';
import type { TTumourQuery } from './tumour';
import type { TVariant } from './variant';

/** One knowledge-base entry that applies to one of the case's variants in the case's tumour. */
export interface TEvidenceMatch {
  entryId: string;
  variant: string;
  drugs: string[];
  /** The drug decreases in benefit (OncoKB R1/R2): shown as a warning, not as an option. */
  resistance: boolean;
  oncokbLevel: TOncokbLevel;
  escatTier: TEscatTier | null;
  /** Where the entry holds: a tumour name, or "any solid tumour" for tumour-agnostic entries. */
  indication: string;
  why: string;
  note: string | null;
  sources: TSource[];
}

/** Evidence about the variant that does not apply here, and why (another tumour; a use that is not standard). */
export interface TEvidenceNonMatch {
  entryId: string;
  variant: string;
  drugs: string[];
  kind: 'other-tumour' | 'not-standard';
  /** The level the drug holds where it applies (other-tumour), null for a not-standard use. */
  levelElsewhere: TOncokbLevel | null;
  reason: string;
  sources: TSource[];
}

export interface TEvidenceResult {
  knowledgeBase: { version: string; reviewed: string };
  tumour: { kind: 'any' } | { kind: 'specific'; key: string; name: string; icd10: string | null };
  variants: string[];
  matches: TEvidenceMatch[];
  nonMatches: TEvidenceNonMatch[];
}

const LEVEL_ORDER: readonly TOncokbLevel[] = ['1', '2', '3A', '3B', '4', 'R1', 'R2'];

function geneMatches(gene: TEntry['gene'], variant: TVariant): boolean {
  if (gene === null) return variant.gene === null;
  if (variant.gene === null) return false;
  return Array.isArray(gene) ? gene.includes(variant.gene) : gene === variant.gene;
}

function alterationMatches(alteration: TAlteration, variant: TVariant): boolean {
  switch (alteration.kind) {
    case 'protein':
      return variant.kind === 'protein' && variant.change === alteration.change;
    case 'class':
      return variant.kind === 'class' && variant.class === alteration.class;
    case 'codons':
      // Missense changes at the hotspot codons; a truncating change (*) is another matter.
      return variant.kind === 'protein' && alteration.codons.includes(variant.position) && !variant.change.endsWith('*');
  }
}

const appliesTo = (item: Pick<TEntry, 'gene' | 'alteration'>, variant: TVariant) => geneMatches(item.gene, variant) && alterationMatches(item.alteration, variant);

function tumourName(kb: TKnowledgeBase, scope: TEntry['tumour']): string {
  return scope.kind === 'agnostic' ? 'any solid tumour' : (kb.tumours.find((t) => t.key === scope.key)?.name ?? scope.key);
}

const drugList = (drugs: readonly string[]) => drugs.join(' + ');

/**
 * Matches a case's variants in a tumour against the knowledge base. Every entry about one of the
 * variants is either a match (its tumour is the case's, or it is tumour-agnostic, or the tumour is
 * `any`) or a non-match saying why: OncoKB counts a level-1 biomarker of another indication as level
 * 3B at most (oncokb.org/levels), and `notStandard` rules name uses that look plausible but are not
 * standard (KRAS G12C inhibitor monotherapy in colorectal cancer).
 */
export function matchEvidence(kb: TKnowledgeBase, tumour: TTumourQuery, variants: readonly TVariant[]): TEvidenceResult {
  const matches: TEvidenceMatch[] = [];
  const nonMatches: TEvidenceNonMatch[] = [];
  const here = tumour.kind === 'specific' ? tumour.tumour : null;
  const inTumour = (scope: TEntry['tumour']) => scope.kind === 'agnostic' || here === null || scope.key === here.key;

  for (const variant of variants) {
    const notStandard = kb.notStandard.filter((n) => appliesTo(n, variant) && here !== null && n.tumour.kind === 'specific' && n.tumour.key === here.key);
    const explained = new Set<string>();
    for (const entry of kb.entries) {
      if (!appliesTo(entry, variant)) continue;
      const indication = tumourName(kb, entry.tumour);
      if (inTumour(entry.tumour)) {
        const resistance = entry.effect === 'resistant';
        matches.push({
          entryId: entry.id,
          variant: variant.label,
          drugs: entry.drugs,
          resistance,
          oncokbLevel: entry.oncokbLevel,
          escatTier: entry.escatTier,
          indication,
          why: `${variant.label} ${resistance ? 'predicts resistance to' : 'predicts response to'} ${drugList(entry.drugs)} in ${indication} (OncoKB level ${entry.oncokbLevel}${entry.escatTier ? `, ESCAT ${entry.escatTier}` : ''})`,
          note: entry.note ?? null,
          sources: entry.sources,
        });
        continue;
      }
      const rule = notStandard.find((n) => n.drugs.some((d) => entry.drugs.includes(d)));
      if (rule) {
        if (!explained.has(rule.id)) nonMatches.push(notStandardNonMatch(rule, variant));
        explained.add(rule.id);
        continue;
      }
      nonMatches.push({
        entryId: entry.id,
        variant: variant.label,
        drugs: entry.drugs,
        kind: 'other-tumour',
        levelElsewhere: entry.oncokbLevel,
        reason: `${drugList(entry.drugs)} is OncoKB level ${entry.oncokbLevel} for ${variant.label} in ${indication}, not in ${here?.name ?? 'this tumour'}; evidence from another indication counts as level 3B at most.`,
        sources: entry.sources,
      });
    }
    for (const rule of notStandard) if (!explained.has(rule.id)) nonMatches.push(notStandardNonMatch(rule, variant));
  }
  matches.sort((a, b) => LEVEL_ORDER.indexOf(a.oncokbLevel) - LEVEL_ORDER.indexOf(b.oncokbLevel));
  return {
    knowledgeBase: { version: kb.version, reviewed: kb.reviewed },
    tumour: here ? { kind: 'specific', key: here.key, name: here.name, icd10: tumour.kind === 'specific' ? tumour.icd10 : null } : { kind: 'any' },
    variants: variants.map((v) => v.label),
    matches,
    nonMatches,
  };
}

function notStandardNonMatch(rule: TNotStandard, variant: TVariant): TEvidenceNonMatch {
  return { entryId: rule.id, variant: variant.label, drugs: rule.drugs, kind: 'not-standard', levelElsewhere: null, reason: rule.reason, sources: rule.sources };
}
