import { signOut } from 'next-auth/react';

/**
 * Signs out of the app and, for a session that began at a hospital's identity provider, of the IdP too:
 * the IdP's logout URL is asked for first (it needs the ID token the session cookie holds), then the app's
 * session ends, then the browser visits the IdP, which sends it back to the sign-in page.
 */
export async function signOutAndEndIdpSession(callbackUrl: string): Promise<void> {
  const idpLogout = await fetch('/api/auth/end-session', { cache: 'no-store' })
    .then((r) => (r.ok ? (r.json() as Promise<{ url: string | null }>) : { url: null }))
    .catch(() => ({ url: null }));
  await signOut({ redirect: false });
  window.location.assign(idpLogout.url ?? callbackUrl);
}
