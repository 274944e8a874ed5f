import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { Database } from '@/db/client';
import { accessEventIndex } from '@/db/participant/schema/access-event-index';
import { consentRule } from '@/db/participant/schema/consent';
import { recordLocation } from '@/db/participant/schema/record-locator';
import { issuedCredential, registryParticipant } from '@/db/participant/schema/registry';
import { DATA_CATEGORIES, type DataCategory } from '@/server/fhir/data-category';
import { issueParticipantCredential, PARTICIPANT_ROLES, type ParticipantRole } from '@/server/dataspace/protocol/participant-credential';
import { jwkThumbprint, publicJwks, type ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import { PURPOSES } from '@/server/dataspace/protocol/purpose-of-use';
import type { ReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import { findParticipant, WEB_APP_PARTICIPANT } from '@/server/dataspace/participants';
import { requireParticipant, type ParticipantEnv } from '@/server/dataspace/runtime/participant-auth';
import { visiblePurposes } from './access-policy';
import { generatedConsentRules } from './default-consents';
import { readSetting, writeSetting } from '@/db/participant/settings';
import { callParticipant } from '@/server/dataspace/protocol/participant-http';
import { ConsentSubscriptions } from './consent-subscriptions';
import { decide, EVERYONE, msUntilRulesChange, type ConsentRuleView } from './policy-decision';
import { ZNationalId } from '@/server/records/national-id';
import { SoleWriterCache } from '@/db/sole-writer-cache';

export const DEFAULT_CONSENT_LEASE_SECONDS = 15;

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
const ZCategory = z.enum(Object.values(DATA_CATEGORIES) as [DataCategory, ...DataCategory[]]);
const ZPurpose = z.enum(Object.values(PURPOSES) as [string, ...string[]]);
const ZDecide = z.object({ patient: ZNationalId, purpose: ZPurpose, organisation: z.string().min(1), professional: z.string().min(1).optional(), categories: z.array(ZCategory).min(1) });
const ZConsent = z.object({
  patient: ZNationalId,
  decision: z.enum(['permit', 'deny']),
  purpose: ZPurpose.nullable().default(null),
  organisation: z.string().min(1).nullable().default(null),
  professional: z.string().min(1).nullable().default(null),
  dataCategory: ZCategory.nullable().default(null),
  validFrom: z.coerce.date().nullable().default(null),
  validUntil: z.coerce.date().nullable().default(null),
  recordedBy: z.string().min(1).max(200),
  source: z.enum(['patient', 'steward']).default('patient'),
});
const ZAccessEvents = z.object({
  events: z
    .array(
      z.object({
        patient: ZNationalId,
        auditEventId: z.string().min(1),
        recorded: z.coerce.date(),
        purpose: z.string().min(1),
        consumerId: z.string().nullable(),
        professional: z.string().nullable(),
        professionalRole: z.string().nullable(),
        action: z.string().min(1),
        outcome: z.enum(['allowed', 'denied', 'partial']),
        detail: z.string().max(500).nullable(),
      }),
    )
    .max(1000),
});

export interface AuthorityOptions {
  id: string;
  db: Database;
  key: ParticipantKeyPair;
  /** The authority's own participant credential, for its calls to providers (consent invalidations). */
  credential: () => string;
  operatorToken: string;
  replay: ReplayGuard;
  /** Length of the providers' consent-decision leases (CONSENT_LEASE_SECONDS). */
  consentLeaseSeconds?: number;
}

const CONSENT_LEASES_SETTING = 'consent-leases';

/** How long a provider has to acknowledge a consent invalidation before its lease is waited out instead. */
const INVALIDATION_ACK_TIMEOUT_MS = 2000;

function problem(c: Context, status: 400 | 401 | 403 | 404 | 409, error: string, detail?: unknown) {
  return c.json({ error, ...(detail === undefined ? {} : { detail }) }, status);
}

function toView(row: typeof consentRule.$inferSelect): ConsentRuleView {
  return { ...row, validFrom: row.validFrom, validUntil: row.validUntil, withdrawnAt: row.withdrawnAt };
}

/** The ehealth agency: registry, credentials, consent and decisions, record locator, access-event index. */
export function createAuthorityApp(opts: AuthorityOptions) {
  const { db } = opts;
  const app = new Hono<ParticipantEnv>();

  // Only this process writes the registry; each write below calls registry.changed() once committed.
  const registry = new SoleWriterCache<boolean>();
  const isActive = (participantId: string, credentialJti: string): Promise<boolean> => registry.get(`credential|${participantId}|${credentialJti}`, () => isActiveInDb(participantId, credentialJti));
  const isActiveInDb = async (participantId: string, credentialJti: string): Promise<boolean> => {
    const [row] = await db
      .select({ status: registryParticipant.status, revokedAt: issuedCredential.revokedAt })
      .from(issuedCredential)
      .innerJoin(registryParticipant, eq(registryParticipant.id, issuedCredential.participantId))
      .where(and(eq(issuedCredential.jti, credentialJti), eq(issuedCredential.participantId, participantId)));
    return row?.status === 'active' && row.revokedAt === null;
  };

  const auth = requireParticipant({
    audience: opts.id,
    authorityId: opts.id,
    authorityJwks: async () => publicJwks(opts.key),
    replay: opts.replay,
    isActive,
    onError: (c, error) => c.json({ error: error.kind, detail: error.message }, error.status),
  });

  // Providers keep consent decisions under a lease; every consent change is pushed to them and confirmed
  // only once it holds everywhere (see ConsentSubscriptions and ConsentDecisionCache).
  const identity = { id: opts.id, key: opts.key, credential: opts.credential };
  const providerUrl = async (id: string) => (await db.select({ baseUrl: registryParticipant.baseUrl }).from(registryParticipant).where(eq(registryParticipant.id, id)))[0]?.baseUrl;
  const subscriptions = new ConsentSubscriptions({
    leaseSeconds: opts.consentLeaseSeconds ?? DEFAULT_CONSENT_LEASE_SECONDS,
    send: async (providerId, scope) => {
      const url = await providerUrl(providerId);
      if (!url) throw new Error(`${providerId} has no address`);
      await callParticipant(identity, { url: `${url}/consent-invalidations`, audience: providerId, body: scope === 'all' ? { all: true } : scope, timeoutMs: INVALIDATION_ACK_TIMEOUT_MS });
    },
    store: {
      load: async () => (await readSetting<Record<string, number>>(db, CONSENT_LEASES_SETTING)) ?? {},
      save: (leases) => writeSetting(db, CONSENT_LEASES_SETTING, leases),
    },
  });

  const operator = (c: Context): boolean => c.req.header('authorization') === `Bearer ${opts.operatorToken}`;

  async function issueFor(id: string, legalName: string, roles: ParticipantRole[], jwks: z.infer<typeof ZJwks>) {
    const first = jwks.keys[0];
    if (!first) throw new Error('unreachable: jwks has at least one key');
    const jkt = await jwkThumbprint(first);
    const { credential, claims } = await issueParticipantCredential({ authorityId: opts.id, authorityKey: opts.key, participantId: id, legalName, roles, jkt });
    await db.insert(issuedCredential).values({ jti: claims.jti, participantId: id, jkt, issuedAt: claims.issuedAt, expiresAt: claims.expiresAt });
    registry.changed();
    return { credential, expiresAt: claims.expiresAt.toISOString() };
  }

  app.onError((error, c) => {
    console.error(`[${opts.id}]`, error);
    return c.json({ error: 'internal', detail: 'the authority could not process the request' }, 500);
  });

  app.get('/.well-known/jwks.json', (c) => c.json(publicJwks(opts.key)));
  app.get('/health', (c) => c.json({ ok: true, participant: opts.id }));

  app.get('/registry/participants', async (c) => {
    const rows = await db.select().from(registryParticipant).orderBy(registryParticipant.id);
    return c.json({
      participants: rows.map((r) => ({ id: r.id, legalName: r.legalName, kind: r.kind, roles: r.roles, baseUrl: r.baseUrl, status: r.status, jwks: r.jwks, registeredAt: r.registeredAt, revokedAt: r.revokedAt, revocationReason: r.revocationReason })),
    });
  });

  app.get('/registry/participants/:id/credentials', async (c) => {
    const rows = await db.select().from(issuedCredential).where(eq(issuedCredential.participantId, c.req.param('id'))).orderBy(desc(issuedCredential.issuedAt));
    return c.json({ credentials: rows.map((r) => ({ jti: r.jti, issuedAt: r.issuedAt, expiresAt: r.expiresAt, revokedAt: r.revokedAt })) });
  });

  // Public, like a credential status list: providers ask it on every DSP call so a revocation counts at once.
  app.get('/registry/participants/:id/credentials/:jti/status', async (c) => c.json({ active: await isActive(c.req.param('id'), c.req.param('jti')) }));

  // Enrolment with the operator token: a well-known participant (or the web app) on first start, or
  // the onboarding CLI for a new one. Re-enrolment replaces the key and issues a fresh credential.
  app.post('/registry/enrol', async (c) => {
    if (!operator(c)) return problem(c, 401, 'operator-token-required');
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

  app.post('/registry/participants/:id/revoke', async (c) => {
    if (!operator(c)) return problem(c, 401, 'operator-token-required');
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
    await subscriptions.invalidate('all');
    return c.json({ id, status: 'revoked', revokedAt: now.toISOString() });
  });

  // A participant renews its credential with its current (still valid, not revoked) one.
  app.post('/registry/credential/refresh', auth, async (c) => {
    const p = c.get('participant');
    const [row] = await db.select().from(registryParticipant).where(eq(registryParticipant.id, p.participantId));
    if (!row?.jwks) return problem(c, 404, 'unknown-participant');
    return c.json(await issueFor(row.id, row.legalName, row.roles as ParticipantRole[], row.jwks as z.infer<typeof ZJwks>), 201);
  });

  // Which purposes a consumer may be offered (providers ask before answering a catalog request).
  app.get('/access-policy/:consumer', auth, async (c) => {
    const [row] = await db.select().from(registryParticipant).where(eq(registryParticipant.id, c.req.param('consumer')));
    if (!row || row.status !== 'active') return c.json({ consumer: c.req.param('consumer'), purposes: [], roles: [] });
    return c.json({ consumer: row.id, roles: row.roles, purposes: visiblePurposes(row.roles as ParticipantRole[]) });
  });

  // ----- consent registry and policy decision point -----
  // A person's rules and the defaults, from memory between consent writes: each write below calls
  // consents.changed() after it commits and before it answers, so a withdrawal counts from the next decision.
  const consents = new SoleWriterCache<ConsentRuleView[]>();
  const loadRules = (patient: string) =>
    consents.get(patient, async () => (await db.select().from(consentRule).where(or(eq(consentRule.patientNationalId, patient), eq(consentRule.patientNationalId, EVERYONE)))).map(toView));

  app.post('/pdp/decide', auth, async (c) => {
    const parsed = ZDecide.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-decision-request', z.flattenError(parsed.error));
    const req = parsed.data;
    // A revoked organisation gets nothing, whatever the patient said.
    const orgActive = await registry.get(`organisation|${req.organisation}`, async () => (await db.select({ status: registryParticipant.status }).from(registryParticipant).where(eq(registryParticipant.id, req.organisation)))[0]?.status === 'active');
    if (!orgActive) return c.json({ decision: 'deny', status: 'withdrawn', categories: Object.fromEntries(req.categories.map((k) => [k, 'deny'])), basis: ['organisation-not-active'] });
    const rules = await loadRules(req.patient);
    return c.json({ ...decide(req, rules), cacheUntilMs: msUntilRulesChange(rules) });
  });

  // A provider takes or renews its consent-decision lease.
  app.post('/pdp/subscriptions', auth, async (c) => {
    const caller = c.get('participant');
    if (!caller.credential.roles.some((r) => r === PARTICIPANT_ROLES.hospital || r === PARTICIPANT_ROLES.research)) return problem(c, 403, 'providers-only', 'only data providers hold consent-decision leases');
    return c.json(await subscriptions.renew(caller.participantId));
  });

  // Bulk: which of these people allow a (secondary-use) purpose for all their data; used for cohort statistics.
  app.post('/pdp/cohort', auth, async (c) => {
    const parsed = z.object({ purpose: ZPurpose, organisation: z.string().min(1), patients: z.array(ZNationalId).max(250_000) }).safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-cohort-request', z.flattenError(parsed.error));
    const { purpose, organisation, patients } = parsed.data;
    const defaults = (await db.select().from(consentRule).where(eq(consentRule.patientNationalId, EVERYONE))).map(toView);
    const own = new Map<string, ConsentRuleView[]>();
    for (let i = 0; i < patients.length; i += 5000) {
      const chunk = patients.slice(i, i + 5000);
      const rows = await db.select().from(consentRule).where(inArray(consentRule.patientNationalId, chunk));
      for (const row of rows) own.set(row.patientNationalId, [...(own.get(row.patientNationalId) ?? []), toView(row)]);
    }
    const categories = Object.values(DATA_CATEGORIES);
    const permitted = patients.filter((patient) => decide({ patient, purpose, organisation, categories }, [...defaults, ...(own.get(patient) ?? [])]).decision === 'permit');
    return c.json({ purpose, permitted });
  });

  app.get('/consents', auth, async (c) => {
    const patient = ZNationalId.safeParse(c.req.query('patient'));
    if (!patient.success) return problem(c, 400, 'patient-required', 'query parameter patient must be a 13-digit national health id');
    const rows = await db.select().from(consentRule).where(or(eq(consentRule.patientNationalId, patient.data), eq(consentRule.patientNationalId, EVERYONE))).orderBy(desc(consentRule.recordedAt));
    return c.json({ patient: patient.data, rules: rows.map((r) => ({ ...r, appliesTo: r.patientNationalId === EVERYONE ? 'everyone' : 'patient' })) });
  });

  app.post('/consents', auth, async (c) => {
    const parsed = ZConsent.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-consent', z.flattenError(parsed.error));
    const v = parsed.data;
    if (v.validFrom && v.validUntil && v.validUntil <= v.validFrom) return problem(c, 400, 'invalid-consent', 'validUntil must be after validFrom');
    const [row] = await db
      .insert(consentRule)
      .values({ patientNationalId: v.patient, decision: v.decision, purpose: v.purpose, organisation: v.organisation, professional: v.professional, dataCategory: v.dataCategory, validFrom: v.validFrom, validUntil: v.validUntil, source: v.source, recordedBy: `${c.get('participant').participantId}:${v.recordedBy}` })
      .returning();
    consents.changed();
    await subscriptions.invalidate({ patients: [v.patient] });
    return c.json(row, 201);
  });

  app.post('/consents/:id/withdraw', auth, async (c) => {
    const body = z.object({ withdrawnBy: z.string().min(1).max(200) }).safeParse(await c.req.json().catch(() => null));
    if (!body.success) return problem(c, 400, 'invalid-withdrawal', z.flattenError(body.error));
    const id = z.string().uuid().safeParse(c.req.param('id'));
    if (!id.success) return problem(c, 404, 'unknown-consent');
    const [row] = await db
      .update(consentRule)
      .set({ withdrawnAt: new Date(), withdrawnBy: `${c.get('participant').participantId}:${body.data.withdrawnBy}` })
      .where(and(eq(consentRule.id, id.data), isNull(consentRule.withdrawnAt)))
      .returning();
    if (!row) return problem(c, 404, 'unknown-or-withdrawn-consent');
    consents.changed();
    await subscriptions.invalidate({ patients: [row.patientNationalId] });
    return c.json(row);
  });

  // ----- record locator -----
  app.get('/record-locator/:nationalId', auth, async (c) => {
    const id = ZNationalId.safeParse(c.req.param('nationalId'));
    if (!id.success) return problem(c, 400, 'invalid-national-id');
    const rows = await db.select().from(recordLocation).where(eq(recordLocation.nationalId, id.data));
    return c.json({ nationalId: id.data, providers: rows.map((r) => r.providerId).sort() });
  });

  // A provider reports the people it holds; new people also get their deterministic synthetic consent choices.
  app.post('/record-locator', auth, async (c) => {
    const parsed = z.object({ nationalIds: z.array(ZNationalId).min(1).max(10_000) }).safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-locator-update', z.flattenError(parsed.error));
    const provider = c.get('participant').participantId;
    await db.transaction(async (tx) => {
      const ids = parsed.data.nationalIds;
      const known = new Set((await tx.select({ id: recordLocation.nationalId }).from(recordLocation).where(inArray(recordLocation.nationalId, ids))).map((r) => r.id));
      await tx.insert(recordLocation).values(ids.map((nationalId) => ({ nationalId, providerId: provider }))).onConflictDoNothing();
      const rules = ids.filter((id) => !known.has(id)).flatMap(generatedConsentRules);
      if (rules.length > 0) await tx.insert(consentRule).values(rules.map((r) => ({ ...r, source: 'default' as const, recordedBy: 'synthetic-seed' })));
    });
    // No push to the providers: rules are generated only for people no provider had registered, and a
    // provider registers the people it holds before it serves them, so none can have kept a decision.
    consents.changed();
    return c.json({ provider, registered: parsed.data.nationalIds.length });
  });

  // ----- access-event index (EHDS Art. 9) -----
  app.post('/access-events', auth, async (c) => {
    const parsed = ZAccessEvents.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-access-events', z.flattenError(parsed.error));
    const provider = c.get('participant').participantId;
    let indexed = 0;
    if (parsed.data.events.length > 0) {
      // A provider resends what it could not confirm was received: an event id it already reported is ignored.
      const added = await db.insert(accessEventIndex).values(
        parsed.data.events.map((e) => ({ patientNationalId: e.patient, providerId: provider, auditEventId: e.auditEventId, recorded: e.recorded, purpose: e.purpose, consumerId: e.consumerId, professional: e.professional, professionalRole: e.professionalRole, action: e.action, outcome: e.outcome, detail: e.detail })),
      ).onConflictDoNothing({ target: [accessEventIndex.providerId, accessEventIndex.auditEventId] }).returning({ id: accessEventIndex.id });
      indexed = added.length;
    }
    // `duplicates`: ids this provider had reported before (a resend after a crash), acknowledged but not added again.
    return c.json({ indexed, duplicates: parsed.data.events.length - indexed });
  });

  app.get('/access-events', auth, async (c) => {
    const patient = ZNationalId.safeParse(c.req.query('patient'));
    if (!patient.success) return problem(c, 400, 'patient-required');
    const rows = await db.select().from(accessEventIndex).where(eq(accessEventIndex.patientNationalId, patient.data)).orderBy(desc(accessEventIndex.recorded)).limit(500);
    return c.json({ patient: patient.data, events: rows });
  });

  app.notFound((c) => problem(c, 404, 'not-found'));
  return app;
}
