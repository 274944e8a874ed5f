import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import { careRelationships } from '@/db/app/schema/care-relationships';
import { users } from '@/db/app/schema/users';
import type { TSignedInContext } from '@/server/api/trpc';
import { inTransaction } from '@/server/api/in-transaction';
import { AppError } from '@/server/api/app-error';
import { CLINICIAN_ROLES } from '@/server/auth/roles';
import { recordUserAction } from '@/server/audit/record-user-action';
import { AUDIT_ACTIONS, AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import type { ZAddCareRelationshipInputSchema, ZEndCareRelationshipInputSchema } from './careRelationships.schema';

export async function listCareRelationshipsHandler({ ctx }: { ctx: TSignedInContext }) {
  return ctx.db
    .select({
      id: careRelationships.id,
      clinicianId: careRelationships.clinicianId,
      clinicianName: users.name,
      patientNationalId: careRelationships.patientNationalId,
      since: careRelationships.since,
      until: careRelationships.until,
    })
    .from(careRelationships)
    .innerJoin(users, eq(users.id, careRelationships.clinicianId))
    .orderBy(asc(users.name), asc(careRelationships.patientNationalId));
}

export async function addCareRelationshipHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZAddCareRelationshipInputSchema> }) {
  const [clinician] = await ctx.db.select({ role: users.role }).from(users).where(eq(users.id, input.clinicianId));
  if (!clinician || !CLINICIAN_ROLES.includes(clinician.role)) throw new AppError('BAD_REQUEST', 'Care relationships are for clinicians only.');
  if (input.until && input.until.getTime() <= Date.now()) throw new AppError('BAD_REQUEST', 'The end date must be in the future.');
  const [open] = await ctx.db
    .select({ id: careRelationships.id })
    .from(careRelationships)
    .where(
      and(eq(careRelationships.clinicianId, input.clinicianId), eq(careRelationships.patientNationalId, input.patientNationalId), isNull(careRelationships.until)),
    );
  if (open) throw new AppError('CONFLICT', 'This clinician already cares for this patient.');
  return inTransaction(ctx, async (ctx) => {
    const [created] = await ctx.db
      .insert(careRelationships)
      .values({ clinicianId: input.clinicianId, patientNationalId: input.patientNationalId, until: input.until, createdBy: ctx.user.id })
      .returning({ id: careRelationships.id });
    await recordUserAction(ctx, {
      subtype: AUDIT_SUBTYPES.careRelationshipCreated,
      action: AUDIT_ACTIONS.create,
      patientNationalId: input.patientNationalId,
      entity: { type: 'CareRelationship', id: created?.id, clinicianId: input.clinicianId },
    });
    return { id: created?.id ?? '' };
  });
}

export async function endCareRelationshipHandler({ ctx, input }: { ctx: TSignedInContext; input: z.infer<typeof ZEndCareRelationshipInputSchema> }) {
  return inTransaction(ctx, async (ctx) => {
    const [ended] = await ctx.db
      .update(careRelationships)
      .set({ until: new Date() })
      .where(and(eq(careRelationships.id, input.id), isNull(careRelationships.until)))
      .returning({ id: careRelationships.id, patientNationalId: careRelationships.patientNationalId });
    if (!ended) throw new AppError('NOT_FOUND', 'No open care relationship with this id.');
    await recordUserAction(ctx, {
      subtype: AUDIT_SUBTYPES.careRelationshipEnded,
      action: AUDIT_ACTIONS.update,
      patientNationalId: ended.patientNationalId,
      entity: { type: 'CareRelationship', id: ended.id },
    });
    return { id: ended.id };
  });
}
