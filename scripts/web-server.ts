/**
 * The web app's HTTP server: Next.js's production handler behind Node's own `http` server (Next's
 * documented custom-server API, https://nextjs.org/docs/app/guides/custom-server), so that the app can
 * know the socket address. `next start` hides it from route handlers (it only fills X-Forwarded-For
 * with it when a client sent none), which let any client choose its own address. Here the address is
 * resolved once per request from the socket and the trusted proxies (TRUSTED_PROXY_COUNT or
 * TRUSTED_PROXIES) and handed on in a header the client cannot set.
 * `npx tsx scripts/web-server.ts` after `next build`; HOST and PORT say where it binds.
 */
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { env } from '@/server/env';
import { CLIENT_ADDRESS_HEADER, proxyTrustFrom, resolveClientAddress } from '@/server/auth/client-address';

let config: ReturnType<typeof env>;
try {
  config = env();
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
const trust = proxyTrustFrom(config);
const app = next({ dev: false, dir: path.resolve(import.meta.dirname, '..'), hostname: config.HOST, port: config.PORT });
await app.prepare();
const handle = app.getRequestHandler();

const server = http.createServer((req, res) => {
  const forwardedFor = req.headers['x-forwarded-for'];
  req.headers[CLIENT_ADDRESS_HEADER] = resolveClientAddress(req.socket.remoteAddress, Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor, trust);
  void handle(req, res);
});
server.listen(config.PORT, config.HOST, () => console.log(`web ready on http://${config.HOST}:${config.PORT}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
