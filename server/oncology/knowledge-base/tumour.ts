import type { TKnowledgeBase, TTumour } from './knowledge-base-schema';

/** The tumour a match is for: one of the knowledge base's tumour types, or any tumour (`any`). */
export type TTumourQuery = { kind: 'any' } | { kind: 'specific'; tumour: TTumour; icd10: string | null };

export class TumourParseError extends Error {}

const ICD10 = /^([A-Z])(\d{2})(?:\.(\d{1,2}))?$/;

/** C34.9 → 'C34'; category comparisons are on the three-character ICD-10 category. */
const category = (code: string): string => code.slice(0, 3);

/** Whether an ICD-10 code falls within a from–to range of categories (inclusive). */
export function icd10InRange(code: string, range: { from: string; to: string }): boolean {
  const c = category(code);
  return c >= category(range.from) && c <= category(range.to);
}

/** Resolves a tumour name (an alias), an ICD-10 code or `any`; throws TumourParseError naming what is known. */
export function resolveTumour(kb: TKnowledgeBase, input: string): TTumourQuery {
  const text = input.trim();
  if (text.toLowerCase() === 'any') return { kind: 'any' };
  const upper = text.toUpperCase();
  if (ICD10.test(upper)) {
    const tumour = kb.tumours.find((t) => t.icd10.some((r) => icd10InRange(upper, r)));
    if (!tumour) throw new TumourParseError(`ICD-10 ${upper} is outside the tumour types of the knowledge base (${kb.tumours.map((t) => `${t.name} ${t.icd10.map((r) => (r.from === r.to ? r.from : `${r.from}–${r.to}`)).join(', ')}`).join('; ')}); use "any" for tumour-agnostic evidence`);
    return { kind: 'specific', tumour, icd10: upper };
  }
  const tumour = kb.tumours.find((t) => t.key === text.toLowerCase() || t.aliases.includes(text.toLowerCase()));
  if (!tumour) throw new TumourParseError(`unknown tumour "${text}": use an ICD-10 code, "any", or one of ${kb.tumours.flatMap((t) => t.aliases.slice(0, 2)).join(', ')}`);
  return { kind: 'specific', tumour, icd10: null };
}
