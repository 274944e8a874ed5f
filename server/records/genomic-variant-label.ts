import type { Observation } from '@medplum/fhirtypes';
import { GENOMICS_LOINC as G, SEQUENCE_ONTOLOGY } from '@/server/terminology/mcode';

const componentOf = (o: Observation, loinc: string) => o.component?.filter((c) => c.code.coding?.some((x) => x.code === loinc)) ?? [];

/**
 * A GenomicVariant in the words a clinician (and the knowledge base's parser) reads: "EGFR p.Leu858Arg",
 * "EML4-ALK fusion", "ERBB2 amplification", from its components (Genomics Reporting IG: gene studied
 * 48018-6, amino-acid change 48005-3, DNA change 48004-6, DNA change type 48019-4). Null when the
 * observation names no gene.
 */
export function genomicVariantLabel(o: Observation): string | null {
  const genes = componentOf(o, G.geneStudied.code).map((c) => c.valueCodeableConcept?.coding?.[0]?.display ?? c.valueCodeableConcept?.coding?.[0]?.code).filter((g): g is string => Boolean(g));
  if (genes.length === 0) return null;
  const type = componentOf(o, G.dnaChangeType.code)[0]?.valueCodeableConcept?.coding?.[0]?.code;
  if (type === SEQUENCE_ONTOLOGY.gene_fusion.code) return `${genes.join('-')} fusion`;
  if (type === SEQUENCE_ONTOLOGY.copy_number_gain.code) return `${genes.at(-1)} amplification`;
  const protein = componentOf(o, G.aminoAcidChange.code)[0]?.valueCodeableConcept?.coding?.[0]?.code;
  const dna = componentOf(o, G.dnaChange.code)[0]?.valueCodeableConcept?.coding?.[0]?.code;
  // "NP_005219.2:p.Leu858Arg" → "p.Leu858Arg": the reference sequence is in the resource, not in the name.
  const change = (protein ?? dna)?.replace(/^[^:]+:/, '');
  return change ? `${genes.at(-1)} ${change}` : genes.join('-');
}
