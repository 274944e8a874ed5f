'use client';
import { useTranslations } from 'next-intl';
import type { z } from 'zod';
import { localizedFieldErrors } from './localize-issues';

export type TValidation<T> = { ok: true; data: T } | { ok: false; errors: Record<string, string> };

/**
 * Checks a form's input with the procedure's own zod schema before it is sent, and says what is wrong
 * in the user's language, per field. The server checks the same schema again.
 */
export function useValidation() {
  const t = useTranslations('validation');
  return function validate<S extends z.ZodType>(schema: S, value: unknown): TValidation<z.output<S>> {
    const result = schema.safeParse(value);
    return result.success ? { ok: true, data: result.data } : { ok: false, errors: localizedFieldErrors(result.error, t) };
  };
}
