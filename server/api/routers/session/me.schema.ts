import { z } from 'zod';
import { ALL_ROLES } from '@/server/auth/roles';

export const ZMeOutputSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ALL_ROLES as [string, ...string[]]),
  organisation: z.string().nullable(),
  nationalId: z.string().nullable(),
});
export type TMeOutput = z.infer<typeof ZMeOutputSchema>;
