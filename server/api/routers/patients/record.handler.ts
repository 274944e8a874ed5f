import type { TSignedInContext } from '@/server/api/trpc';
import { readPatientRecord } from '@/server/records/read-patient-record';
import type { TRecordInput, TRecordOutput } from './record.schema';

const PURPOSE = 'TREAT';

/** A patient's merged record for care (see readPatientRecord for the gates and the audit). */
export function recordHandler({ ctx, input }: { ctx: TSignedInContext; input: TRecordInput }): Promise<TRecordOutput> {
  return readPatientRecord(ctx, input.nationalId, PURPOSE);
}
