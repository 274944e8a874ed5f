import { appDb } from '@/server/db';
import { env } from '@/server/env';
import { backchannelLogout } from '@/server/auth/oidc/backchannel-logout';
import { issuerOf } from '@/server/auth/oidc/issuer-discovery';

// OpenID Connect Back-Channel Logout 1.0 §2.5: the IdP POSTs a form with logout_token; §2.8: 200 when the
// sessions ended (or there were none), 400 with an error when the request is not valid; never cached.
export async function POST(request: Request, { params }: { params: Promise<{ provider: string }> }): Promise<Response> {
  const headers = { 'Cache-Control': 'no-store' };
  const { provider: id } = await params;
  const provider = env().oidcProviders.find((p) => p.id === id);
  if (!provider) return Response.json({ error: 'invalid_request', error_description: 'unknown identity provider' }, { status: 404, headers });
  const form = await request.formData().catch(() => null);
  const issuer = await issuerOf(provider).catch(() => null);
  if (!issuer) return Response.json({ error: 'temporarily_unavailable', error_description: 'the identity provider cannot be reached' }, { status: 503, headers });
  const result = await backchannelLogout(await appDb(), provider, form?.get('logout_token'), issuer.keys);
  if (result.status === 400) return Response.json({ error: result.error, error_description: result.description }, { status: 400, headers });
  return new Response(null, { status: 200, headers });
}
