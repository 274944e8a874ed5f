import type { OperationOutcome } from '@medplum/fhirtypes';
import type { DataspaceConsumer } from '@/server/dataspace/consumer/dataspace-consumer';
import type { Practitioner } from '@/server/dataspace/consumer/record-fan-out';
import type { SimilarPatientsAnswer } from '@/server/dataspace/provider/data-plane/similar-patients-aggregate';
import type { TAskProviders, TProviderAnswer } from './similar-patients';

const RESEARCH_PURPOSE = 'HRESCH';
const PROVIDER_ROLES = new Set(['hospital', 'research', 'provider']);

/**
 * Asks every active provider in the authority's directory, under an HRESCH agreement (negotiated on
 * first use), for a similar-patients aggregate: one POST [base]/$aggregate each, in parallel, each with a
 * deadline. A refusal (403, e.g. differencing protection) or failure becomes that provider's status.
 */
export function askProviders(consumer: DataspaceConsumer, practitioner: Omit<Practitioner, 'purpose'>, timeoutMs = 10_000): TAskProviders {
  return async (body) => {
    // Never the app itself: it is in the directory too, and it holds no patients.
    const self = (await consumer.identity.current()).id;
    const participants = (await consumer.directory.participants()).filter((p) => p.id !== self && p.status === 'active' && p.baseUrl && p.roles.some((r) => PROVIDER_ROLES.has(r)));
    return Promise.all(
      participants.map(async (p): Promise<TProviderAnswer> => {
        const signal = AbortSignal.timeout(timeoutMs);
        try {
          const live = await consumer.contracts.ensure(p.id, p.baseUrl ?? '', RESEARCH_PURPOSE);
          const dsp = await consumer.dsp();
          const res = await dsp.fhir(live.transfer, '/$aggregate', { ...practitioner, purpose: RESEARCH_PURPOSE }, { method: 'POST', body, signal });
          if (res.ok) return { providerId: p.id, status: 'ok', answer: (await res.json()) as SimilarPatientsAnswer };
          const outcome = (await res.json().catch(() => null)) as OperationOutcome | null;
          const detail = outcome?.issue?.[0]?.diagnostics ?? outcome?.issue?.[0]?.details?.text ?? `HTTP ${res.status}`;
          return { providerId: p.id, status: res.status === 403 ? 'refused' : 'unavailable', detail };
        } catch (error) {
          return { providerId: p.id, status: 'unavailable', detail: error instanceof Error ? error.message : String(error) };
        }
      }),
    );
  };
}
