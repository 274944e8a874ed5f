import type { z } from 'zod';

/** next-intl's translate function of the `validation` namespace, or any function of the same shape. */
export type TTranslate = (key: string, values?: Record<string, string | number>) => string;

/**
 * A zod issue as a sentence in the user's language. Built from the issue's code and parameters, never
 * from its message: a schema's own message ("At least 12 characters.") would win over any zod locale
 * map and is English. A refinement names its sentence with `params: { i18n: key }`; a field whose
 * format has its own wording (the national id) is named by its path.
 */
export function localizeIssue(issue: z.core.$ZodIssue, t: TTranslate): string {
  const field = issue.path.at(-1);
  switch (issue.code) {
    case 'custom': {
      const key: unknown = issue.params?.i18n;
      return typeof key === 'string' ? t(key) : t('invalid');
    }
    case 'too_small':
      if (issue.origin !== 'string') return t('invalid');
      return Number(issue.minimum) <= 1 ? t('required') : t('tooShort', { minimum: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string' ? t('tooLong', { maximum: Number(issue.maximum) }) : t('invalid');
    case 'invalid_format':
      if (issue.format === 'email') return t('email');
      if (field === 'nationalId' || field === 'patientNationalId') return t('nationalId');
      return t('invalid');
    case 'invalid_value':
      return t('choose');
    case 'invalid_type':
      return issue.input === undefined || issue.input === null ? t('required') : t('invalid');
    default:
      return t('invalid');
  }
}

/** The first sentence per field (top-level key of the input), for messages under each form field. */
export function localizedFieldErrors(error: z.ZodError, t: TTranslate): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? '');
    out[key] ??= localizeIssue(issue, t);
  }
  return out;
}
