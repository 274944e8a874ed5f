import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy } from '@/server/security/content-security-policy';
import { requestIdFrom } from '@/server/api/request-id';

/** Gives every page and API response a fresh CSP nonce (Next.js applies it to its own scripts) and a request id. */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV === 'development', https: request.nextUrl.protocol === 'https:' });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', csp);
  requestHeaders.set('x-request-id', requestIdFrom(request.headers));
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  return response;
}

export const config = {
  matcher: ['/((?!_next/static|_next/image).*)'],
};
