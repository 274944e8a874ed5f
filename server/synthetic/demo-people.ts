import type { Role } from '@/server/auth/roles';

/**
 * The named, fictional people of the demo: the app's sign-ins and the patients every participant's
 * generator always includes, so that a demo patient who signs in finds their own records in the
 * dataspace and a demo clinician finds their patients. Everything here is synthetic.
 */

/** FHIR identifier system of the (fictional) national health identifier, Luxembourg matricule format. */
export const NATIONAL_HEALTH_ID_SYSTEM = 'urn:oid:1.3.182.4.4' as const;

export const PROVIDER_IDS = {
  alzette: 'alzette-hospital',
  moselle: 'moselle-clinic',
  research: 'research-institute',
} as const;
export type ProviderId = (typeof PROVIDER_IDS)[keyof typeof PROVIDER_IDS];

export const DEMO_PROFILES = { diabetes: 'diabetes', oncology: 'oncology' } as const;
export type DemoProfile = (typeof DEMO_PROFILES)[keyof typeof DEMO_PROFILES];

export interface DemoPatient {
  nationalId: string;
  givenName: string;
  familyName: string;
  birthDate: string;
  sex: 'female' | 'male';
  profiles: DemoProfile[];
  /** Hospitals holding records of this person; several means the same person has records in two places. */
  heldBy: ProviderId[];
}

export const DEMO_PATIENTS: readonly DemoPatient[] = [
  { nationalId: '1958031500017', givenName: 'Marie', familyName: 'Schmit', birthDate: '1958-03-15', sex: 'female', profiles: ['diabetes'], heldBy: ['alzette-hospital', 'moselle-clinic'] },
  { nationalId: '1951110200024', givenName: 'Jean', familyName: 'Weber', birthDate: '1951-11-02', sex: 'male', profiles: ['diabetes'], heldBy: ['alzette-hospital'] },
  { nationalId: '1966072800031', givenName: 'Anne', familyName: 'Muller', birthDate: '1966-07-28', sex: 'female', profiles: ['diabetes'], heldBy: ['moselle-clinic'] },
  { nationalId: '1962042100048', givenName: 'Paul', familyName: 'Hoffmann', birthDate: '1962-04-21', sex: 'male', profiles: ['oncology'], heldBy: ['alzette-hospital'] },
  { nationalId: '1970090900055', givenName: 'Claire', familyName: 'Wagner', birthDate: '1970-09-09', sex: 'female', profiles: ['oncology'], heldBy: ['moselle-clinic'] },
  { nationalId: '1955012600062', givenName: 'Luc', familyName: 'Klein', birthDate: '1955-01-26', sex: 'male', profiles: ['oncology', 'diabetes'], heldBy: ['alzette-hospital', 'moselle-clinic'] },
];


export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** Participant the professional works for; patients and platform staff have none. */
  organisation: ProviderId | 'ehealth-agency' | null;
  nationalId: string | null;
  /** National ids of the patients in this clinician's care. */
  caresFor: string[];
}

/** The one demo password; printed by `npm start`, never used outside the demo seed. */
export const DEMO_PASSWORD = 'Demo-2026!';

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'sophie.reuter@alzette.example', name: 'Dr Sophie Reuter', role: 'endocrinologist', organisation: 'alzette-hospital', nationalId: null, caresFor: ['1958031500017', '1951110200024', '1955012600062'] },
  { email: 'marc.thill@moselle.example', name: 'Dr Marc Thill', role: 'endocrinologist', organisation: 'moselle-clinic', nationalId: null, caresFor: ['1958031500017', '1966072800031'] },
  { email: 'elena.rossi@alzette.example', name: 'Dr Elena Rossi', role: 'oncologist', organisation: 'alzette-hospital', nationalId: null, caresFor: ['1962042100048', '1955012600062'] },
  { email: 'tom.kieffer@moselle.example', name: 'Dr Tom Kieffer', role: 'oncologist', organisation: 'moselle-clinic', nationalId: null, caresFor: ['1970090900055', '1955012600062'] },
  { email: 'marie.schmit@example.lu', name: 'Marie Schmit', role: 'patient', organisation: null, nationalId: '1958031500017', caresFor: [] },
  { email: 'paul.hoffmann@example.lu', name: 'Paul Hoffmann', role: 'patient', organisation: null, nationalId: '1962042100048', caresFor: [] },
  { email: 'luc.klein@example.lu', name: 'Luc Klein', role: 'patient', organisation: null, nationalId: '1955012600062', caresFor: [] },
  { email: 'nora.berg@ehealth.example', name: 'Nora Berg', role: 'steward', organisation: 'ehealth-agency', nationalId: null, caresFor: [] },
  { email: 'admin@d4h.example', name: 'Alex Admin', role: 'admin', organisation: null, nationalId: null, caresFor: [] },
];
