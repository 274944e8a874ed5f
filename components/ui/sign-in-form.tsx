'use client';
import { useState, type FormEvent } from 'react';
import { signIn } from 'next-auth/react';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';

/** Credentials form; shows the server's verdict (wrong credentials, locked) without revealing which part was wrong. */
export function SignInForm() {
  const t = useTranslations('signIn');
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn('credentials', { email: String(form.get('email') ?? ''), password: String(form.get('password') ?? ''), redirect: false });
    if (result?.ok && !result.error) {
      router.replace('/');
      router.refresh();
      return;
    }
    setPending(false);
    setError(result?.error === 'locked' ? t('locked') : result?.error === 'invalid' ? t('invalid') : t('error'));
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-describedby={error ? 'sign-in-error' : undefined}>
      <div className="field">
        <label htmlFor="email">{t('email')}</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
      </div>
      <div className="field">
        <label htmlFor="password">{t('password')}</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
      </div>
      {error ? (
        <p id="sign-in-error" className="notice danger" role="alert">
          {error}
        </p>
      ) : null}
      <button className="button block" type="submit" disabled={pending}>
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
