import type { Database } from '@/db/client';
import { AppError } from '@/server/api/app-error';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';

export interface TOrganisation {
  id: string;
  legalName: string;
}

/**
 * The organisations a professional can work for: the active participants of the authority's registry,
 * but not the web app itself (it is a participant that consumes, not an employer). The provider decides
 * consent by organisation, so an organisation outside the registry would be a name nobody checks.
 */
export async function registeredOrganisations(db: Database): Promise<TOrganisation[]> {
  const consumer = dataspaceConsumer(db);
  let participants;
  try {
    participants = await consumer.directory.participants();
  } catch {
    throw new AppError('SERVICE_UNAVAILABLE', 'The participant registry of the dataspace cannot be asked now; try again shortly.');
  }
  return participants
    .filter((p) => p.status === 'active' && p.id !== consumer.settings.participantId)
    .map((p) => ({ id: p.id, legalName: p.legalName }))
    .sort((a, b) => a.legalName.localeCompare(b.legalName));
}

/** Refuses (400) an organisation that is not an active participant of the registry. */
export async function assertRegisteredOrganisation(db: Database, organisation: string): Promise<void> {
  const known = await registeredOrganisations(db);
  if (!known.some((o) => o.id === organisation)) throw new AppError('BAD_REQUEST', 'The organisation is not a registered participant of the dataspace.');
}
