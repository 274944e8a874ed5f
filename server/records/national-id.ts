import { z } from 'zod';

/** A (synthetic) national health identifier, as the authority, the providers and the app all key people. */
export const ZNationalId = z.string().regex(/^\d{13}$/, 'A national health identifier has 13 digits.');
