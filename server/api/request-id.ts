import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/**
 * The id of the HTTP request being served, for the error messages and logs of failures that happen
 * before a tRPC context exists (a malformed envelope, a batch too large): tRPC formats those without one.
 */
export const requestIdScope = new AsyncLocalStorage<string>();

/** A request id a client sent is kept only when it is short and plain: it goes into logs and answers. */
export function requestIdFrom(headers: Headers): string {
  const sent = headers.get('x-request-id');
  return sent && /^[\w.-]{1,64}$/.test(sent) ? sent : randomUUID();
}
