import 'server-only';
import { cookies } from 'next/headers';
import { getServerSession } from 'next-auth';
import { appDb } from '@/server/db';
import { env } from '@/server/env';
import { authOptions } from './auth-options';
import { sessionCookie, sessionTokenFrom } from './session-cookie';
import { decodeSessionToken } from './session-token';
import { checkSessionCached } from './session-check-cache';
import type { SessionUser } from './session-user';

/**
 * The signed-in user of this request, or null. Every call checks the session against the database
 * (version, disabled account, signed-out session id; see session-check-cache for how long a yes is kept).
 * It reads the cookie itself rather than through next-auth's `getServerSession`, which runs the whole
 * session endpoint per call: it derives the key twice and encrypts a fresh token nobody receives.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const secret = env().NEXTAUTH_SECRET;
  // `next dev` without a secret: next-auth derives one of its own, which only it knows.
  if (!secret) return ((await getServerSession(authOptions))?.user ?? null) as SessionUser | null;
  const token = sessionTokenFrom((await cookies()).getAll(), sessionCookie(env().NEXTAUTH_URL).name);
  const session = await decodeSessionToken(token, secret);
  if (!session) return null;
  const check = await checkSessionCached(await appDb(), session);
  return check.valid ? session.user : null;
}
