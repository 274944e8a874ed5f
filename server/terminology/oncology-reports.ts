/**
 * LOINC codes of the reports a tumour board's preparation checklist looks for (LOINC document
 * ontology: kind "Pathology study" / "Diagnostic imaging study" and common specific codes).
 */
export const PATHOLOGY_REPORT_LOINC: ReadonlySet<string> = new Set(['11526-1', '60568-3', '22637-3', '60567-5', '66117-3']);
export const IMAGING_REPORT_LOINC: ReadonlySet<string> = new Set(['18748-4', '24627-2', '44136-0', '30746-2', '24566-2', '24590-2', '18782-3', '36643-5', '24558-9']);
