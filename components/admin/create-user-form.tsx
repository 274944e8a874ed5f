'use client';
import { cloneElement, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { ALL_ROLES, type Role } from '@/server/auth/roles';

function fieldErrors(error: unknown): Record<string, string[] | undefined> {
  const data = (error as { data?: { zodError?: { fieldErrors?: Record<string, string[]> } | null } } | null)?.data;
  return data?.zodError?.fieldErrors ?? {};
}

export function CreateUserForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations();
  const [created, setCreated] = useState(false);
  const mutation = useMutation(
    trpc.admin.createUser.mutationOptions({
      onSuccess: () => {
        setCreated(true);
        return queryClient.invalidateQueries({ queryKey: trpc.admin.listUsers.queryKey() });
      },
    }),
  );
  const errors = fieldErrors(mutation.error);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(false);
    const f = new FormData(event.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    mutation.mutate(
      {
        email: text('email'),
        name: text('name'),
        role: text('role') as Role,
        organisation: text('organisation') || null,
        nationalId: text('nationalId') || null,
        password: String(f.get('password') ?? ''),
      },
      { onSuccess: () => (event.target as HTMLFormElement).reset() },
    );
  }

  const field = (name: string, label: string, input: React.ReactElement<React.InputHTMLAttributes<HTMLInputElement>>) => (
    <div className="field">
      <label htmlFor={`new-${name}`}>{label}</label>
      {cloneElement(input, { 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': errors[name] ? `new-${name}-error` : undefined })}
      {errors[name] ? (
        <p id={`new-${name}-error`} className="field-error">
          {errors[name].join(' ')}
        </p>
      ) : null}
    </div>
  );

  return (
    <section className="card" aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t('admin.createUser')}</h2>
      <form onSubmit={onSubmit} noValidate>
        <div className="form-row">
          {field('name', t('admin.name'), <input id="new-name" name="name" required />)}
          {field('email', t('admin.email'), <input id="new-email" name="email" type="email" required />)}
          {field(
            'role',
            t('admin.role'),
            <select id="new-role" name="role" defaultValue="endocrinologist">
              {ALL_ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>,
          )}
        </div>
        <div className="form-row">
          {field('organisation', t('admin.organisation'), <input id="new-organisation" name="organisation" />)}
          {field('nationalId', t('admin.nationalId'), <input id="new-nationalId" name="nationalId" inputMode="numeric" />)}
          {field('password', t('admin.password'), <input id="new-password" name="password" type="password" autoComplete="new-password" required />)}
        </div>
        {mutation.error ? (
          <p className="notice danger" role="alert">
            {mutation.error.message}
          </p>
        ) : null}
        {created ? (
          <p className="notice success" role="status">
            {t('admin.created')}
          </p>
        ) : null}
        <button className="button" type="submit" disabled={mutation.isPending}>
          {t('admin.create')}
        </button>
      </form>
    </section>
  );
}
