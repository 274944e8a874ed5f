import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import type { ConsentState, ProviderStatus } from '@/server/dataspace/consumer/record-fan-out';

export interface UnreadProvider {
  providerId: string;
  legalName: string | null;
  status: ProviderStatus;
  consent: ConsentState;
}

/** A provider whose data is not (all) here: it did not answer, refused, or the patient's consent holds part or all of it back. */
export const isUnread = (p: Pick<UnreadProvider, 'status' | 'consent'>): boolean => p.status !== 'ok' || p.consent === 'withdrawn' || p.consent === 'partial';

/** Why a provider's data is missing, in words for the page. */
export function missingDataMessage(p: UnreadProvider): string {
  const who = p.legalName ?? p.providerId;
  if (p.status === 'timeout') return `${who} did not answer in time: results, conditions and prescriptions held there are not included.`;
  if (p.status === 'unavailable') return `${who} is unavailable: results, conditions and prescriptions held there are not included.`;
  if (p.status === 'denied') return `${who} refused access to this patient's data: nothing held there is included.`;
  if (p.consent === 'withdrawn') return `The patient has withdrawn consent for ${who}: nothing held there is included.`;
  return `The patient's consent at ${who} covers only part of the data: some categories held there are not included.`;
}

/**
 * Classes whose contraindication is a recorded condition: while a provider's data is missing, absence of
 * that condition cannot be shown, so the class is withheld rather than proposed on a guess (GLP-1 RA:
 * medullary thyroid carcinoma or MEN 2, boxed warning; pioglitazone: heart failure, ADA 2025 section 9).
 */
const DEPENDS_ON_ABSENT_CONDITION: Partial<Record<DrugClassId, string>> = {
  glp1ra: 'medullary thyroid carcinoma or MEN 2 (a contraindication)',
  tzd: 'heart failure (a contraindication)',
};

/** The classes to withhold while some provider's data is missing, with the reason. */
export function withheldClasses(unread: readonly UnreadProvider[]): Map<DrugClassId, string> {
  const out = new Map<DrugClassId, string>();
  if (unread.length === 0) return out;
  const who = unread.map((p) => p.legalName ?? p.providerId).join(', ');
  for (const [c, condition] of Object.entries(DEPENDS_ON_ABSENT_CONDITION) as [DrugClassId, string][]) {
    out.set(c, `Withheld: whether the patient has ${condition} cannot be checked while data from ${who} is missing.`);
  }
  return out;
}
