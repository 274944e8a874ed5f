import { z } from 'zod';

export const ZOrganisationsOutputSchema = z.array(z.object({ id: z.string(), legalName: z.string() }));
