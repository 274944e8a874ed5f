'use client';
import { cloneElement, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { useValidation } from '@/components/ui/use-validation';
import { ZCreateUserInputSchema } from '@/server/api/routers/admin/users.schema';
import { ALL_ROLES } from '@/server/auth/roles';

/** The server's refusals, in the user's language (its messages are English). */
const SERVER_ERRORS: Record<string, string> = { CONFLICT: 'admin.exists', BAD_REQUEST: 'admin.unknownOrganisation', SERVICE_UNAVAILABLE: 'admin.registryDown' };

export function CreateUserForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations();
  const [created, setCreated] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const validate = useValidation();
  const organisations = useQuery({ ...trpc.admin.organisations.queryOptions(), retry: false });
  const mutation = useMutation(
    trpc.admin.createUser.mutationOptions({
      onSuccess: () => {
        setCreated(true);
        return queryClient.invalidateQueries({ queryKey: trpc.admin.listUsers.queryKey() });
      },
    }),
  );
  const serverError = mutation.error ? t((!mutation.error.data?.zodError && SERVER_ERRORS[mutation.error.data?.code ?? '']) || 'errors.generic') : null;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(false);
    const f = new FormData(event.currentTarget);
    const text = (k: string) => String(f.get(k) ?? '').trim();
    const form = event.currentTarget;
    const checked = validate(ZCreateUserInputSchema, {
      email: text('email'),
      name: text('name'),
      role: text('role'),
      organisation: text('organisation') || null,
      nationalId: text('nationalId') || null,
      password: String(f.get('password') ?? ''),
    });
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) mutation.mutate(checked.data, { onSuccess: () => form.reset() });
  }

  const field = (name: string, label: string, input: React.ReactElement<React.InputHTMLAttributes<HTMLInputElement>>) => (
    <div className="field">
      <label htmlFor={`new-${name}`}>{label}</label>
      {cloneElement(input, { 'aria-invalid': errors[name] ? true : undefined, 'aria-describedby': errors[name] ? `new-${name}-error` : undefined })}
      {errors[name] ? (
        <p id={`new-${name}-error`} className="field-error">
          {errors[name]}
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
          {field(
            'organisation',
            t('admin.organisation'),
            <select id="new-organisation" name="organisation" defaultValue="">
              <option value="">{t('admin.noOrganisation')}</option>
              {(organisations.data?.organisations ?? []).map((o) => (
                <option key={o.id} value={o.id}>
                  {o.legalName}
                </option>
              ))}
            </select>,
          )}
          {field('nationalId', t('admin.nationalId'), <input id="new-nationalId" name="nationalId" inputMode="numeric" />)}
          {field('password', t('admin.password'), <input id="new-password" name="password" type="password" autoComplete="new-password" required />)}
        </div>
        {organisations.isError || organisations.data?.available === false ? (
          <p className="notice danger" role="alert">
            {t('admin.registryDown')}
          </p>
        ) : null}
        {serverError ? (
          <p className="notice danger" role="alert">
            {serverError}
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
