'use client';
import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { useValidation } from '@/components/ui/use-validation';
import { ZAddCareRelationshipInputSchema } from '@/server/api/routers/admin/careRelationships.schema';

export function CareRelationshipsTable() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const t = useTranslations('admin');
  const relationships = useQuery(trpc.admin.listCareRelationships.queryOptions());
  const users = useQuery(trpc.admin.listUsers.queryOptions());
  const clinicians = (users.data ?? []).filter((u) => u.role === 'endocrinologist' || u.role === 'oncologist');
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.listCareRelationships.queryKey() });
  const add = useMutation(trpc.admin.addCareRelationship.mutationOptions({ onSuccess: refresh }));
  const end = useMutation(trpc.admin.endCareRelationship.mutationOptions({ onSuccess: refresh }));
  const [clinicianId, setClinicianId] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const validate = useValidation();
  const tErrors = useTranslations('errors');

  function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const f = new FormData(event.currentTarget);
    const checked = validate(ZAddCareRelationshipInputSchema, { clinicianId: String(f.get('clinicianId') ?? ''), patientNationalId: String(f.get('patientNationalId') ?? '').trim(), until: null });
    setInvalid(checked.ok ? null : (Object.values(checked.errors)[0] ?? null));
    if (checked.ok) add.mutate(checked.data);
  }
  const failed = add.error ?? end.error;
  // The server's refusals, in the user's language (its messages are English).
  const error = invalid ?? (failed ? (failed.data?.code === 'CONFLICT' ? t('careExists') : tErrors('generic')) : null);

  return (
    <section className="card" aria-labelledby="care-title">
      <h2 id="care-title">{t('careRelationships')}</h2>
      <form onSubmit={onAdd} className="form-row" noValidate>
        <div className="field">
          <label htmlFor="care-clinician">{t('clinician')}</label>
          <select id="care-clinician" name="clinicianId" value={clinicianId || clinicians[0]?.id || ''} onChange={(e) => setClinicianId(e.target.value)}>
            {clinicians.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="care-patient">{t('patient')}</label>
          <input id="care-patient" name="patientNationalId" inputMode="numeric" />
        </div>
        <div className="field">
          <button className="button" type="submit" disabled={add.isPending}>
            {t('add')}
          </button>
        </div>
      </form>
      {error ? (
        <p className="notice danger" role="alert">
          {error}
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('clinician')}</th>
              <th scope="col">{t('nationalId')}</th>
              <th scope="col">{t('since')}</th>
              <th scope="col">{t('until')}</th>
              <th scope="col">{t('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {relationships.data?.map((r) => (
              <tr key={r.id}>
                <td>{r.clinicianName}</td>
                <td className="mono">{r.patientNationalId}</td>
                <td>
                  <FormattedTime value={r.since} />
                </td>
                <td>{r.until ? <FormattedTime value={r.until} /> : <span className="badge success">{t('open')}</span>}</td>
                <td>
                  {!r.until ? (
                    <button
                      className="button small secondary"
                      type="button"
                      aria-label={`${t('end')}: ${r.clinicianName} — ${r.patientNationalId}`}
                      onClick={() => end.mutate({ id: r.id })}
                      disabled={end.isPending}
                    >
                      {t('end')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
