import type { MiddlewareHandler } from 'hono';

/**
 * Security headers on every participant response (OWASP Secure Headers Project; RFC 6797 for HSTS):
 * nosniff everywhere; `no-store` on every answer that needs a credential (patient data: FHIR, consents,
 * access events, record locator; and per-caller contract listings), so no proxy or browser keeps it;
 * HSTS only when the participant is served over https (a browser ignores it over http, RFC 6797 §8.1);
 * a CSP that allows nothing and no framing, which matters for anything a browser might render as HTML.
 */
export function participantHeaders(input: { publicUrl: string; isPublic: (method: string, path: string) => boolean }): MiddlewareHandler {
  const https = input.publicUrl.startsWith('https://');
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Content-Security-Policy', "default-src 'none'; frame-ancestors 'none'");
    c.res.headers.set('Referrer-Policy', 'no-referrer');
    if (!input.isPublic(c.req.method, c.req.path)) c.res.headers.set('Cache-Control', 'no-store');
    if (https) c.res.headers.set('Strict-Transport-Security', 'max-age=63072000; includeSubDomains');
  };
}
