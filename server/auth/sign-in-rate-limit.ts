import { and, count, eq, gt } from 'drizzle-orm';
import type { Database } from '@/db/client';
import { signInAttempts } from '@/db/app/schema/sign-in-attempts';

/** Failed sign-ins allowed per account, and per client address, within the window. */
export const SIGN_IN_LIMITS = { perAccount: 5, perAddress: 20, windowMinutes: 15 } as const;

/**
 * Whether another sign-in may be tried. Counted from the database so the limit holds across replicas.
 * Per address the limit is higher than per account: many people may share one hospital NAT address.
 */
export async function isSignInLocked(db: Database, email: string, clientAddress: string, now = new Date()): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMinutes * 60_000);
  const failed = (where: ReturnType<typeof and>) =>
    db.select({ n: count() }).from(signInAttempts).where(and(eq(signInAttempts.succeeded, false), gt(signInAttempts.at, since), where));
  const [[byAccount], [byAddress]] = await Promise.all([
    failed(eq(signInAttempts.email, email)),
    failed(eq(signInAttempts.clientAddress, clientAddress)),
  ]);
  return (byAccount?.n ?? 0) >= SIGN_IN_LIMITS.perAccount || (byAddress?.n ?? 0) >= SIGN_IN_LIMITS.perAddress;
}

export async function recordSignInAttempt(db: Database, email: string, clientAddress: string, succeeded: boolean): Promise<void> {
  await db.insert(signInAttempts).values({ email, clientAddress, succeeded });
}
