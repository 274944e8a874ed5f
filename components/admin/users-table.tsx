'use client';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { TableCard } from '@/components/ui/table-card';

export function UsersTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations();
  const users = useQuery(trpc.admin.listUsers.queryOptions());
  const me = useQuery(trpc.session.me.queryOptions());
  const setDisabled = useMutation(
    trpc.admin.setUserDisabled.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.admin.listUsers.queryKey() }) }),
  );
  return (
    <TableCard
      id="users"
      title={t('admin.users')}
      headers={[t('admin.name'), t('admin.role'), t('admin.organisation'), t('admin.nationalId'), t('admin.status'), t('admin.actions')]}
      rows={users.data}
      rowKey={(u) => u.id}
      renderRow={(u) => (
        <>
          <td>
            <strong>{u.name}</strong>
            <br />
            <span className="muted">{u.email}</span>
          </td>
          <td>{t(`roles.${u.role}`)}</td>
          <td>{u.organisation ?? t('admin.none')}</td>
          <td className="mono">{u.nationalId ?? t('admin.none')}</td>
          <td>
            <span className={`badge ${u.disabled ? 'danger' : 'success'}`}>{u.disabled ? t('admin.disabled') : t('admin.active')}</span>
          </td>
          <td>
            {u.id === me.data?.id ? null : (
              <button
                className={`button small ${u.disabled ? 'secondary' : 'danger'}`}
                type="button"
                aria-label={`${u.disabled ? t('admin.enable') : t('admin.disable')}: ${u.name}`}
                disabled={setDisabled.isPending}
                onClick={() => setDisabled.mutate({ userId: u.id, disabled: !u.disabled })}
              >
                {u.disabled ? t('admin.enable') : t('admin.disable')}
              </button>
            )}
          </td>
        </>
      )}
    >
      {setDisabled.error ? (
        <p className="notice danger" role="alert">
          {setDisabled.error.data?.code === 'BAD_REQUEST' ? t('admin.cannotDisableSelf') : t('errors.generic')}
        </p>
      ) : null}
    </TableCard>
  );
}
