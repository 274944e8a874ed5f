import { z } from 'zod';

// C0 controls except tab and newlines, and DEL: PostgreSQL refuses NUL in text, and none belongs in a name.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** Free text from a user: trimmed, well-formed Unicode, no control characters, bounded length. */
export function userText({ min, max }: { min: number; max: number }) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => s.isWellFormed() && !CONTROL_CHARACTERS.test(s), { message: 'Contains characters that are not allowed.', params: { i18n: 'characters' } });
}
