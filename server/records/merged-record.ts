import type { Condition, DiagnosticReport, MedicationRequest, MedicationStatement, Observation, Procedure } from '@medplum/fhirtypes';
import type { SourcedResource } from '@/server/dataspace/consumer/record-fan-out';
import { nameOfCodings } from '@/server/terminology/concepts';
import type { LocalText } from '@/server/terminology/display';
import { MCODE, type McodeKind } from '@/server/terminology/mcode';
import { itemSource } from './item-source';
import type { TItemSource, TMergedRecord } from './merged-record-schema';
import { recordSummary } from './record-summary';
import { reconcileConditions } from './reconcile-conditions';
import { reconcileMedications } from './reconcile-medications';
import { reconcileObservations } from './reconcile-observations';
import { mcodeKindOf, reconcileOncology, type OncologyResource } from './reconcile-oncology';
import { reconcileProcedures } from './reconcile-procedures';

type Sourced<T> = { resource: T; source: SourcedResource['source'] };

/**
 * The reconciled record of one patient from every provider's resources: each clinical resource lands in
 * exactly one section (cancer conditions among the conditions, anticancer medicines among the
 * medications, the other mCODE items in the oncology section), Patient resources are the caller's, and a
 * resource of a type the record does not show is listed in `notShown`, never dropped.
 */
export function mergedRecord(resources: readonly SourcedResource[]): TMergedRecord {
  const conditions: Array<Sourced<Condition>> = [];
  const medications: Array<Sourced<MedicationRequest | MedicationStatement>> = [];
  const observations: Array<Sourced<Observation>> = [];
  const oncology: Array<Sourced<OncologyResource> & { kind: McodeKind }> = [];
  const procedures: Array<Sourced<Procedure | DiagnosticReport>> = [];
  const notShown = new Map<string, TItemSource[]>();
  let histology: LocalText | null = null;
  for (const { resource, source } of resources) {
    const kind = mcodeKindOf(resource);
    switch (resource.resourceType) {
      case 'Patient':
        break;
      case 'Condition':
        conditions.push({ resource, source });
        if (kind === 'primaryCancer' && !histology) {
          const h = resource.extension?.find((e) => e.url === MCODE.histologyExtension)?.valueCodeableConcept;
          if (h) histology = nameOfCodings(h.coding, h.text);
        }
        break;
      case 'MedicationRequest':
      case 'MedicationStatement':
        medications.push({ resource, source });
        break;
      case 'Observation':
        if (kind) oncology.push({ resource, source, kind });
        else observations.push({ resource, source });
        break;
      case 'Procedure':
      case 'DiagnosticReport':
        if (kind) oncology.push({ resource, source, kind });
        else procedures.push({ resource, source });
        break;
      default:
        notShown.set(resource.resourceType, [...(notShown.get(resource.resourceType) ?? []), itemSource(resource, source, null)]);
    }
  }
  const merged = {
    conditions: reconcileConditions(conditions),
    medications: reconcileMedications(medications),
    observations: reconcileObservations(observations),
    oncology: reconcileOncology(oncology),
    procedures: reconcileProcedures(procedures),
  };
  return { summary: recordSummary({ ...merged, histology }), ...merged, notShown: [...notShown.entries()].map(([resourceType, sources]) => ({ resourceType, sources })) };
}
