import 'server-only';
import { appDb } from '@/server/db';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { APP_SOURCE_ID } from './access-log-entry';

/**
 * Where accesses to a person's data can take place, for the log's "where" filter: every provider and
 * the authority in the registry, and this app. The registry unreachable, the app alone is offered.
 */
export async function accessLogPlaces(appName: string): Promise<Array<{ id: string; name: string }>> {
  const participants = await dataspaceConsumer(await appDb())
    .directory.participants()
    .catch(() => []);
  const holders = participants.filter((p) => p.roles.includes('provider') || p.roles.includes('authority')).map((p) => ({ id: p.id, name: p.legalName }));
  return [...holders, { id: APP_SOURCE_ID, name: appName }];
}
