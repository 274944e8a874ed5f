import Ajv2019 from 'ajv/dist/2019';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
// The official Dataspace Protocol 2025-1 schemas (Apache-2.0, see ./schemas/LICENSE), copied into the
// repo so that the app never reads the shared spec folder at run time.
import catalogError from './schemas/catalog/catalog-error-schema.json';
import catalogRequest from './schemas/catalog/catalog-request-message-schema.json';
import catalog from './schemas/catalog/catalog-schema.json';
import datasetRequest from './schemas/catalog/dataset-request-message-schema.json';
import dataset from './schemas/catalog/dataset-schema.json';
import context from './schemas/common/context-schema.json';
import didService from './schemas/common/did-service-schema.json';
import protocolVersion from './schemas/common/protocol-version-schema.json';
import agreementMessage from './schemas/negotiation/contract-agreement-message-schema.json';
import agreementVerification from './schemas/negotiation/contract-agreement-verification-message-schema.json';
import negotiationError from './schemas/negotiation/contract-negotiation-error-schema.json';
import negotiationEvent from './schemas/negotiation/contract-negotiation-event-message-schema.json';
import negotiation from './schemas/negotiation/contract-negotiation-schema.json';
import negotiationTermination from './schemas/negotiation/contract-negotiation-termination-message-schema.json';
import offerMessage from './schemas/negotiation/contract-offer-message-schema.json';
import requestMessage from './schemas/negotiation/contract-request-message-schema.json';
import contract from './schemas/negotiation/contract-schema.json';
import dataAddress from './schemas/transfer/data-address-schema.json';
import transferCompletion from './schemas/transfer/transfer-completion-message-schema.json';
import transferError from './schemas/transfer/transfer-error-schema.json';
import transferProcess from './schemas/transfer/transfer-process-schema.json';
import transferRequest from './schemas/transfer/transfer-request-message-schema.json';
import transfer from './schemas/transfer/transfer-schema.json';
import transferStart from './schemas/transfer/transfer-start-message-schema.json';
import transferSuspension from './schemas/transfer/transfer-suspension-message-schema.json';
import transferTermination from './schemas/transfer/transfer-termination-message-schema.json';

const ALL_SCHEMAS = [
  catalogError, catalogRequest, catalog, datasetRequest, dataset, context, didService, protocolVersion,
  agreementMessage, agreementVerification, negotiationError, negotiationEvent, negotiation,
  negotiationTermination, offerMessage, requestMessage, contract, dataAddress, transferCompletion,
  transferError, transferProcess, transferRequest, transfer, transferStart, transferSuspension, transferTermination,
] as const;

const BASE = 'https://w3id.org/dspace/2025/1';

/** Every DSP message kind this code sends or accepts, mapped to the `$id` of its official schema. */
export const DSP_SCHEMA_IDS = {
  CatalogRequestMessage: `${BASE}/catalog/catalog-request-message-schema.json`,
  DatasetRequestMessage: `${BASE}/catalog/dataset-request-message-schema.json`,
  Catalog: `${BASE}/catalog/catalog-schema.json`,
  Dataset: `${BASE}/catalog/dataset-schema.json`,
  CatalogError: `${BASE}/catalog/catalog-error-schema.json`,
  ContractRequestMessage: `${BASE}/negotiation/contract-request-message-schema.json`,
  ContractOfferMessage: `${BASE}/negotiation/contract-offer-message-schema.json`,
  ContractAgreementMessage: `${BASE}/negotiation/contract-agreement-message-schema.json`,
  ContractAgreementVerificationMessage: `${BASE}/negotiation/contract-agreement-verification-message-schema.json`,
  ContractNegotiationEventMessage: `${BASE}/negotiation/contract-negotiation-event-message-schema.json`,
  ContractNegotiationTerminationMessage: `${BASE}/negotiation/contract-negotiation-termination-message-schema.json`,
  ContractNegotiation: `${BASE}/negotiation/contract-negotiation-schema.json`,
  ContractNegotiationError: `${BASE}/negotiation/contract-negotiation-error-schema.json`,
  TransferRequestMessage: `${BASE}/transfer/transfer-request-message-schema.json`,
  TransferStartMessage: `${BASE}/transfer/transfer-start-message-schema.json`,
  TransferSuspensionMessage: `${BASE}/transfer/transfer-suspension-message-schema.json`,
  TransferCompletionMessage: `${BASE}/transfer/transfer-completion-message-schema.json`,
  TransferTerminationMessage: `${BASE}/transfer/transfer-termination-message-schema.json`,
  TransferProcess: `${BASE}/transfer/transfer-process-schema.json`,
  TransferError: `${BASE}/transfer/transfer-error-schema.json`,
  VersionResponse: `${BASE}/common/protocol-version-schema.json`,
} as const;
export type DspMessageKind = keyof typeof DSP_SCHEMA_IDS;

let ajv: Ajv2019 | undefined;
const compiled = new Map<DspMessageKind, ValidateFunction>();

function validatorFor(kind: DspMessageKind): ValidateFunction {
  const cached = compiled.get(kind);
  if (cached) return cached;
  if (!ajv) {
    // strict off: the official schemas use keywords (e.g. `items` inside a string schema) that strict mode rejects.
    ajv = new Ajv2019({ strict: false, allErrors: true });
    addFormats(ajv);
    // Three official transfer schemas write `…json#definitions/X` (no slash after #), which is not a JSON
    // pointer; ajv cannot resolve it. Fix the pointer in memory; the copied files stay as published.
    for (const schema of ALL_SCHEMAS) {
      const fixed = JSON.parse(JSON.stringify(schema).replaceAll('.json#definitions/', '.json#/definitions/')) as { $id: string };
      ajv.addSchema(fixed, fixed.$id);
    }
  }
  const fn = ajv.getSchema(DSP_SCHEMA_IDS[kind]);
  if (!fn) throw new Error(`DSP schema not loaded: ${kind}`);
  compiled.set(kind, fn);
  return fn;
}

export interface DspValidationResult {
  valid: boolean;
  errors: string[];
}

function describe(errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).slice(0, 10).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
}

/** Validates a message against its official DSP 2025-1 schema; also checks that `@type` names that kind. */
export function validateDspMessage(kind: DspMessageKind, message: unknown): DspValidationResult {
  const fn = validatorFor(kind);
  const valid = fn(message) === true;
  const errors = valid ? [] : describe(fn.errors);
  const typed = typeof message === 'object' && message !== null && (message as Record<string, unknown>)['@type'];
  // The official schemas do not all pin @type, so a message of one kind would pass as another.
  if (kind !== 'VersionResponse' && typed !== kind) errors.push(`/@type must be "${kind}"`);
  return { valid: errors.length === 0, errors };
}

/** Thrown when a message that this code built or received does not match its schema. */
export class DspSchemaError extends Error {
  constructor(
    readonly kind: DspMessageKind,
    readonly errors: string[],
  ) {
    super(`${kind} does not match the DSP 2025-1 schema: ${errors.join('; ')}`);
    this.name = 'DspSchemaError';
  }
}

/** Validates and returns the message typed, or throws DspSchemaError. */
export function assertDspMessage<T>(kind: DspMessageKind, message: unknown): T {
  const result = validateDspMessage(kind, message);
  if (!result.valid) throw new DspSchemaError(kind, result.errors);
  return message as T;
}
