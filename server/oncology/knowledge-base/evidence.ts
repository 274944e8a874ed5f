import { knowledgeBase } from './knowledge-base';
import { matchEvidence, type TEvidenceResult } from './match-evidence';
import { resolveTumour } from './tumour';
import { parseVariant } from './variant';

/**
 * Actionability evidence for a case, from words: a tumour (name, ICD-10 code or `any`) and variant
 * descriptions ("EGFR L858R", "KRAS p.Gly12Cys", "MSI-H"). Throws TumourParseError or VariantParseError
 * with a reason for input it does not understand. The entry point for the case page and the CLI.
 */
export function evidenceFor(input: { tumour: string; variants: readonly string[] }): TEvidenceResult {
  const kb = knowledgeBase();
  return matchEvidence(kb, resolveTumour(kb, input.tumour), input.variants.map(parseVariant));
}
