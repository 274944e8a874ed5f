import type { TSignedInContext } from '@/server/api/trpc';
import { AppError } from '@/server/api/app-error';
import { auditActor } from '@/server/audit/audit-actor';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES, AUDIT_SUBTYPES, AUDIT_TYPES } from '@/server/audit/audit-codes';
import { recordAuditEvent } from '@/server/audit/record-audit-event';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { AUTHORITY_ID } from '@/server/dataspace/participants';
import { ParticipantCallError } from '@/server/dataspace/protocol/participant-http';
import { env } from '@/server/env';
import { changeConsent, readConsentHistory, readConsents, type AuthorityAddress, type ConsentWriteResult, type CurrentConsent, type ConsentVersion } from './authority-consents';
import { applyChoice, type ConsentChoice } from './consent-choices';

/** The authority as the web app reaches it. */
export function authorityAddress(): AuthorityAddress {
  return { url: env().AUTHORITY_URL.replace(/\/$/, ''), id: AUTHORITY_ID };
}

/** The signed-in patient's own national id: the only person whose consent they may read or change. */
export function ownNationalId(ctx: TSignedInContext): string {
  if (!ctx.user.nationalId) throw new AppError('FORBIDDEN', 'Your account is not linked to a national health identifier.');
  return ctx.user.nationalId;
}

/** Why the authority could not answer, in words for the page (the authority keeps the consents; nothing is shown without it). */
export function authorityFailure(error: unknown): string {
  if (error instanceof ParticipantCallError) return `the eHealth agency refused the request (${error.status})`;
  return `the eHealth agency, which keeps consents, does not answer (${(error as Error).message})`;
}

export type Availability<T> = ({ available: true } & T) | { available: false; reason: string };

async function onOwnBehalf<T>(ctx: TSignedInContext, ask: (identity: Awaited<ReturnType<ReturnType<typeof dataspaceConsumer>['identity']['current']>>, nationalId: string) => Promise<T>): Promise<Availability<{ value: T }>> {
  const nationalId = ownNationalId(ctx);
  try {
    const identity = await dataspaceConsumer(ctx.db).identity.current();
    return { available: true, value: await ask(identity, nationalId) };
  } catch (error) {
    return { available: false, reason: authorityFailure(error) };
  }
}

/** The patient's current consent and the defaults (from the authority, on the patient's own behalf). */
export function readOwnConsent(ctx: TSignedInContext): Promise<Availability<{ value: CurrentConsent }>> {
  return onOwnBehalf(ctx, (identity, nationalId) => readConsents(identity, authorityAddress(), { patient: nationalId }, nationalId));
}

export function readOwnConsentHistory(ctx: TSignedInContext): Promise<Availability<{ value: ConsentVersion[] }>> {
  return onOwnBehalf(ctx, async (identity, nationalId) => (await readConsentHistory(identity, authorityAddress(), { patient: nationalId }, nationalId)).versions);
}

/**
 * One choice of the patient, written as the next version of their Consent on top of the version their
 * page showed. Refused with CONFLICT when the consent changed meanwhile (another device), with nothing
 * written; the same idempotency key again answers with the version already written. Audited either way.
 */
export async function changeOwnConsent(ctx: TSignedInContext, input: { choice: ConsentChoice; baseVersion: number; idempotencyKey: string }): Promise<ConsentWriteResult> {
  const nationalId = ownNationalId(ctx);
  const audit = (outcome: (typeof AUDIT_OUTCOMES)[keyof typeof AUDIT_OUTCOMES], description: string) =>
    recordAuditEvent(ctx.db, { typeCode: AUDIT_TYPES.applicationActivity, subtype: AUDIT_SUBTYPES.consentChange, action: AUDIT_ACTIONS.update, outcome, outcomeDescription: description, patientNationalId: nationalId, entity: { type: 'Consent', choice: input.choice, baseVersion: input.baseVersion }, ...auditActor(ctx) });
  let result: ConsentWriteResult;
  try {
    const identity = await dataspaceConsumer(ctx.db).identity.current();
    const who = { patient: nationalId };
    // The authority checks the base version (after the idempotency key, so a double click is a repeat,
    // not a conflict with itself): rules built from a newer version than the page showed are never written.
    const current = await readConsents(identity, authorityAddress(), who, nationalId);
    const own = current.rules.filter((r) => r.appliesTo === 'patient').map(({ appliesTo: _, ...r }) => r);
    result = await changeConsent(identity, authorityAddress(), who, { patient: nationalId, baseVersion: input.baseVersion, idempotencyKey: input.idempotencyKey, rules: applyChoice(own, input.choice) });
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof ParticipantCallError && error.status === 409) {
      await audit(AUDIT_OUTCOMES.minorFailure, 'version conflict at the authority');
      throw new AppError('CONFLICT', 'Your consent was changed meanwhile (perhaps on another device). Nothing was changed now: look at the current choices and choose again.');
    }
    await audit(AUDIT_OUTCOMES.seriousFailure, authorityFailure(error));
    throw new AppError('SERVICE_UNAVAILABLE', 'The eHealth agency, which keeps your consent, could not be reached. Nothing was changed; please try again later.');
  }
  await audit(AUDIT_OUTCOMES.success, `consent version ${result.version}${result.repeated ? ' (repeated request)' : ''}: ${result.providers.map((p) => `${p.provider} ${p.status}`).join(', ') || 'no provider held decisions'}`);
  return result;
}
