/** Remembers token ids until they expire so that a captured token cannot be replayed. */
export interface ReplayGuard {
  /** Returns true the first time `jti` is seen, false for a replay (or a token this guard cannot vouch for). */
  claim(jti: string, expiresAt: Date, issuedAt: Date): Promise<boolean>;
}

/**
 * A guard in this process's memory. Alone it forgets every id on a restart; with `refuseIssuedUntil`
 * set to the moment the process started it is still complete: every token it accepts was issued after
 * that moment, so it has seen every earlier use of it, and a token from before the restart (which the
 * previous process may have accepted) is refused. Callers sign a fresh token per call, so that refusal
 * only meets calls in flight across the restart (and, across machines, callers whose clock is behind
 * the receiver's by more than the time since its start). The authority uses it: it answers every
 * policy decision, and a database write per decision would be most of the decision's cost.
 */
export function memoryReplayGuard(options: { refuseIssuedUntil?: Date } = {}): ReplayGuard {
  const seen = new Map<string, number>();
  // iat has whole seconds: a token stamped with the start second may have been issued just before it.
  const firstAcceptedSecond = options.refuseIssuedUntil ? Math.floor(options.refuseIssuedUntil.getTime() / 1000) + 1 : -Infinity;
  return {
    async claim(jti, expiresAt, issuedAt) {
      if (issuedAt.getTime() / 1000 < firstAcceptedSecond) return false;
      const now = Date.now();
      if (seen.size > 10_000) for (const [id, exp] of seen) if (exp < now) seen.delete(id);
      if (seen.has(jti)) return false;
      seen.set(jti, expiresAt.getTime());
      return true;
    },
  };
}
