import { z } from 'zod';
import { CONSENT_STATES, PROVIDER_STATUSES } from '@/server/dataspace/consumer/record-fan-out';
import { ZItemSourceSchema, ZLocalTextSchema } from './merged-record-schema';

/** One patient of "Patients in your care": who, the main problem, the latest HbA1c or the cancer and stage. */
export const ZCareListRowSchema = z.object({
  nationalId: z.string(),
  name: z.string().nullable(),
  birthDate: z.string().nullable(),
  gender: z.string().nullable(),
  mainProblem: z.object({ name: ZLocalTextSchema, date: z.string().nullable(), sources: z.array(ZItemSourceSchema) }).nullable(),
  hba1c: z.object({ mmolMol: z.number(), percent: z.number().nullable(), date: z.string().nullable(), sources: z.array(ZItemSourceSchema) }).nullable(),
  cancer: z.object({ name: ZLocalTextSchema, stage: ZLocalTextSchema.nullable(), date: z.string().nullable(), sources: z.array(ZItemSourceSchema) }).nullable(),
  locatorOk: z.boolean(),
  providers: z.array(z.object({ providerId: z.string(), legalName: z.string().nullable(), status: z.enum(PROVIDER_STATUSES), detail: z.string().nullable(), consent: z.enum(CONSENT_STATES) })),
});
export type TCareListRow = z.infer<typeof ZCareListRowSchema>;
