import type { Role } from '@/server/auth/roles';

/**
 * The demo sign-ins the app seeds (SEED_DEMO) and the sign-in page lists: fictional professionals,
 * patients (whose records the participants' generators always include, server/synthetic/demo-people.ts)
 * and platform staff. Seed data of the app database, not clinical data.
 */
export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** Participant the professional works for; patients and platform staff have none. */
  organisation: string | null;
  nationalId: string | null;
  /** National ids of the patients in this clinician's care. */
  caresFor: string[];
}

/** The one demo password; printed by `npm start`, never used outside the demo seed. */
export const DEMO_PASSWORD = 'Demo-2026!';

export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'sophie.reuter@alzette.example', name: 'Dr Sophie Reuter', role: 'endocrinologist', organisation: 'alzette-hospital', nationalId: null, caresFor: ['1958031500017', '1951110200024', '1955012600062', '1949060800079'] },
  { email: 'marc.thill@moselle.example', name: 'Dr Marc Thill', role: 'endocrinologist', organisation: 'moselle-clinic', nationalId: null, caresFor: ['1958031500017', '1966072800031'] },
  { email: 'elena.rossi@alzette.example', name: 'Dr Elena Rossi', role: 'oncologist', organisation: 'alzette-hospital', nationalId: null, caresFor: ['1962042100048', '1955012600062'] },
  { email: 'tom.kieffer@moselle.example', name: 'Dr Tom Kieffer', role: 'oncologist', organisation: 'moselle-clinic', nationalId: null, caresFor: ['1970090900055', '1955012600062'] },
  { email: 'marie.schmit@example.lu', name: 'Marie Schmit', role: 'patient', organisation: null, nationalId: '1958031500017', caresFor: [] },
  { email: 'paul.hoffmann@example.lu', name: 'Paul Hoffmann', role: 'patient', organisation: null, nationalId: '1962042100048', caresFor: [] },
  { email: 'luc.klein@example.lu', name: 'Luc Klein', role: 'patient', organisation: null, nationalId: '1955012600062', caresFor: [] },
  { email: 'nora.berg@ehealth.example', name: 'Nora Berg', role: 'steward', organisation: 'ehealth-agency', nationalId: null, caresFor: [] },
  { email: 'admin@d4h.example', name: 'Alex Admin', role: 'admin', organisation: null, nationalId: null, caresFor: [] },
];
