'use client';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { AUDIT_SUBTYPES } from '@/server/audit/audit-codes';
import { ZAuditFiltersSchema, type TAuditFilters } from '@/server/api/routers/audit/audit.schema';
import { useValidation } from '@/components/ui/use-validation';
import { dayAfter, dayStart } from '@/components/ui/day-range';

/** The audit page's filters: applied together on submit, cleared at once by "reset". */
export function AuditFilters({ onApply }: { onApply: (filters: TAuditFilters) => void }) {
  const t = useTranslations('audit');
  const validate = useValidation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [userEmail, setUserEmail] = useState('');
  const [patient, setPatient] = useState('');
  const [subtype, setSubtype] = useState('');
  const [outcome, setOutcome] = useState('');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(ZAuditFiltersSchema, {
      from: dayStart(from),
      to: dayAfter(to),
      userEmail: userEmail.trim() || undefined,
      patientNationalId: patient.trim() || undefined,
      subtype: subtype || undefined,
      outcome: outcome || undefined,
    });
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) onApply(checked.data);
  }
  function onReset() {
    for (const set of [setFrom, setTo, setUserEmail, setPatient, setSubtype, setOutcome]) set('');
    setErrors({});
    onApply({});
  }
  const field = (id: keyof TAuditFilters, label: string, input: ReactNode) => (
    <div className="field">
      <label htmlFor={`audit-${id}`}>{label}</label>
      {input}
      {errors[id] ? (
        <p id={`audit-${id}-error`} className="field-error">
          {errors[id]}
        </p>
      ) : null}
    </div>
  );
  const invalid = (id: keyof TAuditFilters) => (errors[id] ? { 'aria-invalid': true, 'aria-describedby': `audit-${id}-error` } : {});
  return (
    <form className="card" onSubmit={onSubmit} onReset={onReset} aria-label={t('filters')} noValidate>
      <h2>{t('filters')}</h2>
      <div className="form-row">
        {field('from', t('from'), <input id="audit-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} {...invalid('from')} />)}
        {field('to', t('to'), <input id="audit-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} {...invalid('to')} />)}
        {field('userEmail', t('userEmail'), <input id="audit-userEmail" type="email" autoComplete="off" value={userEmail} onChange={(e) => setUserEmail(e.target.value)} {...invalid('userEmail')} />)}
        {field('patientNationalId', t('patient'), <input id="audit-patientNationalId" inputMode="numeric" autoComplete="off" value={patient} onChange={(e) => setPatient(e.target.value)} {...invalid('patientNationalId')} />)}
        {field(
          'subtype',
          t('event'),
          <select id="audit-subtype" value={subtype} onChange={(e) => setSubtype(e.target.value)}>
            <option value="">{t('any')}</option>
            {Object.values(AUDIT_SUBTYPES).map((s) => (
              <option key={s} value={s}>
                {t(`subtypes.${s}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          'outcome',
          t('outcome'),
          <select id="audit-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
            <option value="">{t('any')}</option>
            <option value="success">{t('success')}</option>
            <option value="failure">{t('failure')}</option>
          </select>,
        )}
      </div>
      <div className="button-row">
        <button className="button" type="submit">
          {t('apply')}
        </button>
        <button className="button secondary" type="reset">
          {t('reset')}
        </button>
      </div>
    </form>
  );
}
