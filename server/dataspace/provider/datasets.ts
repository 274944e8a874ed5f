import type { Purpose } from '@/server/dataspace/protocol/purpose-of-use';
import type { ParticipantRole } from '@/server/dataspace/protocol/participant-credential';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';

/** A dataset a provider offers, with the HealthDCAT-AP facts the catalog shows and the purposes it is offered for. */
export interface DatasetDefinition {
  key: string;
  /** The dataset's @id when it is not urn:d4h:dataset:<provider>:<key> (the DSP TCK's own ids, runtime/tck-mode.ts). */
  iri?: string;
  title: string;
  description: string;
  /** EU vocabularies data theme (http://publications.europa.eu/resource/authority/data-theme). */
  theme: string;
  accessRights: 'PUBLIC' | 'RESTRICTED' | 'NON_PUBLIC';
  legalBasis: string[];
  personalDataCategories: string[];
  codingSystems: string[];
  offers: Array<{
    purpose: Purpose;
    roles: ParticipantRole[];
    /** The offer's @id when it is not urn:d4h:offer:<provider>:<key>:<purpose> (the DSP TCK's). */
    iri?: string;
    /** A bare `use` permission, as the DSP TCK requests it, instead of the purpose, role, deletion-duty policy. */
    unconstrained?: boolean;
  }>;
  /** Answered only through the aggregate endpoint (no record-level access). */
  aggregateOnlyPurposes: Purpose[];
  /** Where the records live: the FHIR store (default) or the anonymised digital-twin table. */
  store?: 'fhir' | 'digital-twins';
}

const S = CODE_SYSTEMS;
const CODING = [S.loinc, S.snomed, S.icd10, S.atc];

export const EHR_DATASET: DatasetDefinition = {
  key: 'ehr',
  title: 'Electronic health records (synthetic)',
  description: 'Patients, encounters, conditions, laboratory results, vital signs, medications, procedures and mCODE oncology cases. FHIR R4. Synthetic data.',
  theme: 'HEAL',
  accessRights: 'NON_PUBLIC',
  legalBasis: ['GDPR Art. 9(2)(h)', 'EHDS Art. 12 (primary use)', 'EHDS Art. 53 (secondary use)'],
  personalDataCategories: ['demographics', 'encounters', 'conditions', 'laboratory', 'vitals', 'medications', 'procedures', 'oncology'],
  codingSystems: CODING,
  // Only what the data plane serves: records for care (TREAT, ETREAT), cohort aggregates for research
  // (HRESCH). It answers nothing under PUBHLTH or MLTRAIN on this dataset, so neither is offered: an
  // agreement for them would be FINALIZED and then refused on every read (issue 12).
  offers: [
    { purpose: 'TREAT', roles: ['hospital'] },
    { purpose: 'ETREAT', roles: ['hospital'] },
    { purpose: 'HRESCH', roles: ['research'] },
  ],
  aggregateOnlyPurposes: ['HRESCH'],
};

export const GENOMICS_DATASET: DatasetDefinition = {
  key: 'genomics',
  title: 'Tumour genomics (synthetic)',
  description: 'Somatic variant reports (HGVS, mCODE GenomicsReport) for oncology patients of the Alzette and Moselle hospitals. Synthetic data.',
  theme: 'HEAL',
  accessRights: 'NON_PUBLIC',
  legalBasis: ['GDPR Art. 9(2)(h)', 'EHDS Art. 53(1)(e)'],
  personalDataCategories: ['genomics', 'demographics'],
  codingSystems: [S.loinc, S.hgvs, S.hgnc],
  offers: [
    { purpose: 'TREAT', roles: ['hospital'] },
    { purpose: 'ETREAT', roles: ['hospital'] },
    { purpose: 'HRESCH', roles: ['research'] },
  ],
  aggregateOnlyPurposes: ['HRESCH'],
};

/**
 * The digital-twin cohort: synthetic people, anonymised by construction (no identifiers, no link to a
 * hospital record), so no per-person consent applies (GDPR Recital 26); still offered for secondary use
 * only and answered as suppressed aggregates. Baseline and observed outcome only: see
 * db/participant/schema/digital-twin.ts for why the counterfactual truth is not part of it.
 */
export const DIGITAL_TWIN_DATASET: DatasetDefinition = {
  key: 'digital-twins',
  title: 'Type 2 diabetes digital-twin cohort (synthetic, anonymised)',
  description:
    'People with type 2 diabetes starting an add-on glucose-lowering therapy: baseline features (age, sex, diabetes duration, HbA1c, BMI, eGFR, ALT, lipids, blood pressure, albuminuria, ASCVD, heart failure, current therapy), the drug class received and the observed 12-month HbA1c and weight change. Anonymised secondary-use dataset; the cohort the D4H therapy model was trained on (seed 20250601). Synthetic data.',
  theme: 'HEAL',
  accessRights: 'RESTRICTED',
  legalBasis: ['EHDS Art. 53(1)(e) (training, testing and evaluating AI models)', 'EHDS Art. 53(1)(d) (scientific research)', 'anonymised data (GDPR Recital 26)'],
  personalDataCategories: [],
  codingSystems: [S.loinc, S.snomed, S.atc],
  offers: [
    { purpose: 'HRESCH', roles: ['research'] },
    { purpose: 'MLTRAIN', roles: ['research'] },
  ],
  aggregateOnlyPurposes: ['HRESCH', 'MLTRAIN'],
  store: 'digital-twins',
};

export function datasetsOf(kind: 'hospital' | 'research'): DatasetDefinition[] {
  // Genomics first: a consumer that takes the first HRESCH offer of the institute keeps getting it.
  return kind === 'hospital' ? [EHR_DATASET] : [GENOMICS_DATASET, DIGITAL_TWIN_DATASET];
}
