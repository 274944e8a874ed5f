import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { STATIC_FILE_CSP, STATIC_SECURITY_HEADERS } from './server/security/content-security-policy';

const withNextIntl = createNextIntlPlugin('./i18n/request.ts');

const nextConfig: NextConfig = {
  // Native and WASM packages must be loaded by Node at run time, not bundled.
  serverExternalPackages: ['onnxruntime-node', '@electric-sql/pglite', '@node-rs/argon2', 'pg'],
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit) as its first stage; checking again inside
  // every build would only repeat it.
  typescript: { ignoreBuildErrors: true },
  reactStrictMode: true,
  // `forbidden()` and forbidden.tsx answer a page a role may not open with HTTP 403 inside the shell.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: '/:path*', headers: [...STATIC_SECURITY_HEADERS] },
      { source: '/_next/static/:path*', headers: [{ key: 'Content-Security-Policy', value: STATIC_FILE_CSP }] },
      { source: '/_next/image', headers: [{ key: 'Content-Security-Policy', value: STATIC_FILE_CSP }] },
    ];
  },
};

export default withNextIntl(nextConfig);
