import type { JSONWebKeySet } from 'jose';
import type { Database } from '@/db/client';
import { verifyEdrToken, type EdrClaims } from '@/server/dataspace/protocol/edr-token';
import { verifyPractitionerAssertion, type PractitionerAssertion } from '@/server/dataspace/protocol/practitioner-assertion';
import { TokenError } from '@/server/dataspace/protocol/token-error';
import type { ConsentDecisionCache } from '@/server/dataspace/provider/consent-decision-cache';
import type { DatasetDefinition } from '@/server/dataspace/provider/datasets';
import type { AuthorityClient, PdpDecision } from '@/server/dataspace/runtime/authority-client';
import { isDataCategory, type DataCategory } from '@/server/fhir/data-category';
import type { IssueCode } from '@/server/fhir/operation-outcome';
import type { MatchRow } from '@/server/fhir/search-batch-store';
import type { AccessAuditor, AccessRecord } from './access-audit';

/** Who is asking, once the EDR check passed: the EDR's agreement and the practitioner it vouches for. */
export interface Caller {
  edr: EdrClaims;
  practitioner: PractitionerAssertion;
  /** The dataset the agreement covers, as this provider defines it (undefined: not offered here any more). */
  dataset: DatasetDefinition | undefined;
}

/** The credentials of one HTTP request, as the routes hand them to the gate (the routes verify nothing). */
export interface GateRequest {
  /** The EDR bearer token. */
  bearer: string | undefined;
  /** The practitioner assertion header. */
  assertion: string | undefined;
}

/** A refused request: the FHIR status, issue code and text the routes answer with (as an OperationOutcome). */
export interface Refusal {
  refused: true;
  status: 400 | 401 | 403 | 404 | 503;
  code: IssueCode;
  text: string;
}

export const refusal = (status: Refusal['status'], code: IssueCode, text: string): Refusal => ({ refused: true, status, code, text });
export const isRefusal = (value: unknown): value is Refusal => typeof value === 'object' && value !== null && (value as Refusal).refused === true;

/**
 * What an operation asks the gate to decide consent for:
 * - `records`: matching rows of the FHIR store, each decided for its patient and data category;
 * - `cohort`: people a research statistic would count, decided in bulk (PDP cohort, purpose HRESCH);
 * - `anonymous`: records that are anonymised by construction (no person to ask about, GDPR Recital 26).
 */
export type Candidates = { kind: 'records'; rows: MatchRow[] } | { kind: 'cohort'; patients: string[] } | { kind: 'anonymous' };

/** What consent let through, of the same kind as the candidates. */
export type Permitted =
  | { kind: 'records'; kept: MatchRow[]; decisions: Map<string, PdpDecision> }
  | { kind: 'cohort'; patients: string[] }
  | { kind: 'anonymous' };

/**
 * One kind of access through the data plane (read, search, batch, aggregate). An operation never sees
 * a request's credentials and touches the store only when the gate calls it, after the EDR check; what
 * it answers with is built from the `Permitted` the gate hands it, never from the candidates.
 */
export interface GateOperation<T> {
  /** What the access-audit event records as the query (a URL, a batch's URLs, an aggregate request). */
  query: string;
  /** Finds what the request is about, or refuses it (wrong purpose, bad search, unknown resource). */
  candidates(store: Database, caller: Caller): Promise<Candidates | Refusal>;
  /** The answer, built only from what consent let through (or a refusal, e.g. nothing permitted on a read). */
  answer(store: Database, caller: Caller, permitted: Permitted): Promise<T | Refusal>;
}

export interface ConsentGateOptions {
  id: string;
  /** The provider's FHIR store: reachable by operations only through `pass`. */
  store: Database;
  jwks: JSONWebKeySet;
  datasets: DatasetDefinition[];
  authority: Pick<AuthorityClient, 'decide' | 'cohort'>;
  decisions: Pick<ConsentDecisionCache, 'decide'>;
  auditor: Pick<AccessAuditor, 'record'>;
  /** The state of the EDR's transfer process at this provider ('STARTED' lets data flow). */
  transferState: (transferId: string, consumer: string) => Promise<string | null>;
}

/**
 * The one gate of the provider's data plane (as Medplum's Repository is for its FHIR server): every
 * read, search, batch and aggregate passes `pass`, which runs, in this order and only here,
 *   1. the EDR check (token, practitioner assertion bound to it, purpose, live transfer);
 *   2. the consent decision per patient (the authority's PDP, or its lease-kept memory of it);
 *   3. the filter (only permitted patients and data categories reach the operation's answer);
 *   4. the access audit (one event per patient decided; one for a request that decided nobody).
 * Every outcome is audited, refusals included. The routes hold no store: they cannot read data except
 * through this class (data-plane-gate.int.test.ts calls every registered route to check it).
 */
export class ConsentGate {
  constructor(private readonly opts: ConsentGateOptions) {}

  async pass<T>(request: GateRequest, op: GateOperation<T>): Promise<T | Refusal> {
    const caller = await this.admit(request, op.query);
    if (isRefusal(caller)) return caller;
    const candidates = await op.candidates(this.opts.store, caller);
    if (isRefusal(candidates)) {
      await this.audit(caller, op.query, [{ patient: null, outcome: 'denied', detail: `refused: ${candidates.text}` }]);
      return candidates;
    }
    let permitted: Permitted;
    try {
      permitted = await this.decide(caller, candidates);
    } catch (error) {
      // The authority (the policy decision point) could not be asked and no lease-kept decision holds:
      // release nothing (fail closed), and say why, so the clinician's page can tell them.
      const text = `consent could not be checked: the consent authority does not answer (${(error as Error).message}); no data is released`;
      await this.audit(caller, op.query, [{ patient: null, outcome: 'denied', detail: text }]);
      return refusal(503, 'transient', text);
    }
    await this.audit(caller, op.query, auditedOutcomes(caller, candidates, permitted));
    return op.answer(this.opts.store, caller, permitted);
  }

  /** Step 1, the EDR check; a refusal is audited here, before anything else is looked at. */
  private async admit(request: GateRequest, query: string): Promise<Caller | Refusal> {
    let edr: EdrClaims;
    let practitioner: PractitionerAssertion;
    try {
      edr = await verifyEdrToken(request.bearer, { provider: this.opts.id, jwks: this.opts.jwks });
      practitioner = await verifyPractitionerAssertion(request.assertion, { consumerId: edr.consumer, consumerJkt: edr.consumerJkt, audience: this.opts.id });
    } catch (error) {
      if (!(error instanceof TokenError)) throw error;
      await this.opts.auditor.record([{ provider: this.opts.id, patient: null, consumer: null, professional: null, professionalRole: null, purpose: 'unknown', query, outcome: 'denied', detail: `token refused: ${error.kind}`, breakGlass: false }]);
      return refusal(401, 'login', `authentication failed: ${error.message}`);
    }
    const caller: Caller = { edr, practitioner, dataset: this.opts.datasets.find((d) => d.key === edr.datasetId) };
    const deny = async (text: string) => {
      await this.audit(caller, query, [{ patient: null, outcome: 'denied', detail: text }]);
      return refusal(403, 'forbidden', text);
    };
    if (practitioner.purpose !== edr.purpose) return deny(`purpose ${practitioner.purpose} is not the purpose of the agreement (${edr.purpose})`);
    if (edr.purpose === 'ETREAT' && !practitioner.breakGlassReason) return deny('break-glass access (ETREAT) needs a reason');
    const transferState = await this.opts.transferState(edr.transferId, edr.consumer);
    if (transferState !== 'STARTED') return deny(`the transfer process is ${transferState ?? 'unknown'}`);
    return caller;
  }

  /** Steps 2 and 3: the consent decision for each patient among the candidates, and what it lets through. */
  private async decide(caller: Caller, candidates: Candidates): Promise<Permitted> {
    const { edr, practitioner } = caller;
    switch (candidates.kind) {
      case 'anonymous':
        return candidates;
      case 'cohort': {
        if (candidates.patients.length === 0) return { kind: 'cohort', patients: [] };
        const { permitted } = await this.opts.authority.cohort({ purpose: 'HRESCH', organisation: edr.consumer, patients: candidates.patients });
        const asked = new Set(candidates.patients);
        return { kind: 'cohort', patients: permitted.filter((p) => asked.has(p)) };
      }
      case 'records': {
        const byPatient = new Map<string, Set<DataCategory>>();
        for (const row of candidates.rows) {
          if (!row.nationalId) continue;
          const categories = byPatient.get(row.nationalId) ?? new Set<DataCategory>();
          if (isDataCategory(row.dataCategory)) categories.add(row.dataCategory);
          byPatient.set(row.nationalId, categories);
        }
        const decisions = new Map<string, PdpDecision>();
        await Promise.all(
          [...byPatient].map(async ([patient, categories]) => {
            // Rules name the professional's own organisation (from the consumer's signed practitioner
            // assertion) and the professional, not the consumer platform relaying them (issue 7 part 2);
            // the consumer is asked about separately, so a revoked one still gets nothing.
            const question = { patient, purpose: edr.purpose, consumer: edr.consumer, organisation: practitioner.organisation, professional: practitioner.userId, categories: [...categories] };
            decisions.set(patient, await this.opts.decisions.decide(question, () => this.opts.authority.decide(question)));
          }),
        );
        const kept = candidates.rows.filter((r) => r.nationalId && isDataCategory(r.dataCategory) && decisions.get(r.nationalId)?.categories[r.dataCategory] === 'permit');
        return { kind: 'records', kept, decisions };
      }
    }
  }

  /** Step 4: the access audit, stored before the answer leaves (AccessAuditor forwards patient events to the authority). */
  private audit(caller: Caller, query: string, outcomes: AuditedOutcome[]): Promise<void> {
    const { edr, practitioner } = caller;
    return this.opts.auditor.record(
      outcomes.map((o): AccessRecord => ({
        provider: this.opts.id,
        patient: o.patient,
        consumer: edr.consumer,
        professional: practitioner.userId,
        professionalRole: practitioner.role,
        organisation: practitioner.organisation,
        agreementId: edr.agreementId,
        dataCategories: o.dataCategories ?? [],
        purpose: edr.purpose,
        query,
        outcome: o.outcome,
        detail: o.detail,
        // Break-glass marks the reads of a patient's data (DICOM 110127), not refusals or aggregates.
        breakGlass: o.patient !== null && edr.purpose === 'ETREAT',
      })),
    );
  }
}

type AuditedOutcome = Pick<AccessRecord, 'patient' | 'outcome' | 'detail' | 'dataCategories'>;

/** One audit outcome per patient decided; a request that decided nobody still leaves one event. */
function auditedOutcomes(caller: Caller, candidates: Candidates, permitted: Permitted): AuditedOutcome[] {
  const reason = caller.practitioner.breakGlassReason ? `; break-glass: ${caller.practitioner.breakGlassReason}` : '';
  if (permitted.kind === 'records' && permitted.decisions.size > 0) {
    return [...permitted.decisions].map(([patient, d]) => ({
      patient,
      outcome: d.decision === 'permit' ? 'allowed' : d.decision === 'partial' ? 'partial' : 'denied',
      detail: `consent ${d.status}${reason}`,
      // Which data the answer carried, for the person's access log (EHDS Art. 9: what was accessed).
      dataCategories: Object.entries(d.categories).flatMap(([category, v]) => (v === 'permit' ? [category] : [])),
    }));
  }
  if (permitted.kind === 'records') return [{ patient: null, outcome: 'allowed', detail: `no matching records${reason}` }];
  if (permitted.kind === 'cohort') {
    const asked = candidates.kind === 'cohort' ? candidates.patients.length : 0;
    return [{ patient: null, outcome: 'allowed', detail: `aggregate over ${permitted.patients.length} research-consented of ${asked} records` }];
  }
  return [{ patient: null, outcome: 'allowed', detail: 'aggregate over the anonymised cohort' }];
}
