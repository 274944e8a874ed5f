'use client';
import { useState, type FormEvent } from 'react';
import { useTranslations } from 'next-intl';
import { ACCESS_LOG_PURPOSES, ZAccessLogFiltersSchema, type TAccessLogFilters } from '@/server/api/routers/accessLog/accessLog.schema';
import { useValidation } from '@/components/ui/use-validation';
import { dayAfter, dayStart } from '@/components/ui/day-range';

/** Date, place and purpose filters of the patient's access log, applied together. */
export function AccessLogFilters({ places, onApply }: { places: ReadonlyArray<{ id: string; name: string }>; onApply: (filters: TAccessLogFilters) => void }) {
  const t = useTranslations('accessLog');
  const validate = useValidation();
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [provider, setProvider] = useState('');
  const [purpose, setPurpose] = useState('');
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = validate(ZAccessLogFiltersSchema, { from: dayStart(from), to: dayAfter(to), provider: provider || undefined, purpose: purpose || undefined });
    setErrors(checked.ok ? {} : checked.errors);
    if (checked.ok) onApply(checked.data);
  }
  function onReset() {
    for (const set of [setFrom, setTo, setProvider, setPurpose]) set('');
    setErrors({});
    onApply({});
  }
  return (
    <form className="card" onSubmit={onSubmit} onReset={onReset} aria-label={t('filters')} noValidate>
      <h2>{t('filters')}</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor="log-from">{t('from')}</label>
          <input id="log-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="log-to">{t('to')}</label>
          <input id="log-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={errors.to ? true : undefined} aria-describedby={errors.to ? 'log-to-error' : undefined} />
          {errors.to ? (
            <p id="log-to-error" className="field-error">
              {errors.to}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="log-provider">{t('provider')}</label>
          <select id="log-provider" value={provider} onChange={(e) => setProvider(e.target.value)}>
            <option value="">{t('any')}</option>
            {places.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="log-purpose">{t('purpose')}</label>
          <select id="log-purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
            <option value="">{t('any')}</option>
            {ACCESS_LOG_PURPOSES.map((p) => (
              <option key={p} value={p}>
                {t(`purposes.${p}`)}
              </option>
            ))}
          </select>
        </div>
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
