import { z } from 'zod';
import { ZCareListRowSchema } from '@/server/records/care-list-schema';

export const ZMyPatientsInputSchema = z.void();
export const ZMyPatientsOutputSchema = z.array(ZCareListRowSchema);
