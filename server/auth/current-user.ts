import 'server-only';
import { getServerSession } from 'next-auth';
import { authOptions } from './auth-options';
import type { SessionUser } from './session-user';

/** The signed-in user of this request, or null; the session version is checked on every call. */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions);
  return session?.user?.id ? session.user : null;
}
