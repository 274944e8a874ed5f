/** Raised when a patient's features cannot be scored; `issues` name each field and why (for a 4xx). */
export class TherapyModelInputError extends Error {
  readonly code = 'THERAPY_MODEL_INVALID_INPUT' as const;
  constructor(readonly issues: { path: string; message: string }[]) {
    super(`Therapy model input rejected: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'TherapyModelInputError';
  }
}

/** Raised when the model files on disk do not match the code (wrong schema, missing file). */
export class TherapyModelUnavailableError extends Error {
  readonly code = 'THERAPY_MODEL_UNAVAILABLE' as const;
  constructor(message: string) {
    super(message);
    this.name = 'TherapyModelUnavailableError';
  }
}
