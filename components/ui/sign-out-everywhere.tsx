'use client';
import { useMutation } from '@tanstack/react-query';
import { signOut } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';

export function SignOutEverywhere() {
  const trpc = useTRPC();
  const t = useTranslations();
  const mutation = useMutation(
    trpc.session.signOutEverywhere.mutationOptions({
      onSuccess: () => signOut({ callbackUrl: '/sign-in?reason=ended' }),
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
