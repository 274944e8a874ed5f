/**
 * The named, fictional patients of the demo, whom every participant's generator always includes, so that
 * a demo patient who signs in finds their own records in the dataspace and a demo clinician finds their
 * patients (the sign-ins themselves are seed data of the app: db/app/demo-users.ts). Everything here is synthetic.
 */

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
  { nationalId: '1949060800079', givenName: 'Henri', familyName: 'Schiltz', birthDate: '1949-06-08', sex: 'male', profiles: ['diabetes'], heldBy: ['alzette-hospital'] },
];

