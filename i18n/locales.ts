export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'en';
export const LOCALE_COOKIE = 'NEXT_LOCALE';
/** Dates and times are shown in Luxembourg time whatever the server's zone. */
export const TIME_ZONE = 'Europe/Luxembourg';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** The regional formats of each language: day-month-year dates for English (en-GB), Luxembourg French (fr-LU). */
export const FORMAT_LOCALES: Record<Locale, string> = { en: 'en-GB', fr: 'fr-LU' };
