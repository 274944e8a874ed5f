import type { OperationOutcome } from '@medplum/fhirtypes';

export type IssueCode = 'required' | 'invalid' | 'not-supported' | 'login' | 'forbidden' | 'not-found' | 'throttled' | 'exception' | 'suppressed' | 'informational' | 'security';

/** An OperationOutcome with one issue; security failures get generic text (Medplum's convention). */
export function operationOutcome(severity: 'error' | 'warning' | 'information', code: IssueCode, diagnostics: string): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics }] };
}
