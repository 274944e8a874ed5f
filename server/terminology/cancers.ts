import { text, type LocalText } from './display';
import { CANCER_MEDICINES, type MedicineDefinition } from './medications';

/**
 * Cancer types of the oncology records: SNOMED CT and ICD-10 codes, histology, body site, surgery,
 * tumour markers (LOINC), anticancer medicines and actionable variants, each with names for people.
 */
export interface Concept {
  snomed: string;
  display: string;
  name: LocalText;
}

export interface TumourMarker {
  loinc: string;
  display: string;
  name: LocalText;
  /** Result values: interpretations ("Positive") or the UCUM unit of a numeric result. */
  values: readonly string[];
}

export interface CancerType extends Concept {
  key: string;
  icd10: string;
  histology: Concept;
  bodySite: Concept;
  surgery: Concept;
  markers: TumourMarker[];
  therapies: MedicineDefinition[];
  /** Actionable variants seen in this cancer, the first the most common in the synthetic population. */
  variants: CancerVariant[];
}

/**
 * A somatic variant as a molecular report names it: a sequence variant with transcript c. and protein p.
 * HGVS (HGVS nomenclature, varnomen.hgvs.org; RefSeq MANE transcripts), a copy-number gain, or a fusion
 * with its 5' partner. `label` is the short name the knowledge base reads ("EGFR L858R").
 */
export interface CancerVariant {
  gene: string;
  hgnc: string;
  kind: 'sequence' | 'amplification' | 'fusion';
  label: string;
  cHgvs?: string;
  pHgvs?: string;
  partner?: { gene: string; hgnc: string };
}

const EGFR = { gene: 'EGFR', hgnc: 'HGNC:3236' };
const KRAS = { gene: 'KRAS', hgnc: 'HGNC:6407' };
const BRAF_V600E: CancerVariant = { gene: 'BRAF', hgnc: 'HGNC:1097', kind: 'sequence', label: 'BRAF V600E', cHgvs: 'NM_004333.6:c.1799T>A', pHgvs: 'NP_004324.2:p.Val600Glu' };
const KRAS_G12C: CancerVariant = { ...KRAS, kind: 'sequence', label: 'KRAS G12C', cHgvs: 'NM_004985.5:c.34G>T', pHgvs: 'NP_004976.2:p.Gly12Cys' };

const ADENOCARCINOMA: Concept = { snomed: '35917007', display: 'Adenocarcinoma, no subtype', name: text('Adenocarcinoma', 'Adénocarcinome') };
const M = CANCER_MEDICINES;

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
    name: text('Breast cancer', 'Cancer du sein'),
    histology: { snomed: '82711006', display: 'Infiltrating duct carcinoma', name: text('Invasive ductal carcinoma', 'Carcinome canalaire infiltrant') },
    bodySite: { snomed: '76752008', display: 'Breast structure', name: text('Breast', 'Sein') },
    surgery: { snomed: '392021009', display: 'Lumpectomy of breast', name: text('Lumpectomy', 'Tumorectomie mammaire') },
    markers: [
      { loinc: '16112-5', display: 'Estrogen receptor [Interpretation] in Tissue', name: text('Oestrogen receptor', 'Récepteurs aux œstrogènes'), values: ['Positive', 'Negative'] },
      { loinc: '16113-3', display: 'Progesterone receptor [Interpretation] in Tissue', name: text('Progesterone receptor', 'Récepteurs à la progestérone'), values: ['Positive', 'Negative'] },
      { loinc: '48676-1', display: 'HER2 [Interpretation] in Tissue', name: text('HER2', 'HER2'), values: ['Negative', 'Positive'] },
    ],
    therapies: [M.letrozole, M.trastuzumab, M.paclitaxel],
    variants: [
      { gene: 'PIK3CA', hgnc: 'HGNC:8975', kind: 'sequence', label: 'PIK3CA H1047R', cHgvs: 'NM_006218.4:c.3140A>G', pHgvs: 'NP_006209.2:p.His1047Arg' },
      { gene: 'ERBB2', hgnc: 'HGNC:3430', kind: 'amplification', label: 'ERBB2 amplification' },
    ],
  },
  {
    key: 'lung',
    snomed: '254637007',
    icd10: 'C34.9',
    display: 'Non-small cell lung cancer',
    name: text('Non-small cell lung cancer', 'Cancer du poumon non à petites cellules'),
    histology: ADENOCARCINOMA,
    bodySite: { snomed: '39607008', display: 'Lung structure', name: text('Lung', 'Poumon') },
    surgery: { snomed: '173171007', display: 'Lobectomy of lung', name: text('Lobectomy', 'Lobectomie pulmonaire') },
    markers: [{ loinc: '83052-1', display: 'PD-L1 by immune stain in Tissue', name: text('PD-L1', 'PD-L1'), values: ['Positive', 'Negative'] }],
    therapies: [M.osimertinib, M.pembrolizumab, M.carboplatin],
    variants: [
      { ...EGFR, kind: 'sequence', label: 'EGFR L858R', cHgvs: 'NM_005228.5:c.2573T>G', pHgvs: 'NP_005219.2:p.Leu858Arg' },
      KRAS_G12C,
      { ...EGFR, kind: 'sequence', label: 'EGFR exon 19 deletion', cHgvs: 'NM_005228.5:c.2235_2249del', pHgvs: 'NP_005219.2:p.Glu746_Ala750del' },
      // T790M: the resistance mutation found at re-biopsy after a first-generation EGFR inhibitor.
      { ...EGFR, kind: 'sequence', label: 'EGFR T790M', cHgvs: 'NM_005228.5:c.2369C>T', pHgvs: 'NP_005219.2:p.Thr790Met' },
      { gene: 'ALK', hgnc: 'HGNC:427', kind: 'fusion', label: 'EML4-ALK fusion', partner: { gene: 'EML4', hgnc: 'HGNC:1316' } },
      BRAF_V600E,
    ],
  },
  {
    key: 'colorectal',
    snomed: '363406005',
    icd10: 'C18.9',
    display: 'Malignant tumor of colon',
    name: text('Colon cancer', 'Cancer du côlon'),
    histology: ADENOCARCINOMA,
    bodySite: { snomed: '71854001', display: 'Colon structure', name: text('Colon', 'Côlon') },
    surgery: { snomed: '23968004', display: 'Colectomy', name: text('Colectomy', 'Colectomie') },
    markers: [{ loinc: '2039-6', display: 'Carcinoembryonic Ag [Mass/volume] in Serum or Plasma', name: text('CEA', 'ACE'), values: ['ng/mL'] }],
    therapies: [M.oxaliplatin, M.fluorouracil, M.encorafenib, M.cetuximab],
    variants: [
      BRAF_V600E,
      { ...KRAS, kind: 'sequence', label: 'KRAS G12D', cHgvs: 'NM_004985.5:c.35G>A', pHgvs: 'NP_004976.2:p.Gly12Asp' },
      KRAS_G12C,
      { gene: 'NTRK1', hgnc: 'HGNC:8031', kind: 'fusion', label: 'TPM3-NTRK1 fusion', partner: { gene: 'TPM3', hgnc: 'HGNC:12012' } },
    ],
  },
  {
    key: 'melanoma',
    snomed: '372244006',
    icd10: 'C43.9',
    display: 'Malignant melanoma',
    name: text('Melanoma', 'Mélanome'),
    histology: { snomed: '2092003', display: 'Malignant melanoma, no subtype', name: text('Malignant melanoma', 'Mélanome malin') },
    bodySite: { snomed: '39937001', display: 'Skin structure', name: text('Skin', 'Peau') },
    surgery: { snomed: '177302008', display: 'Wide local excision of skin lesion', name: text('Wide local excision', 'Exérèse large') },
    markers: [{ loinc: '14804-9', display: 'Lactate dehydrogenase [Enzymatic activity/volume] in Serum or Plasma', name: text('LDH', 'LDH'), values: ['U/L'] }],
    therapies: [M.dabrafenib, M.trametinib, M.nivolumab],
    variants: [BRAF_V600E],
  },
];
