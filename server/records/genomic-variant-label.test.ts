import type { Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { GENOMICS_LOINC as G, SEQUENCE_ONTOLOGY } from '@/server/terminology/mcode';
import { genomicVariantLabel } from './genomic-variant-label';

const part = (loinc: string, code: string, display?: string) => ({ code: { coding: [{ code: loinc }] }, valueCodeableConcept: { coding: [{ code, ...(display ? { display } : {}) }] } });
const variant = (...component: ReturnType<typeof part>[]): Observation => ({ resourceType: 'Observation', status: 'final', code: { coding: [{ code: G.variantAssessment.code }] }, component });

describe('a genomic variant named for people', () => {
  it('gene and protein change, without the reference sequence', () => {
    expect(genomicVariantLabel(variant(part(G.geneStudied.code, 'HGNC:3236', 'EGFR'), part(G.aminoAcidChange.code, 'NP_005219.2:p.Leu858Arg')))).toBe('EGFR p.Leu858Arg');
  });
  it('a fusion by both partners, an amplification by its gene', () => {
    expect(genomicVariantLabel(variant(part(G.geneStudied.code, 'HGNC:3205', 'EML4'), part(G.geneStudied.code, 'HGNC:427', 'ALK'), part(G.dnaChangeType.code, SEQUENCE_ONTOLOGY.gene_fusion.code)))).toBe('EML4-ALK fusion');
    expect(genomicVariantLabel(variant(part(G.geneStudied.code, 'HGNC:3430', 'ERBB2'), part(G.dnaChangeType.code, SEQUENCE_ONTOLOGY.copy_number_gain.code)))).toBe('ERBB2 amplification');
  });
  it('nothing without a gene', () => {
    expect(genomicVariantLabel(variant())).toBeNull();
  });
});
