import { text, type LocalText } from './display';

/**
 * mCODE (hl7.org/fhir/us/mcode; the resources validate against STU4, package hl7.fhir.us.mcode 4.0.0): profile URLs and the LOINC codes of staging, ECOG, disease
 * status and genomics, with names for people.
 */
export const MCODE = {
  primaryCancerCondition: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-primary-cancer-condition',
  histologyExtension: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-histology-morphology-behavior',
  tnmT: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-tnm-primary-tumor-category',
  tnmN: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-tnm-regional-nodes-category',
  tnmM: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-tnm-distant-metastases-category',
  stageGroup: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-tnm-stage-group',
  tumorMarker: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-tumor-marker-test',
  ecog: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-ecog-performance-status',
  diseaseStatus: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-disease-status',
  surgery: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-related-surgical-procedure',
  radiotherapy: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-radiotherapy-course-summary',
  medicationRequest: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-related-medication-request',
  genomicVariant: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-genomic-variant',
  genomicsReport: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-genomics-report',
  cancerPatient: 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-cancer-patient',
} as const;

/** mCODE staging LOINC codes (clinical / pathological T, N, M and stage group) with their LOINC displays. */
export const STAGING_LOINC = {
  clinical: { t: '21905-5', n: '21906-3', m: '21907-1', group: '21908-9' },
  pathological: { t: '21899-0', n: '21900-6', m: '21901-4', group: '21902-2' },
} as const;

export const STAGING_DISPLAY = {
  t: 'Primary tumor.clinical [Class] Cancer',
  n: 'Regional lymph nodes.clinical [Class] Cancer',
  m: 'Distant metastases.clinical [Class] Cancer',
  group: 'Stage group.clinical Cancer',
} as const;

export const PATHOLOGICAL_STAGING_DISPLAY = {
  t: 'Primary tumor.pathology [Class] Cancer',
  n: 'Regional lymph nodes.pathology [Class] Cancer',
  m: 'Distant metastases.pathology [Class] Cancer',
  group: 'Stage group.pathology Cancer',
} as const;

/** mCODE laterality qualifier on the body site (SNOMED CT qualifier values). */
export const LATERALITY_EXTENSION = 'http://hl7.org/fhir/us/mcode/StructureDefinition/mcode-laterality-qualifier';
export const LATERALITY = {
  left: { code: '7771000', display: 'Left', name: text('left', 'gauche') },
  right: { code: '24028007', display: 'Right', name: text('right', 'droit') },
} as const;

export const ECOG_LOINC = '89247-1';
export const ECOG_DISPLAY = 'ECOG Performance Status score';
/** LOINC answer codes for ECOG grades 0..4 (LOINC answer list LL529-9). */
export const ECOG_ANSWERS = ['LA9622-7', 'LA9623-5', 'LA9624-3', 'LA9625-0', 'LA9626-8'] as const;
/** ECOG grades in words (Oken et al., Am J Clin Oncol 1982). */
export const ECOG_GRADES: readonly LocalText[] = [
  text('fully active', 'pleinement actif'),
  text('restricted in strenuous activity', 'activité intense limitée'),
  text('ambulatory, capable of self-care', 'ambulatoire, autonome'),
  text('limited self-care', 'autonomie limitée'),
  text('completely disabled', 'grabataire'),
];

export const DISEASE_STATUS_LOINC = '97509-4';
export const DISEASE_STATUS_DISPLAY = 'Cancer disease progression';
export const DISEASE_STATUS = {
  improved: { code: '268910001', display: "Patient's condition improved", name: text('improved', 'amélioration') },
  stable: { code: '359746009', display: "Patient's condition stable", name: text('stable', 'stable') },
  worsened: { code: '271299001', display: "Patient's condition worsened", name: text('worsened', 'aggravation') },
} as const;

/** LOINC codes of the genomics report, variant and its components (mCODE STU3 GenomicVariant). */
export const GENOMICS_LOINC = {
  variantAssessment: { code: '69548-6', display: 'Genetic variant assessment', name: text('Genetic variant', 'Variant génétique') },
  report: { code: '81247-9', display: 'Master HL7 genetic variant reporting panel', name: text('Genetic variant report', 'Compte rendu de variants génétiques') },
  geneStudied: { code: '48018-6', display: 'Gene studied [ID]', name: text('Gene studied', 'Gène étudié') },
  dnaChange: { code: '48004-6', display: 'DNA change (c.HGVS)', name: text('DNA change (c.HGVS)', 'Variation ADN (c.HGVS)') },
  aminoAcidChange: { code: '48005-3', display: 'Amino acid change (pHGVS)', name: text('Amino acid change (p.HGVS)', 'Variation protéique (p.HGVS)') },
  sourceClass: { code: '48002-0', display: 'Genomic source class [Type]', name: text('Genomic source class', 'Origine génomique') },
  present: { code: 'LA9633-4', display: 'Present', name: text('present', 'présent') },
  sequencing: { code: 'LA26398-0', display: 'Sequencing', name: text('sequencing', 'séquençage') },
  somatic: { code: 'LA6684-0', display: 'Somatic', name: text('somatic', 'somatique') },
  dnaChangeType: { code: '48019-4', display: 'DNA change type', name: text('DNA change type', 'Type de variation ADN') },
  copyNumber: { code: '82155-3', display: 'Genomic structural variant copy number', name: text('Copy number', 'Nombre de copies') },
  /** Microsatellite instability and tumour mutational burden, reported as tumour markers. */
  msi: { code: '81695-9', display: 'Microsatellite instability [Interpretation] in Cancer specimen Qualitative', name: text('Microsatellite instability', 'Instabilité microsatellitaire') },
  tmb: { code: '94076-7', display: 'Mutations/Megabase [# Ratio] in Tumor', name: text('Tumour mutational burden', 'Charge mutationnelle tumorale') },
} as const;

/** Sequence Ontology terms of the DNA change types the synthetic reports use (sequenceontology.org). */
export const SEQUENCE_ONTOLOGY = {
  gene_fusion: { code: 'SO:0001565', display: 'gene_fusion' },
  copy_number_gain: { code: 'SO:0001742', display: 'copy_number_gain' },
} as const;

/** The kinds of mCODE item the record shows, keyed by profile, with their names. */
export const MCODE_KINDS = {
  primaryCancer: { profile: MCODE.primaryCancerCondition, name: text('Primary cancer', 'Cancer primitif') },
  tnmT: { profile: MCODE.tnmT, name: text('TNM T category', 'Catégorie T (TNM)') },
  tnmN: { profile: MCODE.tnmN, name: text('TNM N category', 'Catégorie N (TNM)') },
  tnmM: { profile: MCODE.tnmM, name: text('TNM M category', 'Catégorie M (TNM)') },
  stageGroup: { profile: MCODE.stageGroup, name: text('Stage group', 'Stade') },
  tumourMarker: { profile: MCODE.tumorMarker, name: text('Tumour marker', 'Marqueur tumoral') },
  ecog: { profile: MCODE.ecog, name: text('ECOG performance status', 'Indice de performance ECOG') },
  diseaseStatus: { profile: MCODE.diseaseStatus, name: text('Disease status', 'Évolution de la maladie') },
  surgery: { profile: MCODE.surgery, name: text('Cancer surgery', 'Chirurgie carcinologique') },
  radiotherapy: { profile: MCODE.radiotherapy, name: text('Radiotherapy', 'Radiothérapie') },
  systemicTherapy: { profile: MCODE.medicationRequest, name: text('Systemic therapy', 'Traitement systémique') },
  genomicVariant: { profile: MCODE.genomicVariant, name: text('Genomic variant', 'Variant génomique') },
  genomicsReport: { profile: MCODE.genomicsReport, name: text('Genomics report', 'Compte rendu génomique') },
} as const;
export type McodeKind = keyof typeof MCODE_KINDS;
