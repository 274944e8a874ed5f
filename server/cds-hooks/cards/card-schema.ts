import type { Resource } from '@medplum/fhirtypes';
import { z } from 'zod';

/**
 * The CDS Hooks 2.0 response as the spec defines it (cds-hooks.hl7.org/2.0/#cds-service-response,
 * "Card Attributes", "Source", "Suggestion", "Action", "Link"; feedback in "Feedback"). The card
 * builders are typed by it and the client test validates every card field against it, strictly: an
 * attribute the spec does not define is an error, so a typo cannot pass as an extension.
 */
export const ZCodingSchema = z.object({ system: z.string().min(1).optional(), code: z.string().min(1), display: z.string().min(1).optional() }).strict();

export const ZCardSourceSchema = z
  .object({
    label: z.string().min(1),
    url: z.url().optional(),
    icon: z.url().optional(),
    topic: ZCodingSchema.optional(),
  })
  .strict();

export const ZActionSchema = z
  .object({
    type: z.enum(['create', 'update', 'delete']),
    description: z.string().min(1),
    resource: z
      .custom<Resource>((v) => typeof v === 'object' && v !== null && typeof (v as { resourceType?: unknown }).resourceType === 'string', 'must be a FHIR resource')
      .optional(),
    /** A relative reference (`MedicationRequest/123`) of the resource a delete removes. */
    resourceId: z.string().regex(/^[A-Z][A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/, 'must be a relative reference').optional(),
  })
  .strict()
  .refine((a) => a.type === 'delete' || a.resource !== undefined, { message: 'create and update actions carry a resource' })
  .refine((a) => a.type !== 'delete' || a.resourceId !== undefined, { message: 'a delete action names its resourceId' });

export const ZSuggestionSchema = z
  .object({
    label: z.string().min(1),
    uuid: z.uuid().optional(),
    isRecommended: z.boolean().optional(),
    actions: z.array(ZActionSchema).optional(),
  })
  .strict();

export const ZLinkSchema = z
  .object({
    label: z.string().min(1),
    url: z.url(),
    type: z.enum(['absolute', 'smart']),
    appContext: z.string().optional(),
  })
  .strict();

export const ZCardSchema = z
  .object({
    uuid: z.uuid().optional(),
    // "summary: <140-character summary message for display to the user".
    summary: z.string().min(1).max(139),
    detail: z.string().min(1).optional(),
    indicator: z.enum(['info', 'warning', 'critical']),
    source: ZCardSourceSchema,
    suggestions: z.array(ZSuggestionSchema).optional(),
    selectionBehavior: z.enum(['at-most-one', 'any']).optional(),
    overrideReasons: z.array(ZCodingSchema).optional(),
    links: z.array(ZLinkSchema).optional(),
  })
  .strict()
  // "selectionBehavior ... MUST be provided if a card contains multiple suggestions."
  .refine((c) => (c.suggestions?.length ?? 0) <= 1 || c.selectionBehavior !== undefined, { message: 'selectionBehavior is required with several suggestions', path: ['selectionBehavior'] });

export const ZCdsServiceResponseSchema = z.object({ cards: z.array(ZCardSchema), systemActions: z.array(ZActionSchema).optional() }).strict();

export type TCard = z.infer<typeof ZCardSchema>;
export type TSuggestion = z.infer<typeof ZSuggestionSchema>;
export type TCoding = z.infer<typeof ZCodingSchema>;

export const ZFeedbackSchema = z
  .object({
    feedback: z
      .array(
        z
          .object({
            card: z.string().min(1),
            outcome: z.enum(['accepted', 'overridden']),
            acceptedSuggestions: z.array(z.object({ id: z.string().min(1) }).strict()).optional(),
            overrideReason: z.object({ reason: ZCodingSchema.optional(), userComment: z.string().max(2000).optional() }).strict().optional(),
            outcomeTimestamp: z.iso.datetime({ offset: true }),
          })
          .strict()
          .refine((f) => f.outcome === 'accepted' || (f.acceptedSuggestions ?? []).length === 0, { message: 'an overridden card has no accepted suggestions', path: ['acceptedSuggestions'] })
          .refine((f) => f.outcome === 'overridden' || f.overrideReason === undefined, { message: 'overrideReason only goes with outcome overridden', path: ['overrideReason'] }),
      )
      .min(1)
      .max(100),
  })
  .strict();

export type TFeedback = z.infer<typeof ZFeedbackSchema>;
