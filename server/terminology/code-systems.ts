/**
 * Every code-system and identifier-system URL the app and its participants write or read, each written
 * once. Canonical URLs from the FHIR R4 terminology page (hl7.org/fhir/R4/terminologies-systems.html)
 * and the HL7 terminology (terminology.hl7.org); the d4h.example ones are this dataspace's own.
 */
export const CODE_SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  atc: 'http://www.whocc.no/atc',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  ucum: 'http://unitsofmeasure.org',
  ajcc: 'http://cancerstaging.org',
  hgnc: 'http://www.genenames.org/geneId',
  hgvs: 'http://varnomen.hgvs.org',
  sequenceOntology: 'http://www.sequenceontology.org',
  observationInterpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  diagnosticServiceSection: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  /** Per-patient consent state a provider puts in a search bundle's OperationOutcome (this dataspace's own). */
  consentStatus: 'https://d4h.example/fhir/CodeSystem/consent-status',
} as const;

/** On a consent-status issue: the patient's Consent version that decided, and the date it was recorded (this dataspace's own). */
export const CONSENT_BASIS_EXTENSION = 'https://d4h.example/fhir/StructureDefinition/consent-basis' as const;
export const CONSENT_DATE_EXTENSION = 'https://d4h.example/fhir/StructureDefinition/consent-date' as const;

/** FHIR identifier system of the (fictional) national health identifier, Luxembourg matricule format. */
export const NATIONAL_HEALTH_ID_SYSTEM = 'urn:oid:1.3.182.4.4' as const;

/** A hospital's own medical record numbers: one identifier system per participant. */
export const medicalRecordNumberSystem = (participantId: string): string => `https://${participantId}.example/fhir/mrn`;

