import { eq, inArray } from 'drizzle-orm';
import type { Hono } from 'hono';
import { z } from 'zod';
import { recordLocation } from '@/db/participant/schema/record-locator';
import { onRule, type AccessEnv } from '@/server/dataspace/runtime/route-access-middleware';
import type { RouteRule } from '@/server/dataspace/runtime/route-access';
import { ZNationalId } from '@/server/records/national-id';
import type { AuthorityContext } from './authority-context';
import { generatedConsentRules } from './default-consents';
import { seedConsentVersions } from './consent-registry';
import { problem } from './problem';

/** The record locator's routes: which providers hold a person's data. */
export const RECORD_LOCATOR_ROUTES = {
  // Consumers ask it before a record read (they then ask each provider, which decides on consent).
  locate: { method: 'GET', path: '/record-locator/:nationalId', access: ['participant:consumer'] },
  // A provider registers the people it holds, always under its own id.
  register: { method: 'POST', path: '/record-locator', access: ['participant:provider'] },
} as const satisfies Record<string, RouteRule>;

export function registerRecordLocator(app: Hono<AccessEnv>, ctx: AuthorityContext, consentsChanged: () => void): void {
  const { db } = ctx;

  onRule(app, RECORD_LOCATOR_ROUTES.locate, async (c) => {
    const id = ZNationalId.safeParse(c.req.param('nationalId'));
    if (!id.success) return problem(c, 400, 'invalid-national-id');
    const rows = await db.select().from(recordLocation).where(eq(recordLocation.nationalId, id.data));
    return c.json({ nationalId: id.data, providers: rows.map((r) => r.providerId).sort() });
  });

  // New people also get their deterministic synthetic consent choices.
  onRule(app, RECORD_LOCATOR_ROUTES.register, async (c) => {
    const parsed = z.object({ nationalIds: z.array(ZNationalId).min(1).max(10_000) }).safeParse(await c.req.json().catch(() => null));
    if (!parsed.success) return problem(c, 400, 'invalid-locator-update', z.flattenError(parsed.error));
    const provider = c.get('participant').participantId;
    await db.transaction(async (tx) => {
      const ids = parsed.data.nationalIds;
      const known = new Set((await tx.select({ id: recordLocation.nationalId }).from(recordLocation).where(inArray(recordLocation.nationalId, ids))).map((r) => r.id));
      await tx.insert(recordLocation).values(ids.map((nationalId) => ({ nationalId, providerId: provider }))).onConflictDoNothing();
      const seeded = ids.filter((id) => !known.has(id)).map((patient) => ({ patient, rules: generatedConsentRules(patient) })).filter((s) => s.rules.length > 0);
      await seedConsentVersions(tx, ctx.id, seeded, 'synthetic-seed');
    });
    // No push to the providers: rules are generated only for people no provider had registered, and a
    // provider registers the people it holds before it serves them, so none can have kept a decision.
    consentsChanged();
    return c.json({ provider, registered: parsed.data.nationalIds.length });
  });
}
