'use client';
import { useFormatter } from 'next-intl';

/** A date-time in the user's locale and the Luxembourg time zone (set in i18n/request.ts), 24-hour clock as in clinical records. */
export function FormattedTime({ value }: { value: string | Date }) {
  const format = useFormatter();
  const date = typeof value === 'string' ? new Date(value) : value;
  return <time dateTime={date.toISOString()}>{format.dateTime(date, { dateStyle: 'medium', timeStyle: 'medium', hourCycle: 'h23' })}</time>;
}
