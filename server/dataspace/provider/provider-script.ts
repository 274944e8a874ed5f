import type { TransferEvent } from '@/server/dataspace/protocol/transfer-state-machine';
import type { ProviderNegotiationEvent } from './negotiation-service';

/** Where in a negotiation the provider may take a step of its own: after each consumer message it answers. */
export type NegotiationStep = 'requested' | 'counter-requested' | 'accepted' | 'verified';

/** A step the provider takes itself, or a pause between two (so that each message arrives on its own). */
export type ScriptedStep<E extends string> = E | 'pause';

/**
 * Decides, per negotiation (by its dataset) and transfer (by its agreement), which steps the provider takes
 * on its own and in which order, after it has answered the consumer's message. `undefined` keeps the
 * provider's default (agree a request for its catalog offer at once, agree an accepted offer, finalize a
 * verified agreement, start a pull transfer with its request); `[]` holds the process where the
 * consumer's message left it. Only the DSP TCK's mode supplies one (server/dataspace/runtime/tck-provider-actions.ts).
 */
export interface ProviderScript {
  negotiation(datasetId: string, step: NegotiationStep): ReadonlyArray<ScriptedStep<ProviderNegotiationEvent>> | undefined;
  transfer(agreementId: string): ReadonlyArray<ScriptedStep<TransferEvent>> | undefined;
}
