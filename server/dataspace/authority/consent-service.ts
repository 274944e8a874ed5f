import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import type { Hono } from 'hono';
import { z } from 'zod';
import { consentRule } from '@/db/participant/schema/consent';
import { registryParticipant } from '@/db/participant/schema/registry';
import { DATA_CATEGORIES, type DataCategory } from '@/server/fhir/data-category';
import { PURPOSES } from '@/server/dataspace/protocol/purpose-of-use';
import { onRule, type AccessEnv } from '@/server/dataspace/runtime/route-access-middleware';
import type { RouteCaller, RouteRule } from '@/server/dataspace/runtime/route-access';
import { SoleWriterCache } from '@/db/sole-writer-cache';
import { ZNationalId } from '@/server/records/national-id';
import { logStewardAccess, patientInScope } from './access-event-index';
import type { AuthorityContext } from './authority-context';
import { decide, EVERYONE, msUntilRulesChange, type ConsentRuleView } from './policy-decision';
import { problem } from './problem';

/**
 * The consent registry's and the policy decision point's routes. Providers get decisions, never the
 * rules; a person's rules are read and changed only on that person's behalf or by a steward.
 */
export const CONSENT_ROUTES = {
  decide: { method: 'POST', path: '/pdp/decide', access: ['participant:provider'] },
  lease: { method: 'POST', path: '/pdp/subscriptions', access: ['participant:provider'] },
  cohort: { method: 'POST', path: '/pdp/cohort', access: ['participant:provider'] },
  read: { method: 'GET', path: '/consents', access: ['patient-assertion', 'steward'] },
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
const ZConsent = z.object({
  patient: ZNationalId,
  decision: z.enum(['permit', 'deny']),
  purpose: ZPurpose.nullable().default(null),
  organisation: z.string().min(1).nullable().default(null),
  professional: z.string().min(1).nullable().default(null),
  dataCategory: ZCategory.nullable().default(null),
  validFrom: z.coerce.date().nullable().default(null),
  validUntil: z.coerce.date().nullable().default(null),
});

function toView(row: typeof consentRule.$inferSelect): ConsentRuleView {
  return { ...row, validFrom: row.validFrom, validUntil: row.validUntil, withdrawnAt: row.withdrawnAt };
}

/** Who wrote a rule, as recorded with it: the portal and the patient, or the portal and the steward. */
function author(caller: RouteCaller): { source: 'patient' | 'steward'; by: string } {
  const portal = caller.participant?.participantId ?? 'unknown';
  if (caller.steward) return { source: 'steward', by: `${portal}:steward:${caller.steward.userId}` };
  return { source: 'patient', by: `${portal}:patient:${caller.patient?.nationalId ?? 'unknown'}` };
}

/** Consent registry and policy decision point. Returns the hook other writers of consent rules call. */
export function registerConsentService(app: Hono<AccessEnv>, ctx: AuthorityContext): { consentsChanged: () => void } {
  const { db, registry, subscriptions } = ctx;
  // A person's rules and the defaults, from memory between consent writes: each write below calls
  // consents.changed() after it commits and before it answers, so a withdrawal counts from the next decision.
  const consents = new SoleWriterCache<ConsentRuleView[]>();
  const loadRules = (patient: string) =>
    consents.get(patient, async () => (await db.select().from(consentRule).where(or(eq(consentRule.patientNationalId, patient), eq(consentRule.patientNationalId, EVERYONE)))).map(toView));
  const status = async (id: string): Promise<string | null> => {
    const v = await registry.get(`organisation|${id}`, async () => (await db.select({ status: registryParticipant.status }).from(registryParticipant).where(eq(registryParticipant.id, id)))[0]?.status ?? null);
    return typeof v === 'string' ? v : null;
  };

  onRule(app, CONSENT_ROUTES.decide, async (c) => {
    const parsed = ZDecide.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-decision-request', z.flattenError(parsed.error));
    const req = parsed.data;
    // A revoked consumer, or a revoked participant the professional belongs to, gets nothing, whatever
    // the patient said. (A professional's organisation need not be a participant: rules may still name it.)
    const [consumerStatus, organisationStatus] = await Promise.all([status(req.consumer), status(req.organisation)]);
    if (consumerStatus !== 'active' || (organisationStatus !== null && organisationStatus !== 'active')) {
      return c.json({ decision: 'deny', status: 'withdrawn', categories: Object.fromEntries(req.categories.map((k) => [k, 'deny'])), basis: ['organisation-not-active'] });
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

  onRule(app, CONSENT_ROUTES.read, async (c) => {
    const patient = ZNationalId.safeParse(c.req.query('patient'));
    if (!patient.success) return problem(c, 400, 'patient-required', 'query parameter patient must be a 13-digit national health id');
    const caller = c.get('access');
    const refused = patientInScope(c, caller, patient.data);
    if (refused) return refused;
    await logStewardAccess(ctx, caller, patient.data, 'read-consents');
    const rows = await db.select().from(consentRule).where(or(eq(consentRule.patientNationalId, patient.data), eq(consentRule.patientNationalId, EVERYONE))).orderBy(desc(consentRule.recordedAt));
    return c.json({ patient: patient.data, rules: rows.map((r) => ({ ...r, appliesTo: r.patientNationalId === EVERYONE ? 'everyone' : 'patient' })) });
  });

  onRule(app, CONSENT_ROUTES.record, async (c) => {
    const parsed = ZConsent.safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-consent', z.flattenError(parsed.error));
    const v = parsed.data;
    if (v.validFrom && v.validUntil && v.validUntil <= v.validFrom) return problem(c, 400, 'invalid-consent', 'validUntil must be after validFrom');
    const caller = c.get('access');
    const refused = patientInScope(c, caller, v.patient);
    if (refused) return refused;
    const { source, by } = author(caller);
    const [row] = await db
      .insert(consentRule)
      .values({ patientNationalId: v.patient, decision: v.decision, purpose: v.purpose, organisation: v.organisation, professional: v.professional, dataCategory: v.dataCategory, validFrom: v.validFrom, validUntil: v.validUntil, source, recordedBy: by })
      .returning();
    consents.changed();
    await subscriptions.invalidate({ patients: [v.patient] });
    return c.json(row, 201);
  });

  onRule(app, CONSENT_ROUTES.withdraw, async (c) => {
    const id = z.string().uuid().safeParse(c.req.param('id'));
    if (!id.success) return problem(c, 404, 'unknown-consent');
    const caller = c.get('access');
    // A patient withdraws only their own rules (the condition is part of the update, so nothing else is touched).
    const own = caller.patient ? eq(consentRule.patientNationalId, caller.patient.nationalId) : undefined;
    const [row] = await db
      .update(consentRule)
      .set({ withdrawnAt: new Date(), withdrawnBy: author(caller).by })
      .where(and(eq(consentRule.id, id.data), isNull(consentRule.withdrawnAt), own))
      .returning();
    if (!row) {
      // Rule ids are random UUIDs, so saying that one belongs to someone else reveals nothing guessable.
      const [other] = caller.patient ? await db.select({ id: consentRule.id }).from(consentRule).where(and(eq(consentRule.id, id.data), isNull(consentRule.withdrawnAt))) : [];
      if (other) return problem(c, 403, 'not-this-patient', 'a patient assertion allows withdrawing that patient\'s own rules only');
      return problem(c, 404, 'unknown-or-withdrawn-consent');
    }
    consents.changed();
    await subscriptions.invalidate({ patients: [row.patientNationalId] });
    return c.json(row);
  });

  return { consentsChanged: () => consents.changed() };
}
