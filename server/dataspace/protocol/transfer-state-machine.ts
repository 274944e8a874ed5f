import type { TransferState } from './dsp-types';

/** DSP 2025-1 transfer process state machine, shared by provider and consumer. */
export const TRANSFER_EVENTS = {
  request: 'request',
  start: 'start',
  suspend: 'suspend',
  complete: 'complete',
  terminate: 'terminate',
} as const;
export type TransferEvent = (typeof TRANSFER_EVENTS)[keyof typeof TRANSFER_EVENTS];

const TRANSITIONS: Record<TransferEvent, { from: ReadonlyArray<TransferState | null>; to: TransferState }> = {
  request: { from: [null], to: 'REQUESTED' },
  // start from SUSPENDED is a resume
  start: { from: ['REQUESTED', 'SUSPENDED'], to: 'STARTED' },
  suspend: { from: ['STARTED'], to: 'SUSPENDED' },
  complete: { from: ['STARTED'], to: 'COMPLETED' },
  terminate: { from: ['REQUESTED', 'STARTED', 'SUSPENDED'], to: 'TERMINATED' },
};

export class InvalidTransferTransition extends Error {
  constructor(
    readonly from: TransferState | null,
    readonly event: TransferEvent,
  ) {
    super(`cannot ${event} a transfer process in state ${from ?? 'NONE'}`);
    this.name = 'InvalidTransferTransition';
  }
}

export function canTransitionTransfer(from: TransferState | null, event: TransferEvent): boolean {
  return TRANSITIONS[event].from.includes(from);
}

export function nextTransferState(from: TransferState | null, event: TransferEvent): TransferState {
  if (!canTransitionTransfer(from, event)) throw new InvalidTransferTransition(from, event);
  return TRANSITIONS[event].to;
}

/** A retried message whose effect is already the current state is a no-op rather than an error. */
export function isTransferRetry(current: TransferState, event: TransferEvent): boolean {
  return TRANSITIONS[event].to === current;
}
