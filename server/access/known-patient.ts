import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';

/**
 * Whether any provider in the dataspace holds records about this national id, asked of the authority's
 * record locator as the web app's consumer. An unknown id must not look like a patient outside one's
 * care: emergency access on it would be an audited emergency read of nobody. A locator that cannot be
 * asked is "unavailable", never "unknown".
 */
export async function knownToRecordLocator(ctx: TSignedInContext, nationalId: string): Promise<boolean> {
  const consumer = dataspaceConsumer(ctx.db);
  try {
    const identity = await consumer.identity.current();
    // Fresh: a refusal of emergency access must not rest on a cached "nobody" from before a provider registered the person.
    return (await consumer.directory.locate(identity, nationalId, { fresh: true })).length > 0;
  } catch {
    throw new AppError('SERVICE_UNAVAILABLE', 'The record locator of the dataspace cannot be asked now; try again shortly.');
  }
}

/** Refuses (404) a national id no provider in the dataspace holds. */
export async function assertKnownToRecordLocator(ctx: TSignedInContext, nationalId: string): Promise<void> {
  if (!(await knownToRecordLocator(ctx, nationalId))) throw new AppError('NOT_FOUND', 'There is no record of this patient in the dataspace.');
}
