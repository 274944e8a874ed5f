import type { TSignedInContext } from '@/server/api/trpc';
import { readOwnConsentHistory } from '@/server/consent/patient-consent';
import type { THistoryOutput } from './history.schema';

export async function historyHandler({ ctx }: { ctx: TSignedInContext }): Promise<THistoryOutput> {
  const read = await readOwnConsentHistory(ctx);
  if (!read.available) return read;
  return {
    available: true,
    versions: read.value.map((v) => ({ version: v.version, recordedAt: v.recordedAt, author: v.source === 'default' ? 'set-up' : v.source, rules: v.rules, receipt: v.receipt })),
  };
}
