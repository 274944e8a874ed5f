import { refusal, type GateOperation, type Refusal } from './consent-gate';
import { runTwinAggregate, ZTwinAggregateRequest, type TwinAggregateRequest } from './digital-twin-aggregate';
import { researchCandidates, runAggregate, ZAggregateRequest, type AggregateRequest } from './research-aggregate';
import { DifferencingGuard } from './differencing-guard';
import { cohortsOf, runSimilarPatients, similarPatientCandidates, similarPatientsFollowUp, ZSimilarPatientsRequest, type SimilarPatientsRequest } from './similar-patients-aggregate';
import { runSurvival, survivalCandidates, ZSurvivalRequest, type SurvivalRequest } from './survival-table';

// One per provider process: what each requester was answered, for differencing protection.
const guards = new Map<string, DifferencingGuard>();
const guardOf = (provider: string) => guards.get(provider) ?? guards.set(provider, new DifferencingGuard()).get(provider) ?? new DifferencingGuard();

type Issues = Array<{ path: PropertyKey[]; message: string }>;
const invalid = (issues: Issues): Refusal => refusal(400, 'invalid', `invalid aggregate request: ${issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);

type Parsed = { kind: 'twins'; request: TwinAggregateRequest } | { kind: 'survival'; request: SurvivalRequest } | { kind: 'similar'; request: SimilarPatientsRequest } | { kind: 'research'; request: AggregateRequest };

/**
 * `POST [base]/$aggregate`: research statistics. On the digital-twin cohort (anonymised) for the
 * dataset's aggregate-only purposes; on EHR or genomics records for HRESCH only, over the people the
 * gate's cohort decision lets through: counts (research-aggregate.ts), a life table (survival-table.ts), or
 * similar patients' treatment mix and survival grids (similar-patients-aggregate.ts), guarded against differencing.
 */
export function aggregateOperation(base: { provider: string }, body: unknown): GateOperation<Record<string, unknown>> {
  let parsed: Parsed | null = null;
  return {
    query: JSON.stringify(body ?? null).slice(0, 2000),
    async candidates(store, caller) {
      const { edr, dataset } = caller;
      if (dataset?.store === 'digital-twins') {
        if (!(dataset.aggregateOnlyPurposes as string[]).includes(edr.purpose)) return refusal(403, 'forbidden', `the digital-twin cohort answers aggregates for ${dataset.aggregateOnlyPurposes.join(', ')} only`);
        const twins = ZTwinAggregateRequest.safeParse(body);
        if (!twins.success) return invalid(twins.error.issues);
        parsed = { kind: 'twins', request: twins.data };
        return { kind: 'anonymous' };
      }
      if (edr.purpose !== 'HRESCH') return refusal(403, 'forbidden', 'cohort statistics are answered only under an agreement for purpose HRESCH');
      if (typeof body === 'object' && body !== null && 'survival' in body) {
        const survival = ZSurvivalRequest.safeParse(body);
        if (!survival.success) return invalid(survival.error.issues);
        parsed = { kind: 'survival', request: survival.data };
        return { kind: 'cohort', patients: await survivalCandidates(store, edr.datasetId, survival.data) };
      }
      if (typeof body === 'object' && body !== null && 'similarPatients' in body) {
        const similar = ZSimilarPatientsRequest.safeParse(body);
        if (!similar.success) return invalid(similar.error.issues);
        parsed = { kind: 'similar', request: similar.data };
        return { kind: 'cohort', patients: await similarPatientCandidates(store, edr.datasetId, similar.data) };
      }
      const research = ZAggregateRequest.safeParse(body);
      if (!research.success) return invalid(research.error.issues);
      parsed = { kind: 'research', request: research.data };
      return { kind: 'cohort', patients: await researchCandidates(store, edr.datasetId, research.data) };
    },
    async answer(store, caller, permitted) {
      const answered = { provider: base.provider, agreementId: caller.edr.agreementId };
      const patients = permitted.kind === 'cohort' ? permitted.patients : [];
      const datasetId = caller.edr.datasetId;
      switch (parsed?.kind) {
        case 'twins':
          return { ...(await runTwinAggregate(store, parsed.request)), ...answered };
        case 'survival':
          return { ...(await runSurvival(store, { datasetId, request: parsed.request, permitted: patients })), ...answered };
        case 'similar': {
          // Differencing protection: refuse a cohort that differs from one this requester already got by 1–4 people.
          const people = await similarPatientsFollowUp(store, datasetId, parsed.request, patients);
          const cohorts = cohortsOf(people);
          const guard = guardOf(base.provider);
          const close = guard.tooClose(caller.edr.consumer, cohorts);
          if (close !== null) return refusal(403, 'forbidden', `this cohort differs from one already answered to ${caller.edr.consumer} by fewer than 5 people; change the query by at least 5`);
          guard.remember(caller.edr.consumer, cohorts);
          return { ...runSimilarPatients({ request: parsed.request, people }), ...answered };
        }
        case 'research':
          return { ...(await runAggregate(store, { datasetId, request: parsed.request, permitted: patients })), ...answered };
        default:
          throw new Error('answer before candidates');
      }
    },
  };
}
