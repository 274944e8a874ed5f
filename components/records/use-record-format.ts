'use client';
import { useLocale } from 'next-intl';
import { useMemo } from 'react';
import { FORMAT_LOCALES, isLocale, TIME_ZONE, type Locale } from '@/i18n/locales';
import type { LocalText } from '@/server/terminology/display';

/**
 * Numbers, dates and clinical names in the user's language and regional format (en-GB, fr-LU) and the
 * Luxembourg time zone: "15 Mar 1958" / "15 mars 1958", "1.5" / "1,5".
 */
export function useRecordFormat() {
  const raw = useLocale();
  const locale: Locale = isLocale(raw) ? raw : 'en';
  return useMemo(() => {
    const tag = FORMAT_LOCALES[locale];
    const dateFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: TIME_ZONE });
    // A FHIR date without a time (birth date, onset day) is a calendar day: never shift it by a zone.
    const dayFormat = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
    const numberFormats = new Map<number, Intl.NumberFormat>();
    return {
      locale,
      tag,
      name: (text: LocalText | null | undefined): string => (text ? text[locale] : '—'),
      date: (value: string | null | undefined): string => {
        if (!value) return '—';
        const d = new Date(value);
        if (Number.isNaN(d.getTime())) return value;
        return (/^\d{4}-\d{2}-\d{2}$/.test(value) ? dayFormat : dateFormat).format(d);
      },
      number: (value: number | null | undefined, digits?: number): string => {
        if (value === null || value === undefined) return '—';
        const key = digits ?? -1;
        let f = numberFormats.get(key);
        if (!f) {
          f = new Intl.NumberFormat(tag, digits === undefined ? { maximumFractionDigits: 2 } : { minimumFractionDigits: digits, maximumFractionDigits: digits });
          numberFormats.set(key, f);
        }
        return f.format(value);
      },
    };
  }, [locale]);
}

export type RecordFormat = ReturnType<typeof useRecordFormat>;

/** Age in whole years on a given day, from a FHIR birth date. */
export function ageOn(birthDate: string, today = new Date()): number {
  const b = new Date(`${birthDate.slice(0, 10)}T00:00:00Z`);
  let age = today.getUTCFullYear() - b.getUTCFullYear();
  const m = today.getUTCMonth() - b.getUTCMonth();
  if (m < 0 || (m === 0 && today.getUTCDate() < b.getUTCDate())) age -= 1;
  return age;
}
