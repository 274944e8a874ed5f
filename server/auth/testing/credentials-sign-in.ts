/**
 * next-auth's credentials sign-in over HTTP, as a browser form would post it, cookies carried by hand
 * (so a Secure cookie is sent back even over plain http, as a TLS-terminating proxy would). For tests and
 * benchmarks against a running web server.
 */
export async function credentialsSignIn(url: string, email: string, password: string, headers: Record<string, string> = {}) {
  const csrf = await fetch(`${url}/api/auth/csrf`, { headers });
  const csrfCookies = csrf.headers.getSetCookie();
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const answer = await fetch(`${url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.map((c) => c.split(';')[0]).join('; ') },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  /** Where the sign-in sent the browser (`…?error=locked` on a refusal), and every Set-Cookie line. */
  return { location: answer.headers.get('location') ?? '', cookies: [...csrfCookies, ...answer.headers.getSetCookie()] };
}
