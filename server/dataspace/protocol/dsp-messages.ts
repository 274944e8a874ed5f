import { randomUUID } from 'node:crypto';
import { assertDspMessage } from './dsp-validator';
import {
  DSP_CONTEXT,
  HTTP_DATA_PULL,
  HTTP_ENDPOINT_TYPE,
  type CatalogError,
  type CatalogRequestMessage,
  type ContractAgreementMessage,
  type ContractAgreementVerificationMessage,
  type ContractNegotiation,
  type ContractNegotiationError,
  type ContractNegotiationEventMessage,
  type ContractNegotiationTerminationMessage,
  type ContractOfferMessage,
  type ContractRequestMessage,
  type DataAddress,
  type DatasetRequestMessage,
  type NegotiationState,
  type OdrlAgreement,
  type OdrlOffer,
  type TransferCompletionMessage,
  type TransferError,
  type TransferProcess,
  type TransferRequestMessage,
  type TransferStartMessage,
  type TransferState,
  type TransferSuspensionMessage,
  type TransferTerminationMessage,
} from './dsp-types';

// Builders validate what they build, so a message that leaves this code always matches the official schema.

export function newPid(): string {
  return `urn:uuid:${randomUUID()}`;
}

const ctx = (): string[] => [DSP_CONTEXT];

export function catalogRequestMessage(): CatalogRequestMessage {
  return assertDspMessage('CatalogRequestMessage', { '@context': ctx(), '@type': 'CatalogRequestMessage', filter: [] });
}

export function datasetRequestMessage(datasetId: string): DatasetRequestMessage {
  return assertDspMessage('DatasetRequestMessage', { '@context': ctx(), '@type': 'DatasetRequestMessage', dataset: datasetId });
}

export function catalogError(code: string, reason: string): CatalogError {
  return assertDspMessage('CatalogError', { '@context': ctx(), '@type': 'CatalogError', code, reason: [reason] });
}

export function contractRequestMessage(input: {
  consumerPid: string;
  offer: OdrlOffer;
  callbackAddress: string;
  providerPid?: string;
}): ContractRequestMessage {
  return assertDspMessage('ContractRequestMessage', {
    '@context': ctx(),
    '@type': 'ContractRequestMessage',
    consumerPid: input.consumerPid,
    ...(input.providerPid ? { providerPid: input.providerPid } : {}),
    offer: input.offer,
    callbackAddress: input.callbackAddress,
  });
}

/**
 * A provider's offer: one that starts a negotiation names where to answer (callbackAddress), a
 * counter-offer on a running one names the consumer's process instead (consumerPid); the schema
 * (contract-offer-message-schema.json) requires exactly one of the two.
 */
export function contractOfferMessage(input: { providerPid: string; offer: OdrlOffer } & ({ callbackAddress: string } | { consumerPid: string })): ContractOfferMessage {
  return assertDspMessage('ContractOfferMessage', { '@context': ctx(), '@type': 'ContractOfferMessage', ...input });
}

export function contractAgreementMessage(input: {
  providerPid: string;
  consumerPid: string;
  agreement: OdrlAgreement;
}): ContractAgreementMessage {
  return assertDspMessage('ContractAgreementMessage', { '@context': ctx(), '@type': 'ContractAgreementMessage', ...input });
}

export function contractAgreementVerificationMessage(input: {
  providerPid: string;
  consumerPid: string;
}): ContractAgreementVerificationMessage {
  return assertDspMessage('ContractAgreementVerificationMessage', {
    '@context': ctx(),
    '@type': 'ContractAgreementVerificationMessage',
    ...input,
  });
}

export function contractNegotiationEventMessage(input: {
  providerPid: string;
  consumerPid: string;
  eventType: 'ACCEPTED' | 'FINALIZED';
}): ContractNegotiationEventMessage {
  return assertDspMessage('ContractNegotiationEventMessage', {
    '@context': ctx(),
    '@type': 'ContractNegotiationEventMessage',
    ...input,
  });
}

export function contractNegotiationTerminationMessage(input: {
  providerPid: string;
  consumerPid: string;
  code: string;
  reason: string;
}): ContractNegotiationTerminationMessage {
  return assertDspMessage('ContractNegotiationTerminationMessage', {
    '@context': ctx(),
    '@type': 'ContractNegotiationTerminationMessage',
    providerPid: input.providerPid,
    consumerPid: input.consumerPid,
    code: input.code,
    reason: [input.reason],
  });
}

export function contractNegotiation(input: { providerPid: string; consumerPid: string; state: NegotiationState }): ContractNegotiation {
  return assertDspMessage('ContractNegotiation', { '@context': ctx(), '@type': 'ContractNegotiation', ...input });
}

export function contractNegotiationError(input: {
  providerPid: string;
  consumerPid: string;
  code: string;
  reason: string;
}): ContractNegotiationError {
  return assertDspMessage('ContractNegotiationError', {
    '@context': ctx(),
    '@type': 'ContractNegotiationError',
    providerPid: input.providerPid,
    consumerPid: input.consumerPid,
    code: input.code,
    reason: [input.reason],
  });
}

export function transferRequestMessage(input: {
  consumerPid: string;
  agreementId: string;
  callbackAddress: string;
  format?: string;
}): TransferRequestMessage {
  return assertDspMessage('TransferRequestMessage', {
    '@context': ctx(),
    '@type': 'TransferRequestMessage',
    consumerPid: input.consumerPid,
    agreementId: input.agreementId,
    format: input.format ?? HTTP_DATA_PULL,
    callbackAddress: input.callbackAddress,
  });
}

/** A DataAddress for HttpData-PULL: the FHIR base URL plus the EDR bearer token and its expiry. */
export function pullDataAddress(input: { endpoint: string; token: string; expiresAt: Date }): DataAddress {
  return {
    '@type': 'DataAddress',
    endpointType: HTTP_ENDPOINT_TYPE,
    endpoint: input.endpoint,
    endpointProperties: [
      { '@type': 'EndpointProperty', name: 'authorization', value: input.token },
      { '@type': 'EndpointProperty', name: 'authType', value: 'bearer' },
      { '@type': 'EndpointProperty', name: 'expiresAt', value: input.expiresAt.toISOString() },
    ],
  };
}

/** Reads the bearer token and expiry back out of a pull DataAddress. */
export function readPullDataAddress(address: DataAddress): { endpoint: string; token: string; expiresAt: Date } | null {
  const prop = (name: string) => address.endpointProperties?.find((p) => p.name === name)?.value;
  const token = prop('authorization');
  const expiresAt = prop('expiresAt');
  if (!address.endpoint || !token || !expiresAt) return null;
  return { endpoint: address.endpoint, token, expiresAt: new Date(expiresAt) };
}

export function transferStartMessage(input: { providerPid: string; consumerPid: string; dataAddress?: DataAddress }): TransferStartMessage {
  return assertDspMessage('TransferStartMessage', { '@context': ctx(), '@type': 'TransferStartMessage', ...input });
}

export function transferSuspensionMessage(input: {
  providerPid: string;
  consumerPid: string;
  code: string;
  reason: string;
}): TransferSuspensionMessage {
  return assertDspMessage('TransferSuspensionMessage', {
    '@context': ctx(),
    '@type': 'TransferSuspensionMessage',
    providerPid: input.providerPid,
    consumerPid: input.consumerPid,
    code: input.code,
    reason: [input.reason],
  });
}

export function transferCompletionMessage(input: { providerPid: string; consumerPid: string }): TransferCompletionMessage {
  return assertDspMessage('TransferCompletionMessage', { '@context': ctx(), '@type': 'TransferCompletionMessage', ...input });
}

export function transferTerminationMessage(input: {
  providerPid: string;
  consumerPid: string;
  code: string;
  reason: string;
}): TransferTerminationMessage {
  return assertDspMessage('TransferTerminationMessage', {
    '@context': ctx(),
    '@type': 'TransferTerminationMessage',
    providerPid: input.providerPid,
    consumerPid: input.consumerPid,
    code: input.code,
    reason: [input.reason],
  });
}

export function transferProcess(input: { providerPid: string; consumerPid: string; state: TransferState }): TransferProcess {
  return assertDspMessage('TransferProcess', { '@context': ctx(), '@type': 'TransferProcess', ...input });
}

export function transferError(input: { providerPid: string; consumerPid: string; code: string; reason: string }): TransferError {
  return assertDspMessage('TransferError', {
    '@context': ctx(),
    '@type': 'TransferError',
    providerPid: input.providerPid,
    consumerPid: input.consumerPid,
    code: input.code,
    reason: [input.reason],
  });
}
