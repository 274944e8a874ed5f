/** Remembers token ids until they expire so that a captured token cannot be replayed. */
export interface ReplayGuard {
  /** Returns true the first time `jti` is seen, false for a replay. */
  claim(jti: string, expiresAt: Date): Promise<boolean>;
}

/** Process-local guard; participants use the DB-backed one so a restart does not forget seen ids. */
export function memoryReplayGuard(): ReplayGuard {
  const seen = new Map<string, number>();
  return {
    async claim(jti, expiresAt) {
      const now = Date.now();
      if (seen.size > 10_000) for (const [id, exp] of seen) if (exp < now) seen.delete(id);
      if (seen.has(jti)) return false;
      seen.set(jti, expiresAt.getTime());
      return true;
    },
  };
}
