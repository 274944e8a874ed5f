/**
 * CSV as RFC 4180 has it (CRLF line ends, fields quoted when they hold a quote, comma or line break,
 * quotes doubled). A field a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed
 * with a quote, as OWASP's "CSV Injection" advice says: audit data holds user-typed text (reasons, e-mails).
 */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>): string {
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}

function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
