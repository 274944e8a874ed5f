import { z } from 'zod';

// PostgreSQL has no year 0 and JavaScript dates reach ±275,760: bound instants to years a record can carry.
const inRange = (ms: number) => {
  const year = new Date(ms).getUTCFullYear();
  return year >= 1900 && year <= 9999;
};

/** An ISO 8601 instant with an offset, in years 1900–9999 (anything else is a 400, never a database error). */
export const ZInstant = z.iso.datetime({ offset: true }).refine((s) => inRange(Date.parse(s)), { message: 'The date must lie between the years 1900 and 9999.' });

/** A Date in years 1900–9999. */
export const ZInstantDate = z.date().refine((d) => inRange(d.getTime()), { message: 'The date must lie between the years 1900 and 9999.' });
