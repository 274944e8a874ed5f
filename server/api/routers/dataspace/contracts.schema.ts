import { z } from 'zod';
import { ZReadableRuleSchema } from './readable-policy.schema';

export const ZContractsInputSchema = z.object({ limit: z.number().int().min(1).max(200).default(50) }).default({ limit: 50 });

export const ZNegotiationsOutputSchema = z.array(
  z.object({
    id: z.string(),
    consumerPid: z.string(),
    providerPid: z.string().nullable(),
    providerId: z.string(),
    datasetId: z.string(),
    purpose: z.string(),
    state: z.string(),
    terminationReason: z.string().nullable(),
    createdAt: z.string(),
    history: z.array(z.object({ from: z.string().nullable(), to: z.string(), at: z.string(), reason: z.string().nullable() })),
  }),
);

export const ZAgreementsOutputSchema = z.array(
  z.object({
    id: z.string(),
    providerId: z.string(),
    datasetId: z.string(),
    purpose: z.string(),
    assigner: z.string(),
    assignee: z.string(),
    target: z.string(),
    signedAt: z.string(),
    permissions: z.array(ZReadableRuleSchema),
    prohibitions: z.array(ZReadableRuleSchema),
  }),
);

export const ZTransfersOutputSchema = z.array(
  z.object({
    id: z.string(),
    consumerPid: z.string(),
    providerPid: z.string(),
    providerId: z.string(),
    agreementId: z.string(),
    purpose: z.string(),
    state: z.string(),
    endpoint: z.string().nullable(),
    tokenExpiresAt: z.string().nullable(),
    tokenRefreshedAt: z.string().nullable(),
    /** Whether the last EDR the app fetched still works (the app refreshes it before expiry on next use). */
    token: z.enum(['valid', 'expired', 'none']),
    createdAt: z.string(),
  }),
);
