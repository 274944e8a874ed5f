import type { TSignedInContext } from '@/server/api/trpc';
import { changeOwnConsent } from '@/server/consent/patient-consent';
import { PARTICIPANTS } from '@/server/dataspace/participants';
import type { TChangeInput, TChangeOutput } from './change.schema';

export async function changeHandler({ ctx, input }: { ctx: TSignedInContext; input: TChangeInput }): Promise<TChangeOutput> {
  const result = await changeOwnConsent(ctx, input);
  const names = new Map<string, string>(PARTICIPANTS.map((p) => [p.id, p.legalName]));
  return { version: result.version, repeated: result.repeated, recordedAt: result.recordedAt, receipt: result.receipt, providers: result.providers.map((p) => ({ ...p, name: names.get(p.provider) ?? p.provider })) };
}
