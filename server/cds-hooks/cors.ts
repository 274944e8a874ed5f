/**
 * CORS for the CDS service endpoints: CDS Hooks 2.0 ("Cross-Origin Resource Sharing") asks services
 * to allow browser-based CDS clients. Any origin may call: the bearer JWT, not a cookie, authenticates,
 * so a foreign page gains nothing it could not do from a server.
 */
export const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
  'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
  'Access-Control-Expose-Headers': 'WWW-Authenticate',
  'Access-Control-Max-Age': '600',
} as const;

export function preflight(): Response {
  return new Response(null, { status: 204, headers: CORS_HEADERS });
}

export function corsJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { ...CORS_HEADERS, ...headers } });
}
