/** A refusal the DSP layer answers with a DSP error message (ContractNegotiationError or TransferError) and this status. */
export class DspFailure extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    readonly code: string,
    message: string,
    readonly providerPid = 'urn:uuid:unknown',
    readonly consumerPid = 'urn:uuid:unknown',
  ) {
    super(message);
    this.name = new.target.name;
  }
}
