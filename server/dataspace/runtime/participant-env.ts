import { z } from 'zod';
import { findParticipant } from '@/server/dataspace/participants';
import { readConsentDefaults, type TConsentDefaults } from '@/server/dataspace/authority/default-consents';

const ZEnv = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).optional(),
  HOST: z.string().min(1).default('127.0.0.1'),
  PARTICIPANT_DATABASE: z.string().min(1).optional(),
  AUTHORITY_URL: z.string().url().default('http://127.0.0.1:4100'),
  SEED_PATIENTS: z.coerce.number().int().min(0).max(1_000_000).default(2000),
  /** Size of the research institute's digital-twin cohort (loaded on first start; about 1 s per 5,000). */
  /** Wait before a provider forwards access events to the authority (they are durable in its outbox meanwhile). */
  ACCESS_EVENT_FORWARD_DELAY_MS: z.coerce.number().int().min(0).max(3_600_000).default(1000),
  DIGITAL_TWIN_RECORDS: z.coerce.number().int().min(0).max(1_000_000).default(5000),
  PUBLIC_URL: z.string().url().optional(),
  /** Authority: how long a provider may answer consent decisions from memory without renewing its lease. */
  CONSENT_LEASE_SECONDS: z.coerce.number().int().min(3).max(300).default(15),
  /** Authority: a JSON file of consent defaults ({"rules": [{"purpose", "decision", "dataCategory"?}]}); EHDS defaults when absent. */
  CONSENT_DEFAULTS_FILE: z.string().min(1).optional(),
  /** Authority: the patient portal's consent page, written into every consent receipt as where to withdraw. */
  PATIENT_PORTAL_URL: z.string().url().default('http://127.0.0.1:3000/my-data'),
  DATASPACE_OPERATOR_TOKEN: z.string().min(16).optional(),
  OPERATOR_TOKEN_FILE: z.string().min(1).optional(),
  /** TCK mode (test only, loopback only): the DSP TCK's .properties file and its fixed Authorization token. */
  DSP_TCK_PROPERTIES: z.string().min(1).optional(),
  DSP_TCK_TOKEN: z.string().min(24).optional(),
});

export interface ParticipantConfig {
  id: string;
  kind: 'authority' | 'hospital' | 'research';
  port: number;
  host: string;
  publicUrl: string;
  database: string;
  authorityUrl: string;
  seedPatients: number;
  digitalTwinRecords: number;
  forwardDelayMs: number;
  consentLeaseSeconds: number;
  consentDefaults: TConsentDefaults;
  patientPortalUrl: string;
  operatorToken: { DATASPACE_OPERATOR_TOKEN?: string; OPERATOR_TOKEN_FILE?: string };
  tck: { propertiesFile: string; token: string } | null;
}

/** Reads and checks the participant's configuration; throws one readable message listing every problem. */
export function readParticipantConfig(id: string, env: NodeJS.ProcessEnv): ParticipantConfig {
  const def = findParticipant(id);
  if (!def) throw new Error(`unknown participant "${id}"; expected one of ehealth-agency, alzette-hospital, moselle-clinic, research-institute`);
  const parsed = ZEnv.safeParse(env);
  if (!parsed.success) {
    throw new Error(`invalid environment for ${id}:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  }
  const e = parsed.data;
  if (Boolean(e.DSP_TCK_PROPERTIES) !== Boolean(e.DSP_TCK_TOKEN)) throw new Error(`invalid environment for ${id}: DSP_TCK_PROPERTIES and DSP_TCK_TOKEN go together (TCK mode)`);
  if (e.DSP_TCK_PROPERTIES && !['127.0.0.1', '::1', 'localhost'].includes(e.HOST)) throw new Error(`invalid environment for ${id}: TCK mode (DSP_TCK_PROPERTIES) is for tests and binds a loopback address only, not ${e.HOST}`);
  const port = e.PORT ?? def.defaultPort;
  return {
    id,
    kind: def.kind,
    port,
    host: e.HOST,
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${port}`,
    database: e.PARTICIPANT_DATABASE ?? `.data/participants/${id}`,
    authorityUrl: e.AUTHORITY_URL.replace(/\/$/, ''),
    seedPatients: e.SEED_PATIENTS,
    digitalTwinRecords: e.DIGITAL_TWIN_RECORDS,
    forwardDelayMs: e.ACCESS_EVENT_FORWARD_DELAY_MS,
    consentLeaseSeconds: e.CONSENT_LEASE_SECONDS,
    consentDefaults: readConsentDefaults(e.CONSENT_DEFAULTS_FILE),
    patientPortalUrl: e.PATIENT_PORTAL_URL,
    operatorToken: { DATASPACE_OPERATOR_TOKEN: e.DATASPACE_OPERATOR_TOKEN, OPERATOR_TOKEN_FILE: e.OPERATOR_TOKEN_FILE },
    tck: e.DSP_TCK_PROPERTIES && e.DSP_TCK_TOKEN ? { propertiesFile: e.DSP_TCK_PROPERTIES, token: e.DSP_TCK_TOKEN } : null,
  };
}
