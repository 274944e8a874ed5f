import type { Context } from 'hono';

/** The authority's refusal body: a stable error code and, where it helps the caller, a detail. */
export function problem(c: Context, status: 400 | 401 | 403 | 404 | 409, error: string, detail?: unknown) {
  return c.json({ error, ...(detail === undefined ? {} : { detail }) }, status);
}
