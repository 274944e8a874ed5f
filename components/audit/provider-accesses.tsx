'use client';
import { useState, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';
import { useValidation } from '@/components/ui/use-validation';
import { dayAfter, dayStart } from '@/components/ui/day-range';
import { ZProviderAccessFiltersSchema, type TProviderAccessFilters } from '@/server/api/routers/audit/providerAccesses.schema';
import { exportHref } from './export-href';

type Cursor = { beforeRecorded: string; beforeId: string };

/** The steward's search of every provider's accesses (the authority's index), with CSV and JSON export. */
export function ProviderAccesses() {
  const trpc = useTRPC();
  const t = useTranslations('audit.providers');
  const validate = useValidation();
  const [filters, setFilters] = useState<TProviderAccessFilters>({});
  const [cursors, setCursors] = useState<Array<Cursor | null>>([null]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [form, setForm] = useState({ patient: '', email: '', provider: '', purpose: '', outcome: '', from: '', to: '' });
  const cursor = cursors.at(-1) ?? null;
  const search = useQuery({ ...trpc.audit.providerAccesses.queryOptions({ filters, cursor, limit: 50 }), placeholderData: keepPreviousData });
  const set = (key: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(ZProviderAccessFiltersSchema, {
      patientNationalId: form.patient.trim() || undefined,
      userEmail: form.email.trim() || undefined,
      provider: form.provider || undefined,
      purpose: form.purpose || undefined,
      outcome: form.outcome || undefined,
      from: dayStart(form.from),
      to: dayAfter(form.to),
    });
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) {
      setFilters(checked.data);
      setCursors([null]);
    }
  }
  const rows = search.data?.rows ?? [];
  const field = (id: keyof typeof form, label: string, input: React.ReactNode, error?: string) => (
    <div className="field">
      <label htmlFor={`pa-${id}`}>{label}</label>
      {input}
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
  return (
    <>
      <form className="card" onSubmit={onSubmit} aria-label={t('filters')} noValidate>
        <h2>{t('title')}</h2>
        <p className="muted">{t('intro')}</p>
        <div className="form-row">
          {field('patient', t('patient'), <input id="pa-patient" inputMode="numeric" autoComplete="off" value={form.patient} onChange={set('patient')} />, errors.patientNationalId)}
          {field('email', t('userEmail'), <input id="pa-email" type="email" autoComplete="off" value={form.email} onChange={set('email')} />, errors.userEmail)}
          {field(
            'provider',
            t('provider'),
            <select id="pa-provider" value={form.provider} onChange={set('provider')}>
              <option value="">{t('any')}</option>
              {['alzette-hospital', 'moselle-clinic', 'research-institute', 'ehealth-agency'].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>,
          )}
          {field(
            'purpose',
            t('purpose'),
            <select id="pa-purpose" value={form.purpose} onChange={set('purpose')}>
              <option value="">{t('any')}</option>
              {['TREAT', 'ETREAT', 'HRESCH', 'MLTRAIN', 'PUBHLTH'].map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>,
          )}
          {field(
            'outcome',
            t('outcome'),
            <select id="pa-outcome" value={form.outcome} onChange={set('outcome')}>
              <option value="">{t('any')}</option>
              {(['allowed', 'partial', 'denied'] as const).map((o) => (
                <option key={o} value={o}>
                  {t(`outcomes.${o}`)}
                </option>
              ))}
            </select>,
          )}
          {field('from', t('from'), <input id="pa-from" type="date" value={form.from} onChange={set('from')} />)}
          {field('to', t('to'), <input id="pa-to" type="date" value={form.to} onChange={set('to')} />, errors.to)}
        </div>
        <div className="button-row">
          <button className="button" type="submit">
            {t('search')}
          </button>
          <a className="button secondary" href={exportHref('providers', 'csv', filters)} download>
            {t('csv')}
          </a>
          <a className="button secondary" href={exportHref('providers', 'json', filters)} download>
            {t('json')}
          </a>
        </div>
      </form>
      <section className="card" aria-labelledby="pa-results">
        <h2 id="pa-results">{t('results')}</h2>
        {search.data && !search.data.ok ? (
          <p className="notice danger" role="alert">
            {t('unavailable', { detail: search.data.detail ?? '' })}
          </p>
        ) : null}
        {rows.length > 0 ? (
          <div className="table-wrap" tabIndex={0} role="region" aria-labelledby="pa-results">
            <table data-testid="provider-accesses">
              <thead>
                <tr>
                  <th scope="col">{t('recorded')}</th>
                  <th scope="col">{t('provider')}</th>
                  <th scope="col">{t('patient')}</th>
                  <th scope="col">{t('who')}</th>
                  <th scope="col">{t('purpose')}</th>
                  <th scope="col">{t('outcome')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <FormattedTime value={r.recorded} />
                    </td>
                    <td>{r.providerId}</td>
                    <td className="mono">{r.patientNationalId}</td>
                    <td className="audit-who">
                      <strong>{r.professionalName ?? r.professional ?? '—'}</strong>
                      <div className="muted small">{[r.professionalRole, r.organisation].filter(Boolean).join(' · ')}</div>
                    </td>
                    <td>
                      {r.purpose === 'ETREAT' ? <span className="badge danger">{r.purpose}</span> : r.purpose}
                    </td>
                    <td>
                      <span className={`badge ${r.outcome === 'allowed' ? 'success' : r.outcome === 'partial' ? 'warning' : 'danger'}`}>{t(`outcomes.${r.outcome}`)}</span>
                      {r.detail ? <div className="muted small">{r.detail}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {rows.length === 0 && !search.isPending ? <p className="muted">{t('empty')}</p> : null}
        <nav className="button-row" aria-label={t('paging')}>
          <button className="button secondary" type="button" onClick={() => setCursors((c) => c.slice(0, -1))} disabled={cursors.length === 1 || search.isFetching}>
            {t('newer')}
          </button>
          <span className="muted">{t('page', { page: cursors.length })}</span>
          <button className="button secondary" type="button" onClick={() => search.data?.nextCursor && setCursors((c) => [...c, search.data?.nextCursor ?? null])} disabled={!search.data?.nextCursor || search.isFetching}>
            {t('older')}
          </button>
        </nav>
      </section>
    </>
  );
}
