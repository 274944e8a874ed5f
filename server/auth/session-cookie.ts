/**
 * The session cookie. `Secure` (and the `__Secure-` name prefix, which browsers refuse to set without
 * it, RFC 6265bis §4.1.3.1) whenever the public URL is https, even when the app itself is reached over
 * plain http behind a TLS-terminating proxy.
 */
export function sessionCookie(publicUrl: string) {
  const secure = new URL(publicUrl).protocol === 'https:';
  return {
    name: secure ? '__Secure-d4h.session' : 'd4h.session',
    options: { httpOnly: true, sameSite: 'lax' as const, path: '/', secure },
  };
}

/**
 * The session token among a request's cookies. next-auth splits a token over 4 kB into `name.0`,
 * `name.1`, … (its SessionStore); those are joined in order.
 */
export function sessionTokenFrom(cookies: readonly { name: string; value: string }[], name: string): string | undefined {
  const whole = cookies.find((c) => c.name === name);
  if (whole) return whole.value;
  const chunks = cookies
    .filter((c) => c.name.startsWith(`${name}.`) && /^\d+$/.test(c.name.slice(name.length + 1)))
    .sort((a, b) => Number(a.name.slice(name.length + 1)) - Number(b.name.slice(name.length + 1)));
  return chunks.length > 0 ? chunks.map((c) => c.value).join('') : undefined;
}
