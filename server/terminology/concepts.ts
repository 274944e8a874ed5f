import { CANCER_TYPES } from './cancers';
import { CODE_SYSTEMS } from './code-systems';
import { CONDITIONS, SNOMED_OTHER } from './conditions';
import type { LocalText } from './display';
import { LABS, OTHER_LAB_CODES } from './labs';
import { CANCER_MEDICINES, DIABETES_MEDICINES, ROUTES } from './medications';
import { DISEASE_STATUS, DISEASE_STATUS_LOINC, ECOG_LOINC, GENOMICS_LOINC, MCODE_KINDS, STAGING_LOINC } from './mcode';
import { text } from './display';

const key = (system: string, code: string) => `${system}|${code}`;

/** Every coded concept the app knows, by `system|code`, with its name in each language. */
function buildIndex(): Map<string, LocalText> {
  const index = new Map<string, LocalText>();
  const put = (system: string, code: string, name: LocalText) => index.set(key(system, code), name);
  for (const lab of [...Object.values(LABS), ...Object.values(OTHER_LAB_CODES)]) put(CODE_SYSTEMS.loinc, lab.loinc, lab.name);
  for (const c of Object.values(CONDITIONS)) {
    put(CODE_SYSTEMS.snomed, c.snomed, c.name);
    put(CODE_SYSTEMS.icd10, c.icd10, c.name);
  }
  for (const c of [...Object.values(SNOMED_OTHER), ...Object.values(ROUTES)]) put(CODE_SYSTEMS.snomed, c.code, c.name);
  for (const m of [...Object.values(DIABETES_MEDICINES), ...Object.values(CANCER_MEDICINES)]) put(CODE_SYSTEMS.atc, m.atc, m.name);
  for (const c of CANCER_TYPES) {
    put(CODE_SYSTEMS.snomed, c.snomed, c.name);
    put(CODE_SYSTEMS.icd10, c.icd10, c.name);
    for (const concept of [c.histology, c.bodySite, c.surgery]) put(CODE_SYSTEMS.snomed, concept.snomed, concept.name);
    for (const m of c.markers) put(CODE_SYSTEMS.loinc, m.loinc, m.name);
  }
  for (const s of Object.values(DISEASE_STATUS)) put(CODE_SYSTEMS.snomed, s.code, s.name);
  for (const g of Object.values(GENOMICS_LOINC)) put(CODE_SYSTEMS.loinc, g.code, g.name);
  const staging = { t: MCODE_KINDS.tnmT.name, n: MCODE_KINDS.tnmN.name, m: MCODE_KINDS.tnmM.name, group: MCODE_KINDS.stageGroup.name };
  for (const [axis, name] of Object.entries(staging) as Array<[keyof typeof staging, LocalText]>) {
    put(CODE_SYSTEMS.loinc, STAGING_LOINC.clinical[axis], name);
    put(CODE_SYSTEMS.loinc, STAGING_LOINC.pathological[axis], text(`${name.en} (pathological)`, `${name.fr} (pathologique)`));
  }
  put(CODE_SYSTEMS.loinc, ECOG_LOINC, MCODE_KINDS.ecog.name);
  put(CODE_SYSTEMS.loinc, DISEASE_STATUS_LOINC, MCODE_KINDS.diseaseStatus.name);
  return index;
}

const INDEX = buildIndex();

/** Every known concept's names: what a check for untranslated names walks. */
export const KNOWN_CONCEPT_NAMES: readonly LocalText[] = [...INDEX.values()];

/** The name of a coded concept, or null when the app does not know the code. */
export function conceptName(system: string | null | undefined, code: string | null | undefined): LocalText | null {
  if (!system || !code) return null;
  return INDEX.get(key(system, code)) ?? null;
}

/**
 * The name of the first known coding of a concept; an unknown concept keeps the provider's own text in
 * both languages (a name the app cannot translate is still shown, never dropped).
 */
export function nameOfCodings(codings: ReadonlyArray<{ system?: string; code?: string; display?: string }> | undefined, providerText: string | undefined): LocalText {
  for (const c of codings ?? []) {
    const known = conceptName(c.system, c.code);
    if (known) return known;
  }
  const fallback = providerText ?? codings?.find((c) => c.display)?.display ?? codings?.[0]?.code ?? '—';
  return { en: fallback, fr: fallback };
}
