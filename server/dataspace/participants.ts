import type { ParticipantRole } from './protocol/participant-credential';

export const PARTICIPANT_KINDS = { authority: 'authority', hospital: 'hospital', research: 'research' } as const;
export type ParticipantKind = (typeof PARTICIPANT_KINDS)[keyof typeof PARTICIPANT_KINDS];

export interface ParticipantDefinition {
  id: string;
  legalName: string;
  kind: ParticipantKind;
  defaultPort: number;
  /** Roles written into the participant's credential (the ODRL role constraints check these). */
  roles: ParticipantRole[];
}

/** The well-known participants of the synthetic dataspace (all fictional). */
export const PARTICIPANTS = [
  { id: 'ehealth-agency', legalName: 'Agence eSanté (synthetic)', kind: 'authority', defaultPort: 4100, roles: ['authority'] },
  { id: 'alzette-hospital', legalName: 'Centre Hospitalier Alzette (synthetic)', kind: 'hospital', defaultPort: 4101, roles: ['hospital', 'consumer', 'provider'] },
  { id: 'moselle-clinic', legalName: 'Clinique de la Moselle (synthetic)', kind: 'hospital', defaultPort: 4102, roles: ['hospital', 'consumer', 'provider'] },
  { id: 'research-institute', legalName: 'Luxembourg Institute for Health Research (synthetic)', kind: 'research', defaultPort: 4103, roles: ['research', 'consumer', 'provider'] },
] as const satisfies readonly ParticipantDefinition[];

export type ParticipantId = (typeof PARTICIPANTS)[number]['id'];
export const AUTHORITY_ID = 'ehealth-agency' as const;

/**
 * The clinician web app is a participant too (it consumes), registered by the authority on first start
 * like the others; its key lives in the app, and it has no server of its own in this list.
 */
export const WEB_APP_PARTICIPANT: ParticipantDefinition = {
  id: 'd4h-clinic',
  legalName: 'D4H Clinic workbench (synthetic)',
  kind: 'hospital',
  defaultPort: 3000,
  roles: ['consumer', 'hospital', 'research', 'portal'],
};

export function findParticipant(id: string): ParticipantDefinition | undefined {
  return (PARTICIPANTS as readonly ParticipantDefinition[]).find((p) => p.id === id);
}
