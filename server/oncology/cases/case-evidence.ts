import type { TMergedRecord } from '@/server/records/merged-record-schema';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';
import { GENOMICS_LOINC } from '@/server/terminology/mcode';
import { knowledgeBase } from '@/server/oncology/knowledge-base/knowledge-base';
import { matchEvidence, type TEvidenceResult } from '@/server/oncology/knowledge-base/match-evidence';
import { resolveTumour, TumourParseError } from '@/server/oncology/knowledge-base/tumour';
import { parseVariant, VariantParseError, type TVariant } from '@/server/oncology/knowledge-base/variant';

export interface TCaseEvidence {
  /** The primary cancer's ICD-10 code the match used, or null when no provider coded one. */
  icd10: string | null;
  /** Variant descriptions found in the record that the knowledge base does not read, with the reason. */
  unread: Array<{ text: string; reason: string }>;
  /** The record's alterations the knowledge base read, as written there (trial matching reads the same). */
  read: string[];
  result: TEvidenceResult | null;
}

const MSI_HIGH = /\b(msi-?h|high)\b/i;

/** The case's alterations, as the record's genomic variants and MSI / TMB marker results name them. */
function alterationsOf(record: Pick<TMergedRecord, 'oncology'>): string[] {
  const out = new Set<string>();
  for (const o of record.oncology) {
    if (o.kind === 'genomicVariant' && o.value) out.add(o.value.en);
    if (o.kind === 'tumourMarker' && o.code === GENOMICS_LOINC.msi.code && o.value && MSI_HIGH.test(o.value.en)) out.add('MSI-H');
    if (o.kind === 'tumourMarker' && o.code === GENOMICS_LOINC.tmb.code && o.value) out.add(`TMB ${Number.parseFloat(o.value.en)} mut/Mb`);
  }
  return [...out];
}

/**
 * Actionability evidence for a case: the record's primary cancer (its ICD-10 code) and its variants
 * against the shipped knowledge base (server/oncology/knowledge-base). A TMB below the threshold is
 * not an alteration (it is left out, not an error).
 */
export function caseEvidence(record: Pick<TMergedRecord, 'conditions' | 'oncology'>): TCaseEvidence {
  const icd10 = record.conditions.filter((c) => c.oncology).flatMap((c) => c.codes.filter((x) => x.system === CODE_SYSTEMS.icd10).map((x) => x.code))[0] ?? null;
  const variants: TVariant[] = [];
  const unread: TCaseEvidence['unread'] = [];
  const read: string[] = [];
  for (const text of alterationsOf(record)) {
    try {
      variants.push(parseVariant(text));
      read.push(text);
    } catch (error) {
      if (!(error instanceof VariantParseError)) throw error;
      if (!text.startsWith('TMB')) unread.push({ text, reason: error.message });
    }
  }
  if (!icd10) return { icd10, unread, read, result: null };
  try {
    const kb = knowledgeBase();
    return { icd10, unread, read, result: matchEvidence(kb, resolveTumour(kb, icd10), variants) };
  } catch (error) {
    if (!(error instanceof TumourParseError)) throw error;
    return { icd10, unread: [...unread, { text: icd10, reason: error.message }], read, result: null };
  }
}
