/** Why a token or credential was refused; every kind maps to 401 (or 403 for `forbidden`) at the boundary. */
export const TOKEN_ERROR_KINDS = {
  missing: 'missing',
  malformed: 'malformed',
  signature: 'signature',
  expired: 'expired',
  lifetime: 'lifetime',
  audience: 'audience',
  replayed: 'replayed',
  revoked: 'revoked',
  unknown: 'unknown',
  binding: 'binding',
  forbidden: 'forbidden',
} as const;
export type TokenErrorKind = (typeof TOKEN_ERROR_KINDS)[keyof typeof TOKEN_ERROR_KINDS];

export class TokenError extends Error {
  constructor(
    readonly kind: TokenErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'TokenError';
  }

  get status(): 401 | 403 {
    return this.kind === 'forbidden' ? 403 : 401;
  }
}
