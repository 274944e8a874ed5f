/**
 * The client's address as the nearest proxy saw it. The last X-Forwarded-For entry is the one added by
 * our own server (Next.js adds the socket address), so a client cannot choose it to dodge the sign-in
 * rate limit by sending a header of its own.
 */
export function clientAddressFrom(headers: Headers | Record<string, string | string[] | undefined> | undefined): string {
  const raw = headers instanceof Headers ? headers.get('x-forwarded-for') : headers?.['x-forwarded-for'];
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  const last = value?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return last ?? 'unknown';
}
