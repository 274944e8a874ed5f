import type { Purpose } from '@/server/dataspace/protocol/purpose-of-use';

/** What a consumer needs to know about its surroundings; the web app builds it from env, tests from the harness. */
export interface ConsumerSettings {
  /** This consumer's participant id (the web app is `d4h-clinic`). */
  participantId: string;
  authorityUrl: string;
  authorityId: string;
  /** The onboarding secret the authority asks for on enrolment; read lazily so a missing one fails only then. */
  operatorToken: () => string;
  /** Callback base URL written into DSP messages (providers call it best effort; the consumer polls). */
  callbackAddress: string;
  /** Budget of one provider's FHIR answer in a fan-out (the default: 2 s). */
  fhirTimeoutMs: number;
  /** Budget for negotiating and starting a transfer the first time a provider is used. */
  contractTimeoutMs: number;
}

/** Purposes the web app negotiates for record-level reads. */
export const RECORD_PURPOSES = ['TREAT', 'ETREAT'] as const satisfies readonly Purpose[];
export type RecordPurpose = (typeof RECORD_PURPOSES)[number];
