import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Hono } from 'hono';
import { z } from 'zod';
import { issuedCredential, registryParticipant } from '@/db/participant/schema/registry';
import { findParticipant, WEB_APP_PARTICIPANT } from '@/server/dataspace/participants';
import { issueParticipantCredential, PARTICIPANT_ROLES, type ParticipantRole } from '@/server/dataspace/protocol/participant-credential';
import { jwkThumbprint, publicJwks } from '@/server/dataspace/protocol/participant-keys';
import { onRule, type AccessEnv } from '@/server/dataspace/runtime/route-access-middleware';
import type { RouteRule } from '@/server/dataspace/runtime/route-access';
import { visiblePurposes } from './access-policy';
import type { AuthorityContext } from './authority-context';
import { problem } from './problem';

/** The registry's routes and who may call each. */
export const REGISTRY_ROUTES = {
  jwks: { method: 'GET', path: '/.well-known/jwks.json', access: ['public'] },
  health: { method: 'GET', path: '/health', access: ['public'] },
  // Names, kinds, roles, addresses and public keys: what every participant needs to find and check the others.
  participants: { method: 'GET', path: '/registry/participants', access: ['public'] },
  // Credential ids are not public: a participant (the web app's steward pages among them) reads them.
  credentials: { method: 'GET', path: '/registry/participants/:id/credentials', access: ['participant'] },
  // Public, like a credential status list: providers ask it on every DSP call so a revocation counts at once.
  credentialStatus: { method: 'GET', path: '/registry/participants/:id/credentials/:jti/status', access: ['public'] },
  enrol: { method: 'POST', path: '/registry/enrol', access: ['operator'] },
  revoke: { method: 'POST', path: '/registry/participants/:id/revoke', access: ['operator'] },
  refresh: { method: 'POST', path: '/registry/credential/refresh', access: ['participant'] },
  // Providers ask before answering a catalog request.
  accessPolicy: { method: 'GET', path: '/access-policy/:consumer', access: ['participant:provider'] },
} as const satisfies Record<string, RouteRule>;

const ZJwks = z.object({ keys: z.array(z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }).passthrough()).min(1).max(5) });
const ZEnrol = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/),
  legalName: z.string().min(2).max(200).optional(),
  kind: z.enum(['authority', 'hospital', 'research']).optional(),
  roles: z.array(z.enum(Object.values(PARTICIPANT_ROLES) as [ParticipantRole, ...ParticipantRole[]])).optional(),
  baseUrl: z.string().url().optional(),
  jwks: ZJwks,
  /** Only an explicit operator action (the CLI's `register --reinstate`) may bring back a revoked participant. */
  reinstate: z.boolean().default(false),
});

/** Participant registry and credentials: enrolment, revocation, renewal, status, and which purposes a consumer may be offered. */
export function registerRegistryService(app: Hono<AccessEnv>, ctx: AuthorityContext): void {
  const { db, registry } = ctx;

  async function issueFor(id: string, legalName: string, roles: ParticipantRole[], jwks: z.infer<typeof ZJwks>) {
    const first = jwks.keys[0];
    if (!first) throw new Error('unreachable: jwks has at least one key');
    const jkt = await jwkThumbprint(first);
    const { credential, claims } = await issueParticipantCredential({ authorityId: ctx.id, authorityKey: ctx.key, participantId: id, legalName, roles, jkt });
    await db.insert(issuedCredential).values({ jti: claims.jti, participantId: id, jkt, issuedAt: claims.issuedAt, expiresAt: claims.expiresAt });
    registry.changed();
    return { credential, expiresAt: claims.expiresAt.toISOString() };
  }

  onRule(app, REGISTRY_ROUTES.jwks, (c) => c.json(publicJwks(ctx.key)));
  onRule(app, REGISTRY_ROUTES.health, (c) => c.json({ ok: true, participant: ctx.id }));

  onRule(app, REGISTRY_ROUTES.participants, async (c) => {
    const rows = await db.select().from(registryParticipant).orderBy(registryParticipant.id);
    return c.json({
      participants: rows.map((r) => ({ id: r.id, legalName: r.legalName, kind: r.kind, roles: r.roles, baseUrl: r.baseUrl, status: r.status, jwks: r.jwks, registeredAt: r.registeredAt, revokedAt: r.revokedAt, revocationReason: r.revocationReason })),
    });
  });

  onRule(app, REGISTRY_ROUTES.credentials, async (c) => {
    const rows = await db.select().from(issuedCredential).where(eq(issuedCredential.participantId, c.req.param('id'))).orderBy(desc(issuedCredential.issuedAt));
    return c.json({ credentials: rows.map((r) => ({ jti: r.jti, issuedAt: r.issuedAt, expiresAt: r.expiresAt, revokedAt: r.revokedAt })) });
  });

  onRule(app, REGISTRY_ROUTES.credentialStatus, async (c) => c.json({ active: await ctx.isActive(c.req.param('id'), c.req.param('jti')) }));

  // Enrolment with the operator token: a well-known participant (or the web app) on first start, or
  // the onboarding CLI for a new one. Re-enrolment replaces the key and issues a fresh credential.
  onRule(app, REGISTRY_ROUTES.enrol, async (c) => {
    const parsed = ZEnrol.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-enrolment', z.flattenError(parsed.error));
    const input = parsed.data;
    const known = findParticipant(input.id) ?? (input.id === WEB_APP_PARTICIPANT.id ? WEB_APP_PARTICIPANT : undefined);
    const legalName = input.legalName ?? known?.legalName;
    const kind = input.kind ?? known?.kind;
    const roles = input.roles ?? known?.roles;
    if (!legalName || !kind || !roles) return problem(c, 400, 'invalid-enrolment', 'a new participant needs legalName, kind and roles');
    // Revocation is sticky: a revoked participant restarting (or re-enrolling on schedule) must not undo
    // the steward's decision with the shared operator token.
    const [existing] = await db
      .select({ status: registryParticipant.status, revokedAt: registryParticipant.revokedAt, reason: registryParticipant.revocationReason })
      .from(registryParticipant)
      .where(eq(registryParticipant.id, input.id));
    if (existing?.status === 'revoked' && !input.reinstate) {
      return problem(c, 409, 'participant-revoked', `${input.id} was revoked on ${existing.revokedAt?.toISOString() ?? 'an earlier date'} (${existing.reason ?? 'no reason given'}); an operator can reinstate it with: npm run participant -- register --reinstate …`);
    }
    await db
      .insert(registryParticipant)
      .values({ id: input.id, legalName, kind, roles, baseUrl: input.baseUrl ?? null, jwks: input.jwks, status: 'active' })
      .onConflictDoUpdate({ target: registryParticipant.id, set: { legalName, kind, roles, baseUrl: input.baseUrl ?? null, jwks: input.jwks, status: 'active', revokedAt: null, revocationReason: null } });
    registry.changed();
    return c.json(await issueFor(input.id, legalName, roles, input.jwks), 201);
  });

  onRule(app, REGISTRY_ROUTES.revoke, async (c) => {
    const body = z.object({ reason: z.string().min(1).max(500).default('revoked by the operator') }).safeParse((await c.req.json().catch(() => ({}))) ?? {});
    if (!body.success) return problem(c, 400, 'invalid-revocation', z.flattenError(body.error));
    const id = c.req.param('id');
    const now = new Date();
    const updated = await db.transaction(async (tx) => {
      const rows = await tx.update(registryParticipant).set({ status: 'revoked', revokedAt: now, revocationReason: body.data.reason }).where(eq(registryParticipant.id, id)).returning({ id: registryParticipant.id });
      await tx.update(issuedCredential).set({ revokedAt: now }).where(and(eq(issuedCredential.participantId, id), isNull(issuedCredential.revokedAt)));
      return rows.length;
    });
    registry.changed();
    if (updated === 0) return problem(c, 404, 'unknown-participant');
    // Decisions kept at the providers may permit the revoked organisation: they go before this answers.
    await ctx.subscriptions.invalidate('all');
    return c.json({ id, status: 'revoked', revokedAt: now.toISOString() });
  });

  // A participant renews its credential with its current (still valid, not revoked) one.
  onRule(app, REGISTRY_ROUTES.refresh, async (c) => {
    const p = c.get('participant');
    const [row] = await db.select().from(registryParticipant).where(eq(registryParticipant.id, p.participantId));
    if (!row?.jwks) return problem(c, 404, 'unknown-participant');
    return c.json(await issueFor(row.id, row.legalName, row.roles as ParticipantRole[], row.jwks as z.infer<typeof ZJwks>), 201);
  });

  onRule(app, REGISTRY_ROUTES.accessPolicy, async (c) => {
    const [row] = await db.select().from(registryParticipant).where(eq(registryParticipant.id, c.req.param('consumer')));
    if (!row || row.status !== 'active') return c.json({ consumer: c.req.param('consumer'), purposes: [], roles: [] });
    return c.json({ consumer: row.id, roles: row.roles, purposes: visiblePurposes(row.roles as ParticipantRole[]) });
  });
}
