import { z } from 'zod';

/** The first eight digits of a matricule are the birth date (YYYYMMDD): a real calendar day. */
function startsWithBirthDate(id: string): boolean {
  const [y, m, d] = [Number(id.slice(0, 4)), Number(id.slice(4, 6)), Number(id.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1900 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * A (synthetic) national health identifier, as the authority, the providers and the app all key people:
 * a Luxembourg-style matricule of 13 digits starting with the birth date. (Real matricules end in two
 * check digits, Luhn and Verhoeff; the synthetic ones do not, so those are not checked.)
 */
export const ZNationalId = z
  .string()
  .regex(/^\d{13}$/, 'A national health identifier has 13 digits.')
  .refine(startsWithBirthDate, { message: 'A national health identifier starts with a birth date (YYYYMMDD).', params: { i18n: 'nationalIdDate' } });
