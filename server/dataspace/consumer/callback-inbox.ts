import * as msg from '@/server/dataspace/protocol/dsp-messages';
import { validateDspMessage, type DspMessageKind } from '@/server/dataspace/protocol/dsp-validator';
import type { DataspaceConsumer } from './dataspace-consumer';
import { CALLBACK_ROUTES } from './callback-routes';
import { providerSender } from './provider-sender';

/**
 * The consumer callback paths of DSP 2025-1 (contract.negotiation.binding.https.md and
 * transfer.process.binding.https.md, "Consumer Callback Path Bindings") this app takes, and the message
 * each carries. `offers` on a new negotiation is offer-inbox.ts.
 */
const CALLBACKS = {
  negotiations: { agreement: 'ContractAgreementMessage', events: 'ContractNegotiationEventMessage', termination: 'ContractNegotiationTerminationMessage' },
  transfers: { start: 'TransferStartMessage', completion: 'TransferCompletionMessage', suspension: 'TransferSuspensionMessage', termination: 'TransferTerminationMessage' },
} as const satisfies Record<string, Record<string, DspMessageKind>>;
export type CallbackProcess = keyof typeof CALLBACKS;

/** What a transfer callback from its provider changes in the web app's record of it. */
const TRANSFER_STATE_AFTER: Partial<Record<string, string>> = { completion: 'COMPLETED', suspension: 'SUSPENDED', termination: 'TERMINATED' };

function error(process: CallbackProcess, status: number, code: string, reason: string, consumerPid = 'urn:uuid:unknown'): Response {
  const pids = { providerPid: 'urn:uuid:unknown', consumerPid, code, reason };
  return Response.json(process === 'negotiations' ? msg.contractNegotiationError(pids) : msg.transferError(pids), { status });
}

/**
 * `POST {callbackAddress}/{negotiations|transfers}/:consumerPid/{message}`: a provider tells the web app
 * what happened on a negotiation or transfer. Only the provider of that process may: the message must
 * carry its participant token (providers sign their callbacks as they sign their offers), so a forged
 * agreement, EDR or termination is refused. The app reads agreements and EDRs from the provider itself
 * (it polls), so those are acknowledged only; a transfer the provider completed, suspended or terminated
 * is recorded as such, so the app stops using its EDR.
 */
export async function receiveProviderCallback(consumer: DataspaceConsumer, request: Request, input: { process: CallbackProcess; consumerPid: string; message: string }): Promise<Response> {
  const { process, consumerPid } = input;
  const access = await providerSender(consumer, request, process === 'negotiations' ? CALLBACK_ROUTES.negotiationCallback : CALLBACK_ROUTES.transferCallback);
  // "Unauthorized Access" of both bindings: 404, for the consumer's endpoints as for the provider's.
  if (!access.ok) return error(process, 404, access.refusal.error, access.refusal.detail, consumerPid);
  const sender = access.sender;
  const kinds: Record<string, DspMessageKind> = CALLBACKS[process];
  const kind = kinds[input.message];
  if (!kind) return error(process, 404, 'unknown-callback', `no ${process} callback "${input.message}" here`, consumerPid);
  const body: unknown = await request.json().catch(() => undefined);
  const checked = validateDspMessage(kind, body);
  if (!checked.valid) return error(process, 400, 'invalid-message', `not a valid ${kind}: ${checked.errors.join('; ')}`, consumerPid);
  if ((body as { consumerPid: string }).consumerPid !== consumerPid) return error(process, 400, 'pid-mismatch', 'consumerPid in the body differs from the path', consumerPid);
  const provider = await consumer.store.providerOf(process === 'negotiations' ? 'negotiation' : 'transfer', consumerPid);
  // Someone else's process, or none: the same answer, so nobody learns which consumerPids exist.
  if (provider !== sender.participantId) return error(process, 404, 'not-found', `no such ${process === 'negotiations' ? 'negotiation' : 'transfer'}`, consumerPid);
  const after = process === 'transfers' ? TRANSFER_STATE_AFTER[input.message] : undefined;
  if (after) await consumer.store.markTransfer(consumerPid, after);
  return new Response(null, { status: 200 });
}
