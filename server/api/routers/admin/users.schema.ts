import { z } from 'zod';
import { ALL_ROLES, type Role } from '@/server/auth/roles';
import { userText } from '@/server/api/text-input';

const ZRoleSchema = z.enum(ALL_ROLES as [Role, ...Role[]]);

export const ZUserRowSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: ZRoleSchema,
  organisation: z.string().nullable(),
  nationalId: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.date(),
});
export const ZListUsersOutputSchema = z.array(ZUserRowSchema);

/** Luxembourg matricule: 13 digits, birth date first (YYYYMMDD). */
import { ZNationalId } from '@/server/records/national-id';

export const ZCreateUserInputSchema = z
  .object({
    email: z.string().trim().toLowerCase().email().max(254),
    name: userText({ min: 2, max: 120 }),
    role: ZRoleSchema,
    organisation: userText({ min: 2, max: 80 }).nullable(),
    nationalId: ZNationalId.nullable(),
    // NIST SP 800-63B: length over composition rules; 12 characters minimum.
    password: z.string().min(12, 'At least 12 characters.').max(200),
  })
  .refine((u) => u.role !== 'patient' || u.nationalId !== null, { message: 'A patient needs a national health identifier.', path: ['nationalId'], params: { i18n: 'patientNeedsNationalId' } })
  .refine((u) => !['endocrinologist', 'oncologist'].includes(u.role) || u.organisation !== null, {
    message: 'A clinician needs an organisation.',
    path: ['organisation'],
    params: { i18n: 'clinicianNeedsOrganisation' },
  });
export type TCreateUserInput = z.infer<typeof ZCreateUserInputSchema>;

export const ZSetUserDisabledInputSchema = z.object({ userId: z.uuid(), disabled: z.boolean() });
