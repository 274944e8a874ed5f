'use client';
import { useTranslations } from 'next-intl';
import type { ConsentState, ProviderStatus } from '@/server/dataspace/consumer/record-fan-out';

const STATUS_BADGE = { ok: 'success', denied: 'danger', timeout: 'warning', unavailable: 'danger' } as const;
const CONSENT_BADGE = { active: 'success', partial: 'warning', withdrawn: 'danger', unknown: '' } as const;

/** Per provider: its name, and its consent state when it answered, else what went wrong. */
export function ConsentBadges({ providers }: { providers: readonly { providerId: string; legalName: string | null; status: ProviderStatus; consent: ConsentState }[] }) {
  const t = useTranslations('record');
  return (
    <ul className="plain-list" data-testid="consent-status">
      {providers.map((p) => (
        <li key={p.providerId} data-provider={p.providerId} data-consent={p.consent} data-status={p.status}>
          <span className="small">{p.legalName ?? p.providerId}</span>{' '}
          {p.status === 'ok' ? <span className={`badge ${CONSENT_BADGE[p.consent]}`}>{t(`consent.${p.consent}`)}</span> : <span className={`badge ${STATUS_BADGE[p.status]}`}>{t(`status.${p.status}`)}</span>}
        </li>
      ))}
    </ul>
  );
}
