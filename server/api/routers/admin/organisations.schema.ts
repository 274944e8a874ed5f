import { z } from 'zod';

/** `available: false` when the registry cannot be asked now (the list is then empty and a new professional cannot be created). */
export const ZOrganisationsOutputSchema = z.object({
  available: z.boolean(),
  organisations: z.array(z.object({ id: z.string(), legalName: z.string() })),
});
