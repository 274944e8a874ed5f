import { isIP } from 'node:net';

/**
 * Which X-Forwarded-For entries may be believed: none (the default: the app faces clients directly, so
 * the socket address is the client), the last `count` hops, or hops whose address is in `addresses`.
 */
export type TProxyTrust = { count: number } | { addresses: ReadonlySet<string> };

/**
 * The header our own HTTP server (scripts/web-server.ts) sets on every request, overwriting whatever a
 * client sent under that name. Next.js itself gives route handlers no socket address: `next start` only
 * fills X-Forwarded-For with it when the header is absent (`??=` in next/dist/server/base-server.js), so
 * a client that sends the header chooses the value the app sees.
 */
export const CLIENT_ADDRESS_HEADER = 'x-d4h-client-address';

/** `::ffff:10.0.0.1` (an IPv4 peer on a dual-stack socket) is 10.0.0.1. */
function normalise(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/**
 * The client's address from the socket address and the X-Forwarded-For chain, believing only the trusted
 * proxies: each proxy appends the address of its own peer, so walking from the right through trusted hops
 * ends at the first address no trusted party vouches for (the scheme of Express's `trust proxy`).
 */
export function resolveClientAddress(socketAddress: string | undefined, forwardedFor: string | undefined, trust: TProxyTrust): string {
  const hops = [...(forwardedFor ?? '').split(',').map(normalise).filter(Boolean), normalise(socketAddress ?? '')];
  if (!hops.at(-1)) return 'unknown';
  const trusted = (hop: string, fromRight: number) => ('count' in trust ? fromRight < trust.count : trust.addresses.has(hop));
  let index = hops.length - 1;
  while (index > 0 && trusted(hops[index]!, hops.length - 1 - index)) index -= 1;
  const address = hops[index]!;
  // A forged entry need not even be an address; keep audit rows and rate-limit keys to real ones.
  return isIP(address) ? address : 'unknown';
}

/**
 * The client address of a request as our HTTP server resolved it. Without that server (`next dev`, or
 * `next start` run by hand) there is no trustworthy address: 'unknown', never a header the client chose.
 */
export function clientAddressFrom(headers: Headers | Record<string, string | string[] | undefined> | undefined): string {
  const raw = headers instanceof Headers ? headers.get(CLIENT_ADDRESS_HEADER) : headers?.[CLIENT_ADDRESS_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value && isIP(value) ? value : 'unknown';
}

/** The trust of TRUSTED_PROXIES (addresses) or TRUSTED_PROXY_COUNT; neither set: no proxy is believed. */
export function proxyTrustFrom(config: { TRUSTED_PROXY_COUNT?: number; TRUSTED_PROXIES?: readonly string[] }): TProxyTrust {
  return config.TRUSTED_PROXIES ? { addresses: new Set(config.TRUSTED_PROXIES.map(normalise)) } : { count: config.TRUSTED_PROXY_COUNT ?? 0 };
}
