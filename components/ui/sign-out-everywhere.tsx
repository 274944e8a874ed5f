'use client';
import { useMutation } from '@tanstack/react-query';
import { signOutAndEndIdpSession } from './sign-out';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';

export function SignOutEverywhere() {
  const trpc = useTRPC();
  const t = useTranslations();
  const mutation = useMutation(
    trpc.session.signOutEverywhere.mutationOptions({
      onSuccess: () => signOutAndEndIdpSession('/sign-in?reason=ended'),
    }),
  );
  return (
    <>
      {mutation.isError ? (
        <p className="notice danger" role="alert">
          {t('errors.generic')}
        </p>
      ) : null}
      <button
        className="button danger"
        type="button"
        disabled={mutation.isPending}
        onClick={() => {
          if (window.confirm(t('account.confirm'))) mutation.mutate();
        }}
      >
        {t('account.signOutEverywhere')}
      </button>
    </>
  );
}
