import { z } from 'zod';
import { ZNationalId } from '@/server/records/national-id';

export const ZCareRelationshipRowSchema = z.object({
  id: z.string(),
  clinicianId: z.string(),
  clinicianName: z.string(),
  patientNationalId: z.string(),
  since: z.date(),
  until: z.date().nullable(),
});
export const ZListCareRelationshipsOutputSchema = z.array(ZCareRelationshipRowSchema);

export const ZAddCareRelationshipInputSchema = z.object({
  clinicianId: z.uuid(),
  patientNationalId: ZNationalId,
  until: z.date().nullable().default(null),
});
export const ZEndCareRelationshipInputSchema = z.object({ id: z.uuid() });
