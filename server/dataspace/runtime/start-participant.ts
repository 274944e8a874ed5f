import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { openDatabase, parseDatabaseTarget, type Database } from '@/db/client';
import { PARTICIPANT_MIGRATIONS } from '@/db/participant/migrations-folder';
import { registryParticipant } from '@/db/participant/schema/registry';
import { issuedCredential } from '@/db/participant/schema/registry';
import { AUTHORITY_ROUTES, createAuthorityApp } from '@/server/dataspace/authority/authority-app';
import { DEMO_CONSENTS } from '@/server/dataspace/authority/default-consents';
import { seedConsentVersions } from '@/server/dataspace/authority/consent-registry';
import { AUTHORITY_ID, PARTICIPANTS, findParticipant } from '@/server/dataspace/participants';
import { issueParticipantCredential } from '@/server/dataspace/protocol/participant-credential';
import { publicJwks, type ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import { datasetsOf } from '@/server/dataspace/provider/datasets';
import { ConsentDecisionCache } from '@/server/dataspace/provider/consent-decision-cache';
import { createConsentInvalidationApp } from '@/server/dataspace/provider/consent-invalidation-app';
import { openDataPlane } from '@/server/dataspace/provider/data-plane/open-data-plane';
import { createProviderContractsApp } from '@/server/dataspace/provider/provider-contracts-app';
import { createProviderDspApp } from '@/server/dataspace/provider/provider-dsp-app';
import { createProviderOfferApp } from '@/server/dataspace/provider/provider-offer-app';
import { PROVIDER_BASE_ROUTES, PROVIDER_ROUTES, providerRefusal } from '@/server/dataspace/provider/provider-routes';
import { participantHeaders } from './participant-headers';
import { findRule, routesWithoutRule } from './route-access';
import { enforceRouteAccess, onRule, type AccessEnv } from './route-access-middleware';
import { AuthorityClient } from './authority-client';
import { memoryReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import { dbReplayGuard } from './db-replay-guard';
import { DSP_BASE_PATH, versionResponse } from '@/server/dataspace/protocol/dspace-version';
import { readTckMode, seedTckAgreements, TCK_PARTICIPANT, tckParticipant } from './tck-mode';
import { loadOrCreateKey } from './key-store';
import { readSetting, writeSetting } from '@/db/participant/settings';
import { resolveOperatorToken } from './operator-token';
import type { ParticipantConfig } from './participant-env';
import { seedDigitalTwins } from './seed-digital-twins';
import { seedProvider } from './seed-provider';

async function seedAuthority(db: Database, id: string, key: ParticipantKeyPair): Promise<string> {
  if (!(await readSetting(db, 'seeded'))) {
    await db.transaction(async (tx) => {
      for (const p of PARTICIPANTS) {
        await tx.insert(registryParticipant).values({ id: p.id, legalName: p.legalName, kind: p.kind, roles: [...p.roles], status: p.id === id ? 'active' : 'pending', jwks: p.id === id ? publicJwks(key) : null }).onConflictDoNothing();
      }
      await seedConsentVersions(tx, id, Object.entries(DEMO_CONSENTS).map(([patient, rules]) => ({ patient, rules })), 'demo-seed');
    });
    await writeSetting(db, 'seeded', { at: new Date().toISOString() });
  }
  return issueOwnCredential(db, id, key);
}

/** The authority's credential for its own calls (consent invalidations to providers). */
async function issueOwnCredential(db: Database, id: string, key: ParticipantKeyPair): Promise<string> {
  const def = findParticipant(id);
  const { credential, claims } = await issueParticipantCredential({ authorityId: id, authorityKey: key, participantId: id, legalName: def?.legalName ?? id, roles: ['authority'], jkt: key.kid });
  await db.insert(issuedCredential).values({ jti: claims.jti, participantId: id, jkt: key.kid, issuedAt: claims.issuedAt, expiresAt: claims.expiresAt });
  return credential;
}

/** Enrols with the authority (retrying while it starts) and returns the credential. */
async function enrol(config: ParticipantConfig, key: ParticipantKeyPair, log: (l: string) => void): Promise<string> {
  const token = resolveOperatorToken(config.operatorToken);
  const deadline = Date.now() + 120_000;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${config.authorityUrl}/registry/enrol`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id: config.id, baseUrl: config.publicUrl, jwks: publicJwks(key) }),
        signal: AbortSignal.timeout(5000),
      });
      const body = (await response.json()) as { credential?: string; error?: string };
      if (response.ok && body.credential) return body.credential;
      throw new Error(`enrolment refused (${response.status}): ${JSON.stringify(body)}`);
    } catch (error) {
      const message = (error as Error).message;
      if (message.startsWith('enrolment refused')) throw error;
      if (message !== lastError) log(`waiting for the authority at ${config.authorityUrl} (${message})`);
      lastError = message;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  throw new Error(`the authority at ${config.authorityUrl} did not answer within 120 s`);
}

export interface RunningParticipant {
  url: string;
  stop: () => Promise<void>;
}

/** Opens the database, seeds on first start, obtains a credential, serves, and prints "ready on URL". */
export async function startParticipant(config: ParticipantConfig): Promise<RunningParticipant> {
  const log = (line: string) => console.log(`[${config.id}] ${line}`);
  const opened = await openDatabase(parseDatabaseTarget(config.database), PARTICIPANT_MIGRATIONS);
  const { db } = opened;
  const key = await loadOrCreateKey(db);
  // The authority checks a token on every policy decision: its replay guard lives in memory and refuses
  // tokens issued before this start (see memoryReplayGuard); the providers' DSP endpoints keep theirs in the database.
  const replay = config.kind === 'authority' ? memoryReplayGuard({ refuseIssuedUntil: new Date(performance.timeOrigin) }) : dbReplayGuard(db);
  const app = new Hono<AccessEnv>();
  const rules = config.kind === 'authority' ? AUTHORITY_ROUTES : PROVIDER_ROUTES;
  app.use('*', participantHeaders({ publicUrl: config.publicUrl, isPublic: (method, p) => findRule(rules, method, p)?.access.includes('public') === true }));
  let credential = '';
  let refresh: NodeJS.Timeout | null = null;
  let auditorFlush: (() => Promise<void>) | null = null;
  let stopLease: (() => void) | null = null;

  if (config.kind === 'authority') {
    const operatorToken = resolveOperatorToken(config.operatorToken);
    credential = await seedAuthority(db, config.id, key);
    app.route('/', createAuthorityApp({ id: config.id, db, key, credential: () => credential, operatorToken, replay, consentLeaseSeconds: config.consentLeaseSeconds, consentDefaults: config.consentDefaults, withdrawalUrl: config.patientPortalUrl }));
    // Credentials live 24 h: renew its own twice a day, as the providers do theirs.
    refresh = setInterval(() => void issueOwnCredential(db, config.id, key).then((c) => (credential = c)).catch((e: Error) => log(`credential renewal failed: ${e.message}`)), 12 * 3600_000);
    refresh.unref();
  } else {
    credential = await enrol(config, key, log);
    const authority = new AuthorityClient(config.authorityUrl, AUTHORITY_ID, { id: config.id, key, credential: () => credential });
    const operatorToken = resolveOperatorToken(config.operatorToken);
    const tck = config.tck ? readTckMode(config.tck.propertiesFile, config.tck.token) : undefined;
    // The one door: every route's declared rule (provider-routes.ts), checked before any handler.
    app.use(
      '*',
      enforceRouteAccess(
        PROVIDER_ROUTES,
        { self: config.id, authorityId: authority.authorityId, authorityJwks: () => authority.authorityJwks(), isActive: (p, jti) => authority.isActive(p, jti), replay, operatorToken: () => operatorToken, ...(tck ? { fixedParticipant: { token: tck.token, participant: tckParticipant } } : {}) },
        providerRefusal,
      ),
    );
    onRule(app, PROVIDER_BASE_ROUTES.jwks, (c) => c.json(publicJwks(key)));
    await seedProvider(db, { id: config.id, perHospital: config.seedPatients, authority, log });
    if (config.kind === 'research') await seedDigitalTwins(db, { count: config.digitalTwinRecords, log });
    if (tck) {
      await seedTckAgreements(db, config.id, tck);
      log(`TCK mode (test only): ${tck.datasets.length} TCK datasets and ${tck.agreements.length} agreements for ${TCK_PARTICIPANT}`);
    }
    const datasets = datasetsOf(config.kind);
    onRule(app, PROVIDER_BASE_ROUTES.health, (c) => c.json({ ok: true, participant: config.id }));
    onRule(app, PROVIDER_BASE_ROUTES.dspaceVersion, (c) => c.json(versionResponse(DSP_BASE_PATH)));
    const dsp = createProviderDspApp({ id: config.id, baseUrl: config.publicUrl, db, key, authority, replay, datasets: [...datasets, ...(tck?.datasets ?? [])], identity: { id: config.id, key, credential: () => credential } });
    app.route(DSP_BASE_PATH, dsp.app);
    app.route('/offers', createProviderOfferApp({ id: config.id, baseUrl: config.publicUrl, db, identity: { id: config.id, key, credential: () => credential }, authority, visibleDatasets: dsp.visibleDatasets }));
    app.route('/contracts', createProviderContractsApp({ id: config.id, db }));
    // Consent decisions kept under the authority's lease, forgotten when it pushes a change.
    const decisions = new ConsentDecisionCache();
    stopLease = decisions.keepLease(() => authority.consentLease(), (e) => log(`consent lease not renewed (decisions are asked each time meanwhile): ${e.message}`));
    app.route('/consent-invalidations', createConsentInvalidationApp({ decisions }));
    const dataPlane = openDataPlane({ id: config.id, baseUrl: config.publicUrl, db, key, authority, decisions, datasets, forwardDelayMs: config.forwardDelayMs });
    auditorFlush = async () => {
      // One last attempt on a clean stop; whatever the authority did not take waits in the outbox.
      await dataPlane.auditor.flush();
      dataPlane.auditor.stop();
    };
    app.route('/fhir/r4', dataPlane.app);
    // Credentials live 24 h; renew twice a day with the current one.
    refresh = setInterval(() => void enrol(config, key, log).then((c) => (credential = c)).catch((e: Error) => log(`credential refresh failed: ${e.message}`)), 12 * 3600_000);
    refresh.unref();
  }
  app.onError((error, c) => {
    console.error(`[${config.id}]`, error);
    return c.json({ error: 'internal', detail: 'the participant could not process the request' }, 500);
  });
  // A route without a rule would be refused on every call: refuse to start instead, naming it.
  const unruled = routesWithoutRule(app.routes, rules);
  if (unruled.length > 0) {
    await opened.close();
    throw new Error(`${config.id}: routes without an access rule: ${unruled.join(', ')}`);
  }

  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
      log(`ready on http://${config.host}:${info.port}`);
      resolve(s);
    });
    s.once('error', reject);
  });
  return {
    url: config.publicUrl,
    stop: async () => {
      if (refresh) clearInterval(refresh);
      stopLease?.();
      await auditorFlush?.().catch(() => undefined);
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await opened.close();
    },
  };
}
