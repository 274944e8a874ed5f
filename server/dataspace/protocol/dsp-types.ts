/** TypeScript shapes of the DSP 2025-1 messages used here (the JSON schemas in ./schemas are the authority). */

export const DSP_CONTEXT = 'https://w3id.org/dspace/2025/1/context.jsonld' as const;

export const NEGOTIATION_STATES = {
  REQUESTED: 'REQUESTED',
  OFFERED: 'OFFERED',
  ACCEPTED: 'ACCEPTED',
  AGREED: 'AGREED',
  VERIFIED: 'VERIFIED',
  FINALIZED: 'FINALIZED',
  TERMINATED: 'TERMINATED',
} as const;
export type NegotiationState = (typeof NEGOTIATION_STATES)[keyof typeof NEGOTIATION_STATES];

export const TRANSFER_STATES = {
  REQUESTED: 'REQUESTED',
  STARTED: 'STARTED',
  SUSPENDED: 'SUSPENDED',
  COMPLETED: 'COMPLETED',
  TERMINATED: 'TERMINATED',
} as const;
export type TransferState = (typeof TRANSFER_STATES)[keyof typeof TRANSFER_STATES];

export interface OdrlAtomicConstraint {
  leftOperand: string;
  operator: 'eq' | 'neq' | 'gt' | 'gteq' | 'lt' | 'lteq' | 'isA' | 'isAnyOf' | 'isAllOf' | 'isNoneOf' | 'isPartOf' | 'hasPart' | 'term-lteq';
  rightOperand: string | string[] | Record<string, unknown>;
}
export interface OdrlLogicalConstraint {
  and?: OdrlConstraint[];
  or?: OdrlConstraint[];
  xone?: OdrlConstraint[];
  andSequence?: OdrlConstraint[];
}
export type OdrlConstraint = OdrlAtomicConstraint | OdrlLogicalConstraint;

export interface OdrlDuty {
  action: string;
  constraint?: OdrlConstraint[];
}
export interface OdrlRule {
  action: string;
  constraint?: OdrlConstraint[];
  duty?: OdrlDuty[];
}

export interface OdrlOffer {
  '@id': string;
  '@type': 'Offer';
  target?: string;
  assigner?: string;
  permission?: OdrlRule[];
  prohibition?: OdrlRule[];
  obligation?: OdrlDuty[];
}

export interface OdrlAgreement {
  '@id': string;
  '@type': 'Agreement';
  target: string;
  assigner: string;
  assignee: string;
  timestamp: string;
  permission?: OdrlRule[];
  prohibition?: OdrlRule[];
  obligation?: OdrlDuty[];
}

export interface DspDistribution {
  '@type': 'Distribution';
  format: string;
  accessService: string;
}

export interface DspDataService {
  '@id': string;
  '@type': 'DataService';
  endpointURL: string;
}

/** A DCAT dataset; the HealthDCAT-AP metadata sits beside the protocol fields under prefixed keys. */
export interface DspDataset {
  '@id': string;
  '@type': 'Dataset';
  hasPolicy: OdrlOffer[];
  distribution: DspDistribution[];
  [healthDcatAp: string]: unknown;
}

export interface DspCatalog {
  '@context': string[];
  '@id': string;
  '@type': 'Catalog';
  participantId: string;
  service: DspDataService[];
  dataset?: DspDataset[];
  [metadata: string]: unknown;
}

interface DspEnvelope<T extends string> {
  '@context': string[];
  '@type': T;
}

export interface CatalogRequestMessage extends DspEnvelope<'CatalogRequestMessage'> {
  filter?: unknown[];
}
export interface DatasetRequestMessage extends DspEnvelope<'DatasetRequestMessage'> {
  dataset: string;
}
export interface CatalogError extends DspEnvelope<'CatalogError'> {
  code?: string;
  reason?: string[];
}

export interface ContractRequestMessage extends DspEnvelope<'ContractRequestMessage'> {
  consumerPid: string;
  providerPid?: string;
  offer: OdrlOffer;
  callbackAddress?: string;
}
export interface ContractOfferMessage extends DspEnvelope<'ContractOfferMessage'> {
  providerPid: string;
  consumerPid?: string;
  offer: OdrlOffer;
  callbackAddress?: string;
}
export interface ContractAgreementMessage extends DspEnvelope<'ContractAgreementMessage'> {
  providerPid: string;
  consumerPid: string;
  agreement: OdrlAgreement;
  callbackAddress?: string;
}
export interface ContractAgreementVerificationMessage extends DspEnvelope<'ContractAgreementVerificationMessage'> {
  providerPid: string;
  consumerPid: string;
}
export interface ContractNegotiationEventMessage extends DspEnvelope<'ContractNegotiationEventMessage'> {
  providerPid: string;
  consumerPid: string;
  eventType: 'ACCEPTED' | 'FINALIZED';
}
export interface ContractNegotiationTerminationMessage extends DspEnvelope<'ContractNegotiationTerminationMessage'> {
  providerPid: string;
  consumerPid: string;
  code?: string;
  reason?: string[];
}
export interface ContractNegotiation extends DspEnvelope<'ContractNegotiation'> {
  providerPid: string;
  consumerPid: string;
  state: NegotiationState;
}
export interface ContractNegotiationError extends DspEnvelope<'ContractNegotiationError'> {
  providerPid: string;
  consumerPid: string;
  code?: string;
  reason?: string[];
}

export interface EndpointProperty {
  '@type': 'EndpointProperty';
  name: string;
  value: string;
}
export interface DataAddress {
  '@type': 'DataAddress';
  endpointType: string;
  endpoint?: string;
  endpointProperties?: EndpointProperty[];
}

export interface TransferRequestMessage extends DspEnvelope<'TransferRequestMessage'> {
  consumerPid: string;
  agreementId: string;
  format: string;
  dataAddress?: DataAddress;
  callbackAddress: string;
}
export interface TransferStartMessage extends DspEnvelope<'TransferStartMessage'> {
  providerPid: string;
  consumerPid: string;
  dataAddress?: DataAddress;
}
export interface TransferSuspensionMessage extends DspEnvelope<'TransferSuspensionMessage'> {
  providerPid: string;
  consumerPid: string;
  code?: string;
  reason?: string[];
}
export interface TransferCompletionMessage extends DspEnvelope<'TransferCompletionMessage'> {
  providerPid: string;
  consumerPid: string;
}
export interface TransferTerminationMessage extends DspEnvelope<'TransferTerminationMessage'> {
  providerPid: string;
  consumerPid: string;
  code?: string;
  reason?: string[];
}
export interface TransferProcess extends DspEnvelope<'TransferProcess'> {
  providerPid: string;
  consumerPid: string;
  state: TransferState;
}
export interface TransferError extends DspEnvelope<'TransferError'> {
  providerPid: string;
  consumerPid: string;
  code?: string;
  reason?: string[];
}

/** The pull transfer format the providers offer (FHIR REST reached with an EDR bearer token). */
export const HTTP_DATA_PULL = 'HttpData-PULL' as const;
export const HTTP_ENDPOINT_TYPE = 'https://w3id.org/idsa/v4.1/HTTP' as const;
