/**
 * The guideline and label sources the guardrails cite, shown with every finding so the clinician can
 * check the basis independently (FDA clinical decision support guidance 2022, criterion 3).
 */
export interface GuardrailSource {
  label: string;
  citation: string;
  url: string;
}

export const SOURCES = {
  ada2025Glycemic: {
    label: 'ADA Standards of Care 2025, section 9',
    citation: 'American Diabetes Association. 9. Pharmacologic Approaches to Glycemic Treatment: Standards of Care in Diabetes—2025. Diabetes Care 2025;48(Suppl 1)',
    url: 'https://doi.org/10.2337/dc25-S009',
  },
  ada2025Cardiovascular: {
    label: 'ADA Standards of Care 2025, section 10',
    citation: 'American Diabetes Association. 10. Cardiovascular Disease and Risk Management: Standards of Care in Diabetes—2025. Diabetes Care 2025;48(Suppl 1)',
    url: 'https://doi.org/10.2337/dc25-S010',
  },
  ada2025Kidney: {
    label: 'ADA Standards of Care 2025, section 11',
    citation: 'American Diabetes Association. 11. Chronic Kidney Disease and Risk Management: Standards of Care in Diabetes—2025. Diabetes Care 2025;48(Suppl 1)',
    url: 'https://doi.org/10.2337/dc25-S011',
  },
  ada2025OlderAdults: {
    label: 'ADA Standards of Care 2025, section 13',
    citation: 'American Diabetes Association. 13. Older Adults: Standards of Care in Diabetes—2025. Diabetes Care 2025;48(Suppl 1)',
    url: 'https://doi.org/10.2337/dc25-S013',
  },
  adaEasd2022: {
    label: 'ADA/EASD consensus 2022',
    citation: 'Davies MJ, Aroda VR, Collins BS, et al. Management of Hyperglycemia in Type 2 Diabetes, 2022. A Consensus Report by the ADA and the EASD. Diabetes Care 2022;45(11):2753–2786',
    url: 'https://doi.org/10.2337/dci22-0034',
  },
  fdaMetformin2016: {
    label: 'FDA Drug Safety Communication 2016 (metformin)',
    citation: 'FDA Drug Safety Communication, 8 April 2016: FDA revises warnings regarding use of the diabetes medicine metformin in certain patients with reduced kidney function',
    url: 'https://www.fda.gov/drugs/drug-safety-and-availability/fda-drug-safety-communication-fda-revises-warnings-regarding-use-diabetes-medicine-metformin-certain',
  },
  fdaGlp1Boxed: {
    label: 'FDA label, GLP-1 receptor agonists (boxed warning)',
    citation: 'Prescribing information of the long-acting GLP-1 receptor agonists (e.g. semaglutide, dulaglutide, liraglutide): boxed warning, risk of thyroid C-cell tumours; contraindicated with a personal or family history of medullary thyroid carcinoma or in MEN 2',
    url: 'https://www.accessdata.fda.gov/scripts/cder/daf/',
  },
  fdaPioglitazoneBoxed: {
    label: 'FDA label, pioglitazone (boxed warning)',
    citation: 'Pioglitazone prescribing information: boxed warning, congestive heart failure; thiazolidinediones cause or exacerbate heart failure, contraindicated in NYHA class III or IV heart failure',
    url: 'https://www.accessdata.fda.gov/scripts/cder/daf/',
  },
} as const satisfies Record<string, GuardrailSource>;
