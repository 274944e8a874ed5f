/**
 * Clinical codes the generators use. LOINC codes as listed in shared/CLINICAL.md (and loinc.org);
 * SNOMED CT from the SNOMED International browser; ATC from the WHO ATC/DDD index 2025; mCODE
 * profile URLs and LOINC codes for staging, ECOG, disease status and genomics from mCODE STU3
 * (http://hl7.org/fhir/us/mcode/STU3).
 */
export const SYSTEMS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  icd10: 'http://hl7.org/fhir/sid/icd-10',
  atc: 'http://www.whocc.no/atc',
  ucum: 'http://unitsofmeasure.org',
  ajcc: 'http://cancerstaging.org',
  hgnc: 'http://www.genenames.org/geneId',
  hgvs: 'http://varnomen.hgvs.org',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
} as const;

export interface LabDefinition {
  loinc: string;
  display: string;
  unit: string;
  category: 'laboratory' | 'vital-signs';
}

export const LABS = {
  hba1cPercent: { loinc: '4548-4', display: 'Hemoglobin A1c/Hemoglobin.total in Blood', unit: '%', category: 'laboratory' },
  hba1cIfcc: { loinc: '59261-8', display: 'Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol', unit: 'mmol/mol', category: 'laboratory' },
  fastingGlucose: { loinc: '1558-6', display: 'Fasting glucose [Moles/volume] in Serum or Plasma', unit: 'mmol/L', category: 'laboratory' },
  egfr: { loinc: '62238-1', display: 'Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum, Plasma or Blood by Creatinine-based formula (CKD-EPI)', unit: 'mL/min/{1.73_m2}', category: 'laboratory' },
  creatinine: { loinc: '2160-0', display: 'Creatinine [Mass/volume] in Serum or Plasma', unit: 'mg/dL', category: 'laboratory' },
  alt: { loinc: '1742-6', display: 'Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma', unit: 'U/L', category: 'laboratory' },
  hdl: { loinc: '2085-9', display: 'Cholesterol in HDL [Mass/volume] in Serum or Plasma', unit: 'mg/dL', category: 'laboratory' },
  totalCholesterol: { loinc: '2093-3', display: 'Cholesterol [Mass/volume] in Serum or Plasma', unit: 'mg/dL', category: 'laboratory' },
  triglycerides: { loinc: '2571-8', display: 'Triglyceride [Mass/volume] in Serum or Plasma', unit: 'mg/dL', category: 'laboratory' },
  uacr: { loinc: '14959-1', display: 'Microalbumin/Creatinine [Mass Ratio] in Urine', unit: 'mg/mmol', category: 'laboratory' },
  bmi: { loinc: '39156-5', display: 'Body mass index (BMI) [Ratio]', unit: 'kg/m2', category: 'vital-signs' },
  weight: { loinc: '29463-7', display: 'Body weight', unit: 'kg', category: 'vital-signs' },
  systolic: { loinc: '8480-6', display: 'Systolic blood pressure', unit: 'mm[Hg]', category: 'vital-signs' },
  cea: { loinc: '2039-6', display: 'Carcinoembryonic Ag [Mass/volume] in Serum or Plasma', unit: 'ng/mL', category: 'laboratory' },
} as const satisfies Record<string, LabDefinition>;

export const CONDITIONS = {
  type2Diabetes: { snomed: '44054006', icd10: 'E11.9', display: 'Diabetes mellitus type 2' },
  hypertension: { snomed: '38341003', icd10: 'I10', display: 'Hypertensive disorder' },
  heartFailure: { snomed: '84114007', icd10: 'I50.9', display: 'Heart failure' },
  myocardialInfarction: { snomed: '22298006', icd10: 'I21.9', display: 'Myocardial infarction' },
  coronaryArteryDisease: { snomed: '53741008', icd10: 'I25.1', display: 'Coronary arteriosclerosis' },
  ckd: { snomed: '709044004', icd10: 'N18.9', display: 'Chronic kidney disease' },
  obesity: { snomed: '414916001', icd10: 'E66.9', display: 'Obesity' },
  hyperlipidaemia: { snomed: '55822004', icd10: 'E78.5', display: 'Hyperlipidemia' },
} as const;

/** Diabetes drugs with ATC codes (classes per CLINICAL.md, ADA Standards of Care 2025). */
export const DIABETES_DRUGS = {
  metformin: { atc: 'A10BA02', display: 'metformin', dose: '1000 mg twice daily' },
  empagliflozin: { atc: 'A10BK03', display: 'empagliflozin', dose: '10 mg once daily' },
  dapagliflozin: { atc: 'A10BK01', display: 'dapagliflozin', dose: '10 mg once daily' },
  semaglutide: { atc: 'A10BJ06', display: 'semaglutide', dose: '1 mg once weekly s.c.' },
  liraglutide: { atc: 'A10BJ02', display: 'liraglutide', dose: '1.2 mg once daily s.c.' },
  sitagliptin: { atc: 'A10BH01', display: 'sitagliptin', dose: '100 mg once daily' },
  gliclazide: { atc: 'A10BB09', display: 'gliclazide', dose: '60 mg once daily' },
  pioglitazone: { atc: 'A10BG03', display: 'pioglitazone', dose: '30 mg once daily' },
  glargine: { atc: 'A10AE04', display: 'insulin glargine', dose: '20 units once daily s.c.' },
  atorvastatin: { atc: 'C10AA05', display: 'atorvastatin', dose: '20 mg once daily' },
  ramipril: { atc: 'C09AA05', display: 'ramipril', dose: '5 mg once daily' },
} as const;
export type DiabetesDrug = keyof typeof DIABETES_DRUGS;

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

/** mCODE staging LOINC codes (clinical / pathological T, N, M and stage group). */
export const STAGING_LOINC = {
  clinical: { t: '21905-5', n: '21906-3', m: '21907-1', group: '21908-9' },
  pathological: { t: '21899-0', n: '21900-6', m: '21901-4', group: '21902-2' },
} as const;

export const ECOG_LOINC = '89247-1';
/** LOINC answer codes for ECOG grades 0..4 (LOINC answer list LL529-9). */
export const ECOG_ANSWERS = ['LA9622-7', 'LA9623-5', 'LA9624-3', 'LA9625-0', 'LA9626-8'] as const;
export const DISEASE_STATUS_LOINC = '97509-4';
export const DISEASE_STATUS = {
  improved: { code: '268910001', display: "Patient's condition improved" },
  stable: { code: '359746009', display: "Patient's condition stable" },
  worsened: { code: '271299001', display: "Patient's condition worsened" },
} as const;

export interface CancerType {
  key: string;
  snomed: string;
  icd10: string;
  display: string;
  histology: { snomed: string; display: string };
  bodySite: { snomed: string; display: string };
  surgery: { snomed: string; display: string };
  markers: Array<{ loinc: string; display: string; values: readonly string[] }>;
  therapies: Array<{ atc: string; display: string }>;
  /** Actionable variants seen in this cancer (gene, HGNC id, transcript c. and p. HGVS). */
  variants: Array<{ gene: string; hgnc: string; cHgvs: string; pHgvs: string }>;
}

// Variants and therapies: OncoKB (oncokb.org) level-1 biomarkers for the indication:
// EGFR L858R → osimertinib (NSCLC); BRAF V600E → encorafenib + cetuximab (CRC, BEACON, PMID 31566309);
// KRAS G12C → sotorasib (NSCLC); PIK3CA H1047R → alpelisib + fulvestrant (HR+/HER2− breast, SOLAR-1, PMID 31091374);
// BRAF V600E → dabrafenib + trametinib (melanoma).
export const CANCER_TYPES: readonly CancerType[] = [
  {
    key: 'breast',
    snomed: '254837009',
    icd10: 'C50.9',
    display: 'Malignant neoplasm of breast',
    histology: { snomed: '82711006', display: 'Infiltrating duct carcinoma' },
    bodySite: { snomed: '76752008', display: 'Breast structure' },
    surgery: { snomed: '392021009', display: 'Lumpectomy of breast' },
    markers: [
      { loinc: '16112-5', display: 'Estrogen receptor [Interpretation] in Tissue', values: ['Positive', 'Negative'] },
      { loinc: '16113-3', display: 'Progesterone receptor [Interpretation] in Tissue', values: ['Positive', 'Negative'] },
      { loinc: '48676-1', display: 'HER2 [Interpretation] in Tissue', values: ['Negative', 'Positive'] },
    ],
    therapies: [
      { atc: 'L02BG04', display: 'letrozole' },
      { atc: 'L01FD01', display: 'trastuzumab' },
      { atc: 'L01CD01', display: 'paclitaxel' },
    ],
    variants: [{ gene: 'PIK3CA', hgnc: 'HGNC:8975', cHgvs: 'NM_006218.4:c.3140A>G', pHgvs: 'NP_006209.2:p.His1047Arg' }],
  },
  {
    key: 'lung',
    snomed: '254637007',
    icd10: 'C34.9',
    display: 'Non-small cell lung cancer',
    histology: { snomed: '35917007', display: 'Adenocarcinoma, no subtype' },
    bodySite: { snomed: '39607008', display: 'Lung structure' },
    surgery: { snomed: '173171007', display: 'Lobectomy of lung' },
    markers: [{ loinc: '83052-1', display: 'PD-L1 by immune stain in Tissue', values: ['Positive', 'Negative'] }],
    therapies: [
      { atc: 'L01EB04', display: 'osimertinib' },
      { atc: 'L01FF02', display: 'pembrolizumab' },
      { atc: 'L01XA02', display: 'carboplatin' },
    ],
    variants: [
      { gene: 'EGFR', hgnc: 'HGNC:3236', cHgvs: 'NM_005228.5:c.2573T>G', pHgvs: 'NP_005219.2:p.Leu858Arg' },
      { gene: 'KRAS', hgnc: 'HGNC:6407', cHgvs: 'NM_004985.5:c.34G>T', pHgvs: 'NP_004976.2:p.Gly12Cys' },
    ],
  },
  {
    key: 'colorectal',
    snomed: '363406005',
    icd10: 'C18.9',
    display: 'Malignant tumor of colon',
    histology: { snomed: '35917007', display: 'Adenocarcinoma, no subtype' },
    bodySite: { snomed: '71854001', display: 'Colon structure' },
    surgery: { snomed: '23968004', display: 'Colectomy' },
    markers: [{ loinc: '2039-6', display: 'Carcinoembryonic Ag [Mass/volume] in Serum or Plasma', values: ['ng/mL'] }],
    therapies: [
      { atc: 'L01XA03', display: 'oxaliplatin' },
      { atc: 'L01BC02', display: 'fluorouracil' },
      { atc: 'L01EC03', display: 'encorafenib' },
      { atc: 'L01FE01', display: 'cetuximab' },
    ],
    variants: [
      { gene: 'BRAF', hgnc: 'HGNC:1097', cHgvs: 'NM_004333.6:c.1799T>A', pHgvs: 'NP_004324.2:p.Val600Glu' },
      { gene: 'KRAS', hgnc: 'HGNC:6407', cHgvs: 'NM_004985.5:c.35G>A', pHgvs: 'NP_004976.2:p.Gly12Asp' },
    ],
  },
  {
    key: 'melanoma',
    snomed: '372244006',
    icd10: 'C43.9',
    display: 'Malignant melanoma',
    histology: { snomed: '2092003', display: 'Malignant melanoma, no subtype' },
    bodySite: { snomed: '39937001', display: 'Skin structure' },
    surgery: { snomed: '177302008', display: 'Wide local excision of skin lesion' },
    markers: [{ loinc: '14804-9', display: 'Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma', values: ['U/L'] }],
    therapies: [
      { atc: 'L01EC02', display: 'dabrafenib' },
      { atc: 'L01EE01', display: 'trametinib' },
      { atc: 'L01FF01', display: 'nivolumab' },
    ],
    variants: [{ gene: 'BRAF', hgnc: 'HGNC:1097', cHgvs: 'NM_004333.6:c.1799T>A', pHgvs: 'NP_004324.2:p.Val600Glu' }],
  },
];
