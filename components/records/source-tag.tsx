'use client';
import { useTranslations } from 'next-intl';
import type { TSource } from '@/server/api/routers/patients/record.schema';

/** Where an item came from: the provider (visible), dataset and agreement (in the accessible name and tooltip). */
export function SourceTag({ source }: { source: TSource }) {
  const t = useTranslations('record');
  const detail = t('sourceDetail', { provider: source.providerId, dataset: source.datasetId, agreement: source.agreementId });
  return (
    <span className="source-tag" title={detail}>
      <span className="badge info" data-testid="source">
        {source.providerId}
      </span>
      <span className="visually-hidden">{detail}</span>
    </span>
  );
}
