import type { ParticipantRole } from '@/server/dataspace/protocol/participant-credential';
import type { Purpose } from '@/server/dataspace/protocol/purpose-of-use';

/**
 * Which purposes a consumer may be offered, by the roles in its credential: care for hospitals,
 * secondary use for research. Data, checked in one place (the authority), asked by every provider.
 */
export const ACCESS_POLICY: Record<ParticipantRole, readonly Purpose[]> = {
  hospital: ['TREAT', 'ETREAT', 'PUBHLTH'],
  research: ['HRESCH', 'MLTRAIN', 'PUBHLTH'],
  consumer: [],
  authority: ['PUBHLTH'],
  provider: [],
  portal: [],
};

export function visiblePurposes(roles: readonly ParticipantRole[]): Purpose[] {
  return [...new Set(roles.flatMap((r) => ACCESS_POLICY[r] ?? []))];
}
