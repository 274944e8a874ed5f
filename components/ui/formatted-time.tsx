'use client';
import { useLocale } from 'next-intl';
import { FORMAT_LOCALES, isLocale, TIME_ZONE } from '@/i18n/locales';

/**
 * A date-time in the user's regional format (en-GB, fr-LU: day before month, as a Luxembourg clinician
 * reads it) and the Luxembourg time zone, 24-hour clock as in clinical records. next-intl's formatter
 * would use the bare language tag, and `en` formats month-first (US style).
 */
export function FormattedTime({ value }: { value: string | Date }) {
  const raw = useLocale();
  const tag = FORMAT_LOCALES[isLocale(raw) ? raw : 'en'];
  const date = typeof value === 'string' ? new Date(value) : value;
  const text = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23', timeZone: TIME_ZONE }).format(date);
  return <time dateTime={date.toISOString()}>{text}</time>;
}
