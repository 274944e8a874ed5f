'use client';
import { useTranslations } from 'next-intl';

/** Saves a consent receipt (the compact JWS, as signed) as a file the patient keeps. */
export function DownloadReceipt({ receipt, version }: { receipt: string; version: number }) {
  const t = useTranslations('consent');
  function save() {
    const url = URL.createObjectURL(new Blob([receipt], { type: 'application/jose' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `consent-receipt-v${version}.jws`;
    a.click();
    URL.revokeObjectURL(url);
  }
  return (
    <button className="button small secondary" type="button" onClick={save} data-testid={`download-receipt-${version}`}>
      {t('downloadReceipt', { version })}
    </button>
  );
}
