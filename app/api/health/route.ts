/** Liveness probe for a load balancer: answers as soon as the process serves requests, reads nothing. */
export function GET() {
  return Response.json({ status: 'ok' });
}
