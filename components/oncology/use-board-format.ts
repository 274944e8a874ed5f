'use client';
import { useLocale } from 'next-intl';
import { useMemo } from 'react';
import { FORMAT_LOCALES, isLocale, TIME_ZONE } from '@/i18n/locales';

/** A session's date and time as a meeting is announced: "Thu 3 Dec 2026, 14:00" / "jeu. 3 déc. 2026, 14:00", Luxembourg time. */
export function useSessionTime() {
  const raw = useLocale();
  const tag = FORMAT_LOCALES[isLocale(raw) ? raw : 'en'];
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(tag, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE });
    return (value: Date | string) => format.format(typeof value === 'string' ? new Date(value) : value);
  }, [tag]);
}
