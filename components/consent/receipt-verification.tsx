'use client';
import { useState, type ChangeEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useTRPC } from '@/components/trpc/trpc-provider';
import { FormattedTime } from '@/components/ui/formatted-time';

/** Paste or upload a consent receipt; the server checks it against the authority's published keys. */
export function ReceiptVerification() {
  const trpc = useTRPC();
  const t = useTranslations('consent');
  const [receipt, setReceipt] = useState('');
  const verify = useMutation(trpc.consent.verifyReceipt.mutationOptions());
  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    if (file) setReceipt((await file.text()).trim());
  }
  const result = verify.data;
  return (
    <section className="card" aria-labelledby="verify-title">
      <h2 id="verify-title">{t('verify.title')}</h2>
      <p className="muted">{t('verify.intro')}</p>
      <div className="field">
        <label htmlFor="receipt-file">{t('verify.upload')}</label>
        <input id="receipt-file" type="file" accept=".jws,.txt,application/jose" onChange={onFile} data-testid="receipt-file" />
      </div>
      <div className="field">
        <label htmlFor="receipt-text">{t('verify.paste')}</label>
        <textarea id="receipt-text" rows={5} className="mono" value={receipt} onChange={(e) => setReceipt(e.target.value)} data-testid="receipt-text" />
      </div>
      <button className="button" type="button" disabled={!receipt.trim() || verify.isPending} onClick={() => verify.mutate({ receipt: receipt.trim() })} data-testid="verify-receipt">
        {t('verify.check')}
      </button>
      <div aria-live="polite">
        {verify.isError ? (
          <p className="notice danger" role="alert">
            {verify.error.data?.code === 'SERVICE_UNAVAILABLE' ? t('verify.keysUnavailable') : t('changeFailed')}
          </p>
        ) : null}
        {result && result.valid ? (
          <div className="notice success" role="status" data-testid="receipt-valid">
            <p>
              <strong>{t('verify.valid')}</strong> {t('verify.validDetail', { issuer: result.issuer, version: result.version })} <FormattedTime value={result.timestamp} />
            </p>
            <ul className="summary-list">
              {result.purposes.map((p, i) => (
                <li key={i}>
                  {p.decision === 'permit' ? t('rule.permit') : t('rule.deny')}: {p.purpose === 'any' ? t('rule.anyPurpose') : p.purpose}
                  {p.recipients !== 'all' ? ` — ${p.recipients.join(', ')}` : ''}
                  {p.data !== 'all' ? ` — ${p.data.join(', ')}` : ''}
                </li>
              ))}
            </ul>
            <p className="small">
              {t('verify.withdraw')} {result.withdrawal.url}
            </p>
          </div>
        ) : null}
        {result && !result.valid ? (
          <p className="notice danger" role="alert" data-testid="receipt-invalid">
            <strong>{t('verify.invalid')}</strong> {t(`verify.reasons.${result.reason as 'malformed'}`)} <span className="small">({result.detail})</span>
          </p>
        ) : null}
      </div>
    </section>
  );
}
