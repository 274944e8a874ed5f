import { randomUUID } from 'node:crypto';
import type { GuardrailSource } from '@/server/diabetes/guardrails/sources';
import type { TCard, TCoding } from '@/server/cds-hooks/cards/card-schema';

/** What every card of one call shares: the EHR's patient id (for proposed orders) and the app's links. */
export interface CardContext {
  /** The patient's id at the EHR (context.patientId). */
  patientId: string;
  /** The app's public base URL, for links and the model card. */
  appUrl: string;
  /** The patient's page in the app, when the EHR sent the national health identifier. */
  patientPageUrl: string | null;
}

/** The topic of a card's source (CDS Hooks 2.0 `source.topic`), so an EHR can group or filter cards. */
export const CARD_TOPIC_SYSTEM = 'https://d4h.example/fhir/CodeSystem/cds-card-topic';
export const CARD_TOPICS = {
  guideline: { system: CARD_TOPIC_SYSTEM, code: 'guideline', display: 'Guideline check' },
  modelOptions: { system: CARD_TOPIC_SYSTEM, code: 'model-options', display: 'Model-ranked therapy options' },
  orderCheck: { system: CARD_TOPIC_SYSTEM, code: 'order-check', display: 'Order check' },
  missingData: { system: CARD_TOPIC_SYSTEM, code: 'missing-data', display: 'Data needed' },
} as const satisfies Record<string, TCoding>;

/** The spec's limit: a summary under 140 characters; longer text belongs in the detail. */
export function summaryOf(text: string): string {
  return text.length < 140 ? text : `${text.slice(0, 137).trimEnd()}…`;
}

export function guidelineSource(source: GuardrailSource, topic: TCoding): TCard['source'] {
  return { label: source.label, url: source.url, topic };
}

/** The link to the patient's page in the app (an absolute link: the EHR opens it in a browser). */
export function patientPageLinks(ctx: CardContext): Pick<TCard, 'links'> {
  return ctx.patientPageUrl ? { links: [{ label: 'Open the patient in D4H Clinic', url: ctx.patientPageUrl, type: 'absolute' }] } : {};
}

export const newCardUuid = (): string => randomUUID();

export const NOT_FOR_CLINICAL_USE = '_Synthetic demonstration system: not for clinical use. Decision support only; the clinician decides._';
