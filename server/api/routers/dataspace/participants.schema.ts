import { z } from 'zod';

export const CREDENTIAL_STATES = ['valid', 'expiring', 'expired', 'revoked'] as const;

export const ZParticipantsOutputSchema = z.object({
  authorityReachable: z.boolean(),
  participants: z.array(
    z.object({
      id: z.string(),
      legalName: z.string(),
      kind: z.string(),
      roles: z.array(z.string()),
      baseUrl: z.string().nullable(),
      status: z.string(),
      revokedAt: z.string().nullable(),
      revocationReason: z.string().nullable(),
      credentials: z.array(z.object({ jti: z.string(), issuedAt: z.string(), expiresAt: z.string(), revokedAt: z.string().nullable(), state: z.enum(CREDENTIAL_STATES) })),
    }),
  ),
});
export type TParticipantsOutput = z.infer<typeof ZParticipantsOutputSchema>;
