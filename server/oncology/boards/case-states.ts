/**
 * A case's way through a board (cBioPortal MTB / MIRACUM: prepared, discussed, followed up):
 * nominated → ready (checklist complete, or its gaps accepted) → discussed (a final decision, or listed
 * as standard of care) → follow-up (a first follow-up recorded). A ready case may go back to nominated
 * while the board has not discussed it.
 */
export const CASE_STATES = ['nominated', 'ready', 'discussed', 'follow-up'] as const;
export type CaseState = (typeof CASE_STATES)[number];

const NEXT: Record<CaseState, readonly CaseState[]> = {
  nominated: ['ready'],
  ready: ['nominated', 'discussed'],
  discussed: ['follow-up'],
  'follow-up': [],
};

/** Why a transition is refused, or null when it may happen. */
export function transitionRefusal(
  from: CaseState,
  to: CaseState,
  facts: { checklistMissing: readonly string[]; acceptedMissing: readonly string[]; hasFinalDecision: boolean; standardOfCare: boolean; followUps: number },
): string | null {
  if (!NEXT[from].includes(to)) return `A case cannot go from ${from} to ${to}.`;
  if (to === 'ready') {
    const unaccepted = facts.checklistMissing.filter((item) => !facts.acceptedMissing.includes(item));
    if (unaccepted.length > 0) return `The preparation checklist is missing: ${unaccepted.join(', ')}. Complete it or accept the gaps.`;
  }
  if (to === 'discussed' && !facts.hasFinalDecision && !facts.standardOfCare) return 'A case is discussed once its decision is final.';
  if (to === 'follow-up' && facts.followUps === 0) return 'Record a follow-up first.';
  return null;
}
