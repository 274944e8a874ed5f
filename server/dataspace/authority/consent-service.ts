import { randomUUID } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { registryParticipant } from '@/db/participant/schema/registry';
import { eq } from 'drizzle-orm';
import { DATA_CATEGORIES, type DataCategory } from '@/server/fhir/data-category';
import { PURPOSES } from '@/server/dataspace/protocol/purpose-of-use';
import { onRule, type AccessEnv } from '@/server/dataspace/runtime/route-access-middleware';
import type { RouteCaller, RouteRule } from '@/server/dataspace/runtime/route-access';
import { SoleWriterCache } from '@/db/sole-writer-cache';
import { ZNationalId } from '@/server/records/national-id';
import { logStewardAccess, patientInScope } from './access-event-index';
import type { AuthorityContext } from './authority-context';
import { provisionsOf, rulesOf, type ConsentProvisionSpec } from './consent-resource';
import { ConsentRegistry, type ConsentVersionRow, type WriteOutcome } from './consent-registry';
import { signReceiptFor } from './consent-receipts';
import { defaultRules, type TConsentDefaults } from './default-consents';
import { decide, msUntilRulesChange, type ConsentRuleView } from './policy-decision';
import { problem } from './problem';

/**
 * The consent registry's and the policy decision point's routes. Providers get decisions, never the
 * rules; a person's consent is read and changed only on that person's behalf or by a steward.
 */
export const CONSENT_ROUTES = {
  decide: { method: 'POST', path: '/pdp/decide', access: ['participant:provider'] },
  lease: { method: 'POST', path: '/pdp/subscriptions', access: ['participant:provider'] },
  cohort: { method: 'POST', path: '/pdp/cohort', access: ['participant:provider'] },
  // The portal asks, before it shows a list or grants break-glass, what consent says (a decision, no rules).
  status: { method: 'POST', path: '/pdp/status', access: ['participant:consumer'] },
  read: { method: 'GET', path: '/consents', access: ['patient-assertion', 'steward'] },
  history: { method: 'GET', path: '/consents/history', access: ['patient-assertion', 'steward'] },
  change: { method: 'POST', path: '/consents/versions', access: ['patient-assertion', 'steward'] },
  record: { method: 'POST', path: '/consents', access: ['patient-assertion', 'steward'] },
  withdraw: { method: 'POST', path: '/consents/:id/withdraw', access: ['patient-assertion', 'steward'] },
} as const satisfies Record<string, RouteRule>;

const ZCategory = z.enum(Object.values(DATA_CATEGORIES) as [DataCategory, ...DataCategory[]]);
const ZPurpose = z.enum(Object.values(PURPOSES) as [string, ...string[]]);
const ZDecide = z.object({
  patient: ZNationalId,
  purpose: ZPurpose,
  /** The participant that asks for the data (its credential must be active). */
  consumer: z.string().min(1),
  /** The professional's own organisation, from the consumer's signed practitioner assertion: what rules name. */
  organisation: z.string().min(1),
  professional: z.string().min(1).optional(),
  categories: z.array(ZCategory).min(1),
});
const ZRule = z
  .object({
    decision: z.enum(['permit', 'deny']),
    purpose: ZPurpose.nullable().default(null),
    organisation: z.string().min(1).max(200).nullable().default(null),
    professional: z.string().min(1).max(200).nullable().default(null),
    dataCategory: ZCategory.nullable().default(null),
    validFrom: z.iso.datetime({ offset: true }).nullable().default(null),
    validUntil: z.iso.datetime({ offset: true }).nullable().default(null),
  })
  .refine((r) => !r.validFrom || !r.validUntil || new Date(r.validUntil) > new Date(r.validFrom), 'validUntil must be after validFrom');
const ZConsent = z.intersection(z.object({ patient: ZNationalId }), ZRule);
const ZChange = z.object({
  patient: ZNationalId,
  /** The version the author saw (0 when the person had none): a different current version is a conflict. */
  baseVersion: z.number().int().min(0),
  idempotencyKey: z.string().min(8).max(100),
  rules: z.array(z.intersection(z.object({ id: z.string().regex(/^[A-Za-z0-9.:-]{1,64}$/).optional() }), ZRule)).max(100),
});
const ZStatus = z.object({
  purpose: ZPurpose,
  organisation: z.string().min(1),
  professional: z.string().min(1).optional(),
  patients: z.array(ZNationalId).min(1).max(500),
});

/** Who wrote a version, as recorded with it: the portal and the patient, or the portal and the steward. */
function author(caller: RouteCaller): { source: 'patient' | 'steward'; by: string } {
  const portal = caller.participant?.participantId ?? 'unknown';
  if (caller.steward) return { source: 'steward', by: `${portal}:steward:${caller.steward.userId}` };
  return { source: 'patient', by: `${portal}:patient:${caller.patient?.nationalId ?? 'unknown'}` };
}

/** What a provider holding a consent lease did with the change: took it, or could not be reached and its lease ran out. */
export interface ProviderApplication {
  provider: string;
  status: 'applied' | 'lease-expired';
  /** When the change held there: its acknowledgement, or the end of its lease. */
  at: string;
}

function versionView(row: ConsentVersionRow) {
  return { version: row.version, recordedAt: row.recordedAt.toISOString(), recordedBy: row.recordedBy, source: row.source, consent: row.resource, rules: provisionsOf(row.resource), receipt: row.receipt };
}

export interface ConsentServiceOptions {
  defaults: TConsentDefaults;
  /** Where a person withdraws (written into every receipt). */
  withdrawalUrl: string;
}

/** Consent registry and policy decision point. Returns the hook other writers of consents call. */
export function registerConsentService(app: Hono<AccessEnv>, ctx: AuthorityContext, opts: ConsentServiceOptions): { consentsChanged: () => void; registry: ConsentRegistry } {
  const { db, registry: participants, subscriptions } = ctx;
  const registry = new ConsentRegistry(db, ctx.id);
  const defaults = defaultRules(opts.defaults);
  // A person's rules, from memory between consent writes: each write below calls consents.changed()
  // after it commits and before it answers, so a withdrawal counts from the next decision.
  const consents = new SoleWriterCache<ConsentRuleView[]>();
  const ownRules = (patient: string) =>
    consents.get(patient, async () => {
      const row = await registry.current(patient);
      return row ? rulesOf(row.resource, patient) : [];
    });
  const loadRules = async (patient: string) => [...defaults, ...(await ownRules(patient))];
  const status = async (id: string): Promise<string | null> => {
    const v = await participants.get(`organisation|${id}`, async () => (await db.select({ status: registryParticipant.status }).from(registryParticipant).where(eq(registryParticipant.id, id)))[0]?.status ?? null);
    return typeof v === 'string' ? v : null;
  };

  /** Pushes the change to the providers and says, per provider, when it held there. */
  const propagate = async (patient: string): Promise<ProviderApplication[]> => {
    consents.changed();
    const result = await subscriptions.invalidate({ patients: [patient] });
    const at = new Date().toISOString();
    return [
      ...result.acknowledged.map((provider) => ({ provider, status: 'applied' as const, at })),
      ...result.waitedOut.map((provider) => ({ provider, status: 'lease-expired' as const, at: new Date(result.leaseEnds[provider] ?? Date.now()).toISOString() })),
    ].sort((a, b) => a.provider.localeCompare(b.provider));
  };

  const sign = (resource: Parameters<typeof signReceiptFor>[0], row: Parameters<typeof signReceiptFor>[1]) => signReceiptFor(resource, row, { id: ctx.id, key: ctx.key, withdrawalUrl: opts.withdrawalUrl });

  /** Answers a write: the new version with its receipt and the providers' result, or the repeated one, or a conflict. */
  const answer = async (c: Context, outcome: WriteOutcome, extra: Record<string, unknown> = {}) => {
    if (outcome.outcome === 'conflict') {
      return c.json({ error: 'version-conflict', detail: 'the consent was changed meanwhile (another device or tab); nothing was written: reload and choose again', current: outcome.current ? versionView(outcome.current) : null }, 409);
    }
    // A repeat still waits for the providers: the first request may have been cut before they acknowledged.
    const providers = await propagate(outcome.row.patientNationalId);
    return c.json({ ...versionView(outcome.row), repeated: outcome.outcome === 'repeated', providers, ...extra }, outcome.outcome === 'created' ? 201 : 200);
  };

  onRule(app, CONSENT_ROUTES.decide, async (c) => {
    const parsed = ZDecide.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-decision-request', z.flattenError(parsed.error));
    const req = parsed.data;
    // A revoked consumer, or a revoked participant the professional belongs to, gets nothing, whatever
    // the patient said. (A professional's organisation need not be a participant: rules may still name it.)
    const [consumerStatus, organisationStatus] = await Promise.all([status(req.consumer), status(req.organisation)]);
    if (consumerStatus !== 'active' || (organisationStatus !== null && organisationStatus !== 'active')) {
      return c.json({ decision: 'deny', status: 'withdrawn', categories: Object.fromEntries(req.categories.map((k) => [k, 'deny'])), basis: ['organisation-not-active'], consentVersion: null });
    }
    const rules = await loadRules(req.patient);
    return c.json({ ...decide(req, rules), cacheUntilMs: msUntilRulesChange(rules) });
  });

  // A provider takes or renews its consent-decision lease.
  onRule(app, CONSENT_ROUTES.lease, async (c) => c.json(await subscriptions.renew(c.get('participant').participantId)));

  // Bulk: which of these people allow a (secondary-use) purpose for all their data; used for cohort statistics.
  onRule(app, CONSENT_ROUTES.cohort, async (c) => {
    const parsed = z.object({ purpose: ZPurpose, organisation: z.string().min(1), patients: z.array(ZNationalId).max(250_000) }).safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-cohort-request', z.flattenError(parsed.error));
    const { purpose, organisation, patients } = parsed.data;
    const own = await registry.currentOf(patients);
    const categories = Object.values(DATA_CATEGORIES);
    const permitted = patients.filter((patient) => {
      const row = own.get(patient);
      return decide({ patient, purpose, organisation, categories }, [...defaults, ...(row ? rulesOf(row.resource, patient) : [])]).decision === 'permit';
    });
    return c.json({ purpose, permitted });
  });

  onRule(app, CONSENT_ROUTES.status, async (c) => {
    const parsed = ZStatus.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-status-request', z.flattenError(parsed.error));
    const { purpose, organisation, professional, patients } = parsed.data;
    const categories = Object.values(DATA_CATEGORIES);
    const statuses: Record<string, { status: string; consentVersion: unknown }> = {};
    for (const patient of patients) {
      const d = decide({ patient, purpose, organisation, professional, categories }, await loadRules(patient));
      statuses[patient] = { status: d.status, consentVersion: d.consentVersion };
    }
    return c.json({ purpose, statuses });
  });

  const scoped = async (c: Context<AccessEnv>, action: string): Promise<string | Response> => {
    const patient = ZNationalId.safeParse(c.req.query('patient'));
    if (!patient.success) return problem(c, 400, 'patient-required', 'query parameter patient must be a 13-digit national health id');
    const caller = c.get('access');
    const refused = patientInScope(c, caller, patient.data);
    if (refused) return refused;
    await logStewardAccess(ctx, caller, patient.data, action);
    return patient.data;
  };

  onRule(app, CONSENT_ROUTES.read, async (c) => {
    const patient = await scoped(c, 'read-consents');
    if (typeof patient !== 'string') return patient;
    const row = await registry.current(patient);
    const own = row ? provisionsOf(row.resource).map((p) => ({ ...p, appliesTo: 'patient' as const })) : [];
    const everyone = defaults.map((d) => ({ id: d.id, decision: d.decision, purpose: d.purpose, organisation: null, professional: null, dataCategory: d.dataCategory, validFrom: null, validUntil: null, appliesTo: 'everyone' as const }));
    return c.json({ patient, version: row?.version ?? 0, recordedAt: row?.recordedAt.toISOString() ?? null, consent: row?.resource ?? null, receipt: row?.receipt ?? null, rules: [...own, ...everyone] });
  });

  onRule(app, CONSENT_ROUTES.history, async (c) => {
    const patient = await scoped(c, 'read-consent-history');
    if (typeof patient !== 'string') return patient;
    return c.json({ patient, versions: (await registry.history(patient)).map(versionView) });
  });

  // The dashboard's write: the person's whole rule set as they now want it, on top of the version they saw.
  onRule(app, CONSENT_ROUTES.change, async (c) => {
    const parsed = ZChange.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-consent-change', z.flattenError(parsed.error));
    const v = parsed.data;
    const caller = c.get('access');
    const refused = patientInScope(c, caller, v.patient);
    if (refused) return refused;
    const ids = new Set<string>();
    const rules: ConsentProvisionSpec[] = v.rules.map((r) => ({ ...r, id: r.id ?? randomUUID() }));
    for (const r of rules) {
      if (ids.has(r.id)) return problem(c, 400, 'invalid-consent-change', `rule id ${r.id} appears twice`);
      ids.add(r.id);
    }
    const { source, by } = author(caller);
    const outcome = await registry.write({ patient: v.patient, baseVersion: v.baseVersion, rules, source, by, idempotencyKey: v.idempotencyKey, sign });
    return answer(c, outcome);
  });

  // One rule added on top of the current version (a steward's or a script's shortcut).
  onRule(app, CONSENT_ROUTES.record, async (c) => {
    const parsed = ZConsent.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-consent', z.flattenError(parsed.error));
    const { patient, ...rule } = parsed.data;
    const caller = c.get('access');
    const refused = patientInScope(c, caller, patient);
    if (refused) return refused;
    const { source, by } = author(caller);
    const added: ConsentProvisionSpec = { ...rule, id: randomUUID() };
    const current = await registry.current(patient);
    const outcome = await registry.write({ patient, baseVersion: current?.version ?? 0, rules: [...(current ? provisionsOf(current.resource) : []), added], source, by, idempotencyKey: null, sign });
    return answer(c, outcome, { ...added, patientNationalId: patient });
  });

  // One rule removed, as a new version: the rule's id is its provision's id, the same in every version.
  onRule(app, CONSENT_ROUTES.withdraw, async (c) => {
    const id = z.string().regex(/^[A-Za-z0-9.:-]{1,64}$/).safeParse(c.req.param('id'));
    if (!id.success) return problem(c, 404, 'unknown-consent');
    const caller = c.get('access');
    const patient = ZNationalId.safeParse(c.req.query('patient') ?? caller.patient?.nationalId);
    if (!patient.success) return problem(c, 400, 'patient-required', 'query parameter patient must be a 13-digit national health id');
    const refused = patientInScope(c, caller, patient.data);
    if (refused) return refused;
    const current = await registry.current(patient.data);
    const rules = current ? provisionsOf(current.resource) : [];
    const withdrawn = rules.find((r) => r.id === id.data);
    // Only that person's own consent is looked at, so another person's rule is simply unknown here.
    if (!current || !withdrawn) return problem(c, 404, 'unknown-or-withdrawn-consent');
    const { source, by } = author(caller);
    const outcome = await registry.write({ patient: patient.data, baseVersion: current.version, rules: rules.filter((r) => r.id !== id.data), source, by, idempotencyKey: null, sign });
    return answer(c, outcome, { ...withdrawn, patientNationalId: patient.data });
  });

  return { consentsChanged: () => consents.changed(), registry };
}
