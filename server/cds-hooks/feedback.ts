import type { Database } from '@/db/client';
import { cdsFeedback } from '@/db/app/schema/cds-hooks';
import type { TFeedback } from '@/server/cds-hooks/cards/card-schema';
import { isOverrideReason } from '@/server/cds-hooks/cards/override-reasons';
import { CdsRequestError } from '@/server/cds-hooks/cds-errors';

/**
 * Stores what clinicians did with the cards (CDS Hooks 2.0 "Feedback"): all entries of a request in
 * one transaction, or none. An override reason must be one the cards offered (OVERRIDE_REASONS), so
 * the reasons can be counted (EU AI Act Art. 12, and the model page's agreement figure).
 */
export async function storeFeedback(db: Database, serviceId: string, issuer: string, body: TFeedback): Promise<number> {
  for (const [i, f] of body.feedback.entries()) {
    const reason = f.overrideReason?.reason;
    if (reason && !isOverrideReason(reason)) throw new CdsRequestError(400, `feedback.${i}.overrideReason.reason: ${reason.code} is not one of the card's overrideReasons`);
  }
  await db.transaction(async (tx) => {
    await tx.insert(cdsFeedback).values(
      body.feedback.map((f) => ({
        serviceId,
        issuer,
        cardUuid: f.card,
        outcome: f.outcome,
        acceptedSuggestions: (f.acceptedSuggestions ?? []).map((s) => s.id),
        overrideReason: f.overrideReason?.reason ?? null,
        userComment: f.overrideReason?.userComment ?? null,
        outcomeTimestamp: new Date(f.outcomeTimestamp),
      })),
    );
  });
  return body.feedback.length;
}
