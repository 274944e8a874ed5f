const LOOPBACK_NAMES = ['localhost', '127.0.0.1', '[::1]'];
const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The origins a mutation may come from: the public URL (NEXTAUTH_URL) and the address the server binds,
 * as a browser on this machine would write it. A loopback or wildcard bind is reached as localhost,
 * 127.0.0.1 or [::1] on the bound port; a wildcard bind's other interfaces are not guessed (set the
 * public URL to the name people use). Everything else is refused: the Origin check is the CSRF defence
 * on top of SameSite cookies (OWASP CSRF Prevention Cheat Sheet, "Verifying Origin With Standard Headers").
 */
export function allowedOrigins({ publicUrl, host, port }: { publicUrl: string; host: string; port: number }): ReadonlySet<string> {
  const origins = new Set([new URL(publicUrl).origin]);
  const bound = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const names = LOOPBACK_HOSTS.has(host) || WILDCARD_HOSTS.has(host) ? LOOPBACK_NAMES : [bound];
  for (const name of names) origins.add(new URL(`http://${name}:${port}`).origin);
  return origins;
}
