import { describe, expect, it } from 'vitest';
import { canTransitionNegotiation, InvalidNegotiationTransition, isNegotiationRetry, nextNegotiationState } from './negotiation-state-machine';
import { InvalidTransferTransition, nextTransferState } from './transfer-state-machine';

describe('negotiation state machine', () => {
  it('walks the provider-driven happy path', () => {
    let s = nextNegotiationState(null, 'request');
    s = nextNegotiationState(s, 'agree');
    s = nextNegotiationState(s, 'verify');
    expect(nextNegotiationState(s, 'finalize')).toBe('FINALIZED');
  });

  it('walks the offer path', () => {
    expect(nextNegotiationState(nextNegotiationState(nextNegotiationState(null, 'offer'), 'accept'), 'agree')).toBe('AGREED');
  });

  it('refuses what DSP does not allow', () => {
    expect(() => nextNegotiationState('REQUESTED', 'verify')).toThrow(InvalidNegotiationTransition);
    expect(() => nextNegotiationState('FINALIZED', 'terminate')).toThrow(/cannot terminate/);
    expect(() => nextNegotiationState('TERMINATED', 'agree')).toThrow();
    expect(canTransitionNegotiation('AGREED', 'accept')).toBe(false);
  });

  it('treats a retried message as a no-op, not an error', () => {
    expect(isNegotiationRetry('VERIFIED', 'verify')).toBe(true);
    expect(isNegotiationRetry('TERMINATED', 'terminate')).toBe(true);
    expect(isNegotiationRetry('AGREED', 'verify')).toBe(false);
  });
});

describe('transfer state machine', () => {
  it('starts, suspends, resumes and completes', () => {
    let s = nextTransferState(null, 'request');
    s = nextTransferState(s, 'start');
    s = nextTransferState(s, 'suspend');
    s = nextTransferState(s, 'start');
    expect(nextTransferState(s, 'complete')).toBe('COMPLETED');
  });

  it('refuses to complete a suspended transfer or restart a terminated one', () => {
    expect(() => nextTransferState('SUSPENDED', 'complete')).toThrow(InvalidTransferTransition);
    expect(() => nextTransferState('TERMINATED', 'start')).toThrow(InvalidTransferTransition);
    expect(() => nextTransferState('COMPLETED', 'terminate')).toThrow(InvalidTransferTransition);
  });
});
