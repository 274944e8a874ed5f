import type { OperationOutcome } from '@medplum/fhirtypes';
import { operationOutcome } from '@/server/fhir/operation-outcome';

/**
 * A refused CDS service call: 400 (malformed request, with the reason), 404 (no such service) or 412
 * (the data the service needs is missing: CDS Hooks 2.0 asks for 412 with an OperationOutcome).
 */
export class CdsRequestError extends Error {
  constructor(readonly status: 400 | 404 | 412, message: string, readonly missing: string | null = null) {
    super(message);
    this.name = 'CdsRequestError';
  }

  outcome(): OperationOutcome {
    const outcome = operationOutcome('error', this.status === 400 ? 'invalid' : this.status === 404 ? 'not-found' : 'required', this.message);
    if (this.missing && outcome.issue?.[0]) outcome.issue[0].expression = this.missing.split(',').map((k) => `prefetch.${k}`);
    return outcome;
  }
}
