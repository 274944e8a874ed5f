import type { NextRequest } from 'next/server';
import { getToken } from 'next-auth/jwt';
import { authOptions } from '@/server/auth/auth-options';
import { endSessionUrl } from '@/server/auth/oidc/end-session';

// Asked by the sign-out button before the session cookie is cleared: the IdP's logout URL, or null.
export async function GET(request: NextRequest): Promise<Response> {
  const token = await getToken({ req: request, secret: authOptions.secret, cookieName: authOptions.cookies?.sessionToken?.name });
  return Response.json({ url: await endSessionUrl(token) }, { headers: { 'Cache-Control': 'no-store' } });
}
