import type { Purpose } from '@/server/dataspace/protocol/purpose-of-use';
import type { ParticipantRole } from '@/server/dataspace/protocol/participant-credential';

/** A dataset a provider offers, with the HealthDCAT-AP facts the catalog shows and the purposes it is offered for. */
export interface DatasetDefinition {
  key: string;
  title: string;
  description: string;
  /** EU vocabularies data theme (http://publications.europa.eu/resource/authority/data-theme). */
  theme: string;
  accessRights: 'PUBLIC' | 'RESTRICTED' | 'NON_PUBLIC';
  legalBasis: string[];
  personalDataCategories: string[];
  codingSystems: string[];
  offers: Array<{ purpose: Purpose; roles: ParticipantRole[] }>;
  /** Answered only through the aggregate endpoint (no record-level access). */
  aggregateOnlyPurposes: Purpose[];
}

const CODING = ['http://loinc.org', 'http://snomed.info/sct', 'http://hl7.org/fhir/sid/icd-10', 'http://www.whocc.no/atc'];

export const EHR_DATASET: DatasetDefinition = {
  key: 'ehr',
  title: 'Electronic health records (synthetic)',
  description: 'Patients, encounters, conditions, laboratory results, vital signs, medications, procedures and mCODE oncology cases. FHIR R4. Synthetic data.',
  theme: 'HEAL',
  accessRights: 'NON_PUBLIC',
  legalBasis: ['GDPR Art. 9(2)(h)', 'EHDS Art. 12 (primary use)', 'EHDS Art. 53 (secondary use)'],
  personalDataCategories: ['demographics', 'encounters', 'conditions', 'laboratory', 'vitals', 'medications', 'procedures', 'oncology'],
  codingSystems: CODING,
  offers: [
    { purpose: 'TREAT', roles: ['hospital'] },
    { purpose: 'ETREAT', roles: ['hospital'] },
    { purpose: 'HRESCH', roles: ['research'] },
    { purpose: 'PUBHLTH', roles: ['research', 'hospital', 'authority'] },
    { purpose: 'MLTRAIN', roles: ['research'] },
  ],
  aggregateOnlyPurposes: ['HRESCH', 'PUBHLTH', 'MLTRAIN'],
};

export const GENOMICS_DATASET: DatasetDefinition = {
  key: 'genomics',
  title: 'Tumour genomics (synthetic)',
  description: 'Somatic variant reports (HGVS, mCODE GenomicsReport) for oncology patients of the Alzette and Moselle hospitals. Synthetic data.',
  theme: 'HEAL',
  accessRights: 'NON_PUBLIC',
  legalBasis: ['GDPR Art. 9(2)(h)', 'EHDS Art. 53(1)(e)'],
  personalDataCategories: ['genomics', 'demographics'],
  codingSystems: ['http://loinc.org', 'http://varnomen.hgvs.org', 'http://www.genenames.org/geneId'],
  offers: [
    { purpose: 'TREAT', roles: ['hospital'] },
    { purpose: 'ETREAT', roles: ['hospital'] },
    { purpose: 'HRESCH', roles: ['research'] },
  ],
  aggregateOnlyPurposes: ['HRESCH'],
};

export function datasetsOf(kind: 'hospital' | 'research'): DatasetDefinition[] {
  return kind === 'hospital' ? [EHR_DATASET] : [GENOMICS_DATASET];
}
