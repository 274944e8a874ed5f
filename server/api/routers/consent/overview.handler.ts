import type { TSignedInContext } from '@/server/api/trpc';
import { overviewOf } from '@/server/consent/consent-choices';
import { readOwnConsent } from '@/server/consent/patient-consent';
import { PARTICIPANTS } from '@/server/dataspace/participants';
import type { TOverviewOutput } from './overview.schema';

/** The dataspace's data holders and users a patient can name (the authority itself holds no records). */
const ORGANISATIONS = PARTICIPANTS.filter((p) => p.kind !== 'authority').map((p) => ({ id: p.id, name: p.legalName, kind: p.kind }));

export async function overviewHandler({ ctx }: { ctx: TSignedInContext }): Promise<TOverviewOutput> {
  const read = await readOwnConsent(ctx);
  if (!read.available) return read;
  const current = read.value;
  const o = overviewOf(current.rules);
  const names = new Map<string, string>(ORGANISATIONS.map((p) => [p.id, p.name]));
  return {
    available: true,
    version: current.version,
    recordedAt: current.recordedAt,
    ...o,
    blocks: o.blocks.map((b) => ({ ...b, name: names.get(b.id) ?? null })),
    organisations: ORGANISATIONS,
  };
}
