/** Start of a day typed in a date field (the browser's zone), as the instant the API filters on. */
export function dayStart(day: string): string | undefined {
  return day ? new Date(`${day}T00:00:00`).toISOString() : undefined;
}

/** The instant after a day typed in a date field, so "to" includes that whole day. */
export function dayAfter(day: string): string | undefined {
  if (!day) return undefined;
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + 1);
  return d.toISOString();
}
