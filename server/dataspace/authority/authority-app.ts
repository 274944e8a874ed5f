import { eq } from 'drizzle-orm';
import { Hono } from 'hono';
import type { Database } from '@/db/client';
import { registryParticipant } from '@/db/participant/schema/registry';
import { publicJwks, type ParticipantKeyPair } from '@/server/dataspace/protocol/participant-keys';
import type { ReplayGuard } from '@/server/dataspace/protocol/replay-guard';
import { readSetting, writeSetting } from '@/db/participant/settings';
import { callParticipant } from '@/server/dataspace/protocol/participant-http';
import { enforceRouteAccess, type AccessEnv } from '@/server/dataspace/runtime/route-access-middleware';
import type { RouteRule } from '@/server/dataspace/runtime/route-access';
import { SoleWriterCache } from '@/db/sole-writer-cache';
import { ACCESS_EVENT_ROUTES, registerAccessEventIndex } from './access-event-index';
import { registryStatus, type AuthorityContext, type RegistryCache } from './authority-context';
import { CONSENT_ROUTES, registerConsentService } from './consent-service';
import { ConsentSubscriptions } from './consent-subscriptions';
import { DEFAULT_CONSENT_POLICY, type TConsentDefaults } from './default-consents';
import { problem } from './problem';
import { RECORD_LOCATOR_ROUTES, registerRecordLocator } from './record-locator';
import { REGISTRY_ROUTES, registerRegistryService } from './registry-service';

export const DEFAULT_CONSENT_LEASE_SECONDS = 15;

/** Every route of the authority with who may call it; a request no rule covers is refused. */
export const AUTHORITY_ROUTES: readonly RouteRule[] = [
  ...Object.values(REGISTRY_ROUTES),
  ...Object.values(CONSENT_ROUTES),
  ...Object.values(RECORD_LOCATOR_ROUTES),
  ...Object.values(ACCESS_EVENT_ROUTES),
];

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
  /** The deployment's consent defaults (CONSENT_DEFAULTS_FILE); the EHDS model when absent. */
  consentDefaults?: TConsentDefaults;
  /** Where a person withdraws consent, written into every receipt (PATIENT_PORTAL_URL). */
  withdrawalUrl?: string;
}

const CONSENT_LEASES_SETTING = 'consent-leases';

/** How long a provider has to acknowledge a consent invalidation before its lease is waited out instead. */
const INVALIDATION_ACK_TIMEOUT_MS = 2000;

/** The ehealth agency: registry and credentials, consents and decisions, record locator, access-event index, behind one door. */
export function createAuthorityApp(opts: AuthorityOptions) {
  const { db } = opts;
  const app = new Hono<AccessEnv>();
  const registry: RegistryCache = new SoleWriterCache();
  const isActive = registryStatus(db, registry);

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
  const ctx: AuthorityContext = { id: opts.id, db, key: opts.key, operatorToken: opts.operatorToken, registry, isActive, subscriptions };

  app.onError((error, c) => {
    console.error(`[${opts.id}]`, error);
    return c.json({ error: 'internal', detail: 'the authority could not process the request' }, 500);
  });
  app.use(
    '*',
    enforceRouteAccess(AUTHORITY_ROUTES, {
      self: opts.id,
      authorityId: opts.id,
      authorityJwks: async () => publicJwks(opts.key),
      isActive,
      replay: opts.replay,
      operatorToken: () => opts.operatorToken,
    }),
  );

  registerRegistryService(app, ctx);
  const { consentsChanged } = registerConsentService(app, ctx, { defaults: opts.consentDefaults ?? DEFAULT_CONSENT_POLICY, withdrawalUrl: opts.withdrawalUrl ?? 'http://127.0.0.1:3000/my-data' });
  registerRecordLocator(app, ctx, consentsChanged);
  registerAccessEventIndex(app, ctx);

  app.notFound((c) => problem(c, 404, 'not-found'));
  return app;
}
