import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { consentStatuses } from '@/server/consent/authority-consents';
import { authorityAddress } from '@/server/consent/patient-consent';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';

/**
 * A patient may refuse emergency access (Luxembourg's shared record lets them close it): then no
 * break-glass is granted, and the clinician is told so instead of reading an empty record. The
 * providers would deny the ETREAT reads as well; asking first makes the refusal explicit. An authority
 * that cannot be asked refuses too (fail closed: the providers could not decide either).
 */
export async function assertEmergencyAccessAllowed(ctx: TSignedInContext, nationalId: string): Promise<void> {
  let status: string | undefined;
  try {
    const consumer = dataspaceConsumer(ctx.db);
    const identity = await consumer.identity.current();
    const answer = await consentStatuses(identity, authorityAddress(), { purpose: 'ETREAT', organisation: ctx.user.organisation ?? identity.id, professional: ctx.user.email, patients: [nationalId] });
    status = answer.statuses[nationalId]?.status;
  } catch {
    throw new AppError('SERVICE_UNAVAILABLE', 'The eHealth agency, which decides consent, does not answer: emergency access cannot be checked now.');
  }
  if (status !== 'active' && status !== 'partial') throw new AppError('PRECONDITION_FAILED', 'This patient has refused emergency access.');
}
