import { z } from 'zod';
import { ZNationalId } from '@/server/records/national-id';

export const ZLocateInputSchema = z.object({ nationalId: ZNationalId });
/** `known`: some provider in the dataspace holds records about this person (the authority's record locator). */
export const ZLocateOutputSchema = z.object({ known: z.boolean() });
