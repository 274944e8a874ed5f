import { z } from 'zod';

/**
 * A CDS service request (CDS Hooks 2.0, "HTTP Request", cds-hooks.hl7.org/2.0/#http-request) and the
 * contexts of the two hooks this app serves (hooks.hl7.org: patient-view 1.0, order-select 1.0).
 * Anything else is a 400 naming the field.
 */
const ZFhirAuthorizationSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int().nonnegative(),
  scope: z.string().min(1),
  subject: z.string().min(1),
  patient: z.string().min(1).optional(),
});

export const ZCdsServiceRequestSchema = z
  .object({
    hook: z.string().min(1),
    hookInstance: z.uuid(),
    fhirServer: z.url({ protocol: /^https?$/ }).optional(),
    fhirAuthorization: ZFhirAuthorizationSchema.optional(),
    context: z.record(z.string(), z.unknown()),
    // A key may be null: the EHR tried and has no such data (spec: "prefetch ... null").
    prefetch: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((r) => r.fhirAuthorization === undefined || r.fhirServer !== undefined, {
    message: 'fhirAuthorization requires fhirServer',
    path: ['fhirServer'],
  });

export type TCdsServiceRequest = z.infer<typeof ZCdsServiceRequestSchema>;

const ZFhirId = z.string().regex(/^[A-Za-z0-9\-.]{1,64}$/, 'must be a FHIR id');

export const ZPatientViewContextSchema = z.object({
  userId: z.string().min(1),
  patientId: ZFhirId,
  encounterId: ZFhirId.optional(),
});

export const ZOrderSelectContextSchema = z.object({
  userId: z.string().min(1),
  patientId: ZFhirId,
  encounterId: ZFhirId.optional(),
  /** `ResourceType/id` of the orders the user just selected, within draftOrders. */
  selections: z.array(z.string().min(1)).min(1),
  draftOrders: z.object({
    resourceType: z.literal('Bundle'),
    entry: z.array(z.object({ resource: z.object({ resourceType: z.string(), id: z.string().optional() }).loose() }).loose()).default([]),
  }).loose(),
});

export type TPatientViewContext = z.infer<typeof ZPatientViewContextSchema>;
export type TOrderSelectContext = z.infer<typeof ZOrderSelectContextSchema>;

/** The reason of a zod failure, in one line: `path: message; …`. */
export function zodReason(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : '(body)'}: ${i.message}`).join('; ');
}
