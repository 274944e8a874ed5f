'use client';
import { useTranslations } from 'next-intl';
import type { TItemSource } from '@/server/records/merged-record-schema';

/**
 * Where an item came from: one badge per provider (visible), and the dataset, agreement and each
 * resource behind it in the accessible name and tooltip.
 */
export function SourceTags({ sources }: { sources: readonly Pick<TItemSource, 'providerId' | 'datasetId' | 'agreementId' | 'resource'>[] }) {
  const t = useTranslations('record');
  const providers = [...new Set(sources.map((s) => s.providerId))];
  return (
    <span className="source-tags">
      {providers.map((providerId) => {
        const mine = sources.filter((s) => s.providerId === providerId);
        const first = mine[0];
        const detail = t('sourceDetail', { provider: providerId, dataset: first?.datasetId ?? '', agreement: first?.agreementId ?? '', resources: mine.map((s) => s.resource).join(', ') });
        return (
          <span key={providerId} className="source-tag" title={detail}>
            <span className="badge info" data-testid="source">
              {providerId}
            </span>
            <span className="visually-hidden">{detail}</span>
          </span>
        );
      })}
    </span>
  );
}
