/**
 * Purposes of use. TREAT, ETREAT, HRESCH and PUBHLTH are HL7 v3 ActReason codes
 * (http://terminology.hl7.org/CodeSystem/v3-ActReason). v3 has no code for training AI models, which
 * EHDS Art. 53(1)(e) names as a secondary use of its own, so MLTRAIN is a local code in a local system.
 */
export const PURPOSES = {
  TREAT: 'TREAT',
  ETREAT: 'ETREAT',
  HRESCH: 'HRESCH',
  PUBHLTH: 'PUBHLTH',
  MLTRAIN: 'MLTRAIN',
} as const;
export type Purpose = (typeof PURPOSES)[keyof typeof PURPOSES];

export const V3_ACT_REASON_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActReason' as const;
export const LOCAL_PURPOSE_SYSTEM = 'https://d4h.example/fhir/CodeSystem/purpose-of-use' as const;

export const PURPOSE_INFO: Record<Purpose, { system: string; display: string; secondaryUse: boolean }> = {
  TREAT: { system: V3_ACT_REASON_SYSTEM, display: 'treatment', secondaryUse: false },
  ETREAT: { system: V3_ACT_REASON_SYSTEM, display: 'emergency treatment', secondaryUse: false },
  HRESCH: { system: V3_ACT_REASON_SYSTEM, display: 'healthcare research', secondaryUse: true },
  PUBHLTH: { system: V3_ACT_REASON_SYSTEM, display: 'public health', secondaryUse: true },
  MLTRAIN: { system: LOCAL_PURPOSE_SYSTEM, display: 'training, testing and evaluating AI models', secondaryUse: true },
};

export function isPurpose(value: unknown): value is Purpose {
  return typeof value === 'string' && value in PURPOSES;
}

/** ODRL left operand for purpose constraints in offers and agreements. */
export const PURPOSE_LEFT_OPERAND = 'purpose' as const;
/** ODRL left operand for the consumer credential's role. */
export const ROLE_LEFT_OPERAND = 'https://d4h.example/odrl/participantRole' as const;
