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
  readonly code: 'THERAPY_MODEL_UNAVAILABLE' | 'THERAPY_MODEL_INTEGRITY' = 'THERAPY_MODEL_UNAVAILABLE';
  constructor(message: string) {
    super(message);
    this.name = 'TherapyModelUnavailableError';
  }
}

/**
 * Raised when model.onnx is not the file its card and metrics describe (a changed byte, a model
 * swapped without retraining): the validation figures would then describe another model, so nothing
 * is served. The message is meant for the page, as is.
 */
export class TherapyModelIntegrityError extends TherapyModelUnavailableError {
  override readonly code = 'THERAPY_MODEL_INTEGRITY' as const;
  constructor(
    readonly file: string,
    readonly actualSha256: string,
    readonly expectedSha256: string,
    message = `model file does not match its card: sha256 ${actualSha256} expected ${expectedSha256}`,
  ) {
    super(message);
    this.name = 'TherapyModelIntegrityError';
  }
}

/**
 * Raised when a required input is absent: required inputs are never imputed, so there is no
 * prediction, and the message says what to record ("needs an eGFR from the last 12 months").
 */
export class TherapyModelMissingInputError extends Error {
  readonly code = 'THERAPY_MODEL_MISSING_REQUIRED_INPUT' as const;
  constructor(readonly missing: { input: string; needs: string }[]) {
    const needs = missing.map((m) => m.needs);
    super(`needs ${needs.length > 1 ? `${needs.slice(0, -1).join(', ')} and ${needs[needs.length - 1]}` : (needs[0] ?? '')}`);
    this.name = 'TherapyModelMissingInputError';
  }
}
