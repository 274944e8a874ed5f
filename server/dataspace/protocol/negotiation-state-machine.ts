import type { NegotiationState } from './dsp-types';

/**
 * DSP 2025-1 contract negotiation state machine, shared by the provider and the consumer (both keep the
 * same states; only who sends which message differs). `null` is "no negotiation yet".
 */
export const NEGOTIATION_EVENTS = {
  request: 'request',
  offer: 'offer',
  accept: 'accept',
  agree: 'agree',
  verify: 'verify',
  finalize: 'finalize',
  terminate: 'terminate',
} as const;
export type NegotiationEvent = (typeof NEGOTIATION_EVENTS)[keyof typeof NEGOTIATION_EVENTS];

const TRANSITIONS: Record<NegotiationEvent, { from: ReadonlyArray<NegotiationState | null>; to: NegotiationState }> = {
  request: { from: [null, 'OFFERED'], to: 'REQUESTED' },
  offer: { from: [null, 'REQUESTED'], to: 'OFFERED' },
  accept: { from: ['OFFERED'], to: 'ACCEPTED' },
  agree: { from: ['REQUESTED', 'ACCEPTED'], to: 'AGREED' },
  verify: { from: ['AGREED'], to: 'VERIFIED' },
  finalize: { from: ['VERIFIED'], to: 'FINALIZED' },
  terminate: { from: ['REQUESTED', 'OFFERED', 'ACCEPTED', 'AGREED', 'VERIFIED'], to: 'TERMINATED' },
};

/** Raised for a message that is not allowed in the negotiation's current state; maps to ContractNegotiationError. */
export class InvalidNegotiationTransition extends Error {
  constructor(
    readonly from: NegotiationState | null,
    readonly event: NegotiationEvent,
  ) {
    super(`cannot ${event} a negotiation in state ${from ?? 'NONE'}`);
    this.name = 'InvalidNegotiationTransition';
  }
}

export function canTransitionNegotiation(from: NegotiationState | null, event: NegotiationEvent): boolean {
  return TRANSITIONS[event].from.includes(from);
}

/** The state after `event`, or throws InvalidNegotiationTransition. */
export function nextNegotiationState(from: NegotiationState | null, event: NegotiationEvent): NegotiationState {
  if (!canTransitionNegotiation(from, event)) throw new InvalidNegotiationTransition(from, event);
  return TRANSITIONS[event].to;
}

/** A retried message that would move the negotiation to the state it is already in is accepted as a no-op. */
export function isNegotiationRetry(current: NegotiationState, event: NegotiationEvent): boolean {
  return TRANSITIONS[event].to === current;
}

export function isNegotiationFinal(state: NegotiationState): boolean {
  return state === 'FINALIZED' || state === 'TERMINATED';
}
