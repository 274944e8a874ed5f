'use client';
import { useTranslations } from 'next-intl';
import type { TRecordOutput } from '@/server/api/routers/patients/record.schema';
import { FormattedTime } from '@/components/ui/formatted-time';

const STATUS_BADGE = { ok: 'success', denied: 'danger', timeout: 'warning', unavailable: 'danger' } as const;
const CONSENT_BADGE = { active: 'success', partial: 'warning', withdrawn: 'danger', unknown: '' } as const;

/** One tile per provider holding the patient: what it answered, its consent status, and how long it took. */
export function ProviderStatusStrip({ providers }: { providers: TRecordOutput['providers'] }) {
  const t = useTranslations('record');
  const tConsent = useTranslations('consent');
  return (
    <ul className="status-strip" aria-label={t('providersLabel')}>
      {providers.map((p) => (
        <li key={p.providerId} className={`status-tile ${p.status}`} data-testid={`provider-${p.providerId}`} data-status={p.status}>
          <strong>{p.legalName ?? p.providerId}</strong>
          <span className="mono muted">{p.providerId}</span>
          <span>
            <span className={`badge ${STATUS_BADGE[p.status]}`}>{t(`status.${p.status}`)}</span>{' '}
            {/* A provider that did not answer says nothing about consent: no badge rather than "unknown". */}
            {p.consent !== 'unknown' ? <span className={`badge ${CONSENT_BADGE[p.consent]}`}>{t(`consent.${p.consent}`)}</span> : null}
          </span>
          {p.consent !== 'unknown' ? (
            <span className="muted small" data-testid={`consent-basis-${p.providerId}`}>
              {p.consentBasis ? tConsent('clinician.basis', { version: p.consentBasis.version }) : tConsent('clinician.defaults')}
              {p.consentBasis?.recorded ? (
                <>
                  {' '}
                  <FormattedTime value={p.consentBasis.recorded} />
                </>
              ) : null}
            </span>
          ) : null}
          <span className="muted small">{p.status === 'ok' ? t('answered', { count: p.resources, ms: p.elapsedMs }) : (p.detail ?? '')}</span>
          {p.status === 'ok' && p.detail ? <span className="muted small">{p.detail}</span> : null}
          {p.truncated ? <span className="muted small">{t('truncated')}</span> : null}
        </li>
      ))}
    </ul>
  );
}
