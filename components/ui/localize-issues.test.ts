import { describe, expect, it } from 'vitest';
import en from '@/messages/en.json';
import fr from '@/messages/fr.json';
import { ZCreateUserInputSchema } from '@/server/api/routers/admin/users.schema';
import { ZStartBreakGlassInputSchema } from '@/server/api/routers/patients/breakGlass.schema';
import { ZAuditFiltersSchema } from '@/server/api/routers/audit/audit.schema';
import { localizedFieldErrors, type TTranslate } from './localize-issues';

/** The `validation` messages of one locale with ICU-style {placeholders} filled, as next-intl does. */
function translator(messages: Record<string, string>): TTranslate {
  return (key, values) => {
    const text = messages[key];
    if (!text) throw new Error(`no message validation.${key}`);
    return text.replace(/\{(\w+)\}/g, (_, name: string) => String(values?.[name] ?? `{${name}}`));
  };
}
const tEn = translator(en.validation);
const tFr = translator(fr.validation);

const badUser = { email: 'not-an-email', name: 'A', role: 'patient', organisation: null, nationalId: null, password: 'short' };

describe('form errors per locale', () => {
  it('says what is wrong with each field in English, without zod wording', () => {
    const result = ZCreateUserInputSchema.safeParse(badUser);
    if (result.success) throw new Error('expected invalid');
    expect(localizedFieldErrors(result.error, tEn)).toEqual({
      email: 'Enter an e-mail address such as name@example.lu.',
      name: 'Enter at least 2 characters.',
      nationalId: 'A patient needs a national health identifier.',
      password: 'Enter at least 12 characters.',
    });
  });

  it('says it in French in the French UI, including the schema’s own refinements', () => {
    const user = ZCreateUserInputSchema.safeParse({ ...badUser, email: 'a@b.lu', name: 'Anne', password: 'long-enough-password' });
    if (user.success) throw new Error('expected invalid');
    expect(localizedFieldErrors(user.error, tFr)).toEqual({ nationalId: 'Un patient doit avoir un identifiant national de santé.' });
    const clinician = ZCreateUserInputSchema.safeParse({ ...badUser, email: 'a@b.lu', name: 'Anne\u0000', role: 'oncologist', nationalId: '12', password: 'x'.repeat(12) });
    if (clinician.success) throw new Error('expected invalid');
    expect(localizedFieldErrors(clinician.error, tFr)).toEqual({
      name: 'Contient des caractères non autorisés.',
      nationalId: 'Un identifiant national de santé compte 13 chiffres.',
      organisation: 'Un clinicien doit avoir un organisme.',
    });
    const reason = ZStartBreakGlassInputSchema.safeParse({ nationalId: '1958031500017', reason: 'urgent' });
    if (reason.success) throw new Error('expected invalid');
    expect(localizedFieldErrors(reason.error, tFr)).toEqual({ reason: 'Saisissez au moins 15 caractères.' });
    const range = ZAuditFiltersSchema.safeParse({ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z', outcome: 'maybe' });
    if (range.success) throw new Error('expected invalid');
    expect(localizedFieldErrors(range.error, tFr)).toEqual({ outcome: "Choisissez l'une des options." });
  });

  it('no French sentence is the English one or a raw zod message', () => {
    for (const [key, text] of Object.entries(fr.validation)) {
      expect(text, key).not.toBe(en.validation[key as keyof typeof en.validation]);
      expect(text).not.toMatch(/expected|Too small|Invalid/);
    }
  });
});
