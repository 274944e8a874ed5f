import type { LocalText } from '@/server/terminology/display';

/**
 * The disciplines a multidisciplinary tumour board brings together. The core four must be present
 * for a decision to be final (quorum); radiation oncology as well where radiotherapy is a usual option.
 * Source: Cancer Research UK, "Improving the effectiveness of multidisciplinary team meetings in cancer
 * services" (2017); NHS England MDT streamlining guidance (2020); ESMO MTB recommendations (Mateo et al.,
 * Nat Med 2022) for the molecular board.
 */
export const DISCIPLINES = {
  medicalOncology: { en: 'Medical oncology', fr: 'Oncologie médicale' },
  surgery: { en: 'Surgery', fr: 'Chirurgie' },
  radiology: { en: 'Radiology', fr: 'Radiologie' },
  pathology: { en: 'Pathology', fr: 'Anatomopathologie' },
  radiationOncology: { en: 'Radiation oncology', fr: 'Radiothérapie' },
  molecularBiology: { en: 'Molecular biology', fr: 'Biologie moléculaire' },
  genetics: { en: 'Clinical genetics', fr: 'Génétique clinique' },
  nursing: { en: 'Specialist nursing', fr: 'Soins infirmiers spécialisés' },
  other: { en: 'Other', fr: 'Autre' },
} as const satisfies Record<string, LocalText>;
export type Discipline = keyof typeof DISCIPLINES;
export const DISCIPLINE_KEYS = Object.keys(DISCIPLINES) as [Discipline, ...Discipline[]];

const CORE_QUORUM: readonly Discipline[] = ['medicalOncology', 'surgery', 'radiology', 'pathology'];

/**
 * The boards the app ships, with the disciplines each needs for a quorum. Thoracic, breast and skin
 * cancers are often irradiated (so radiation oncology is required there); the molecular board decides
 * on targeted therapy and needs molecular biology as well.
 */
export const TUMOUR_BOARDS = {
  thoracic: { name: { en: 'Thoracic oncology board', fr: 'RCP d’oncologie thoracique' }, quorum: [...CORE_QUORUM, 'radiationOncology'] },
  gastrointestinal: { name: { en: 'Gastrointestinal oncology board', fr: 'RCP d’oncologie digestive' }, quorum: [...CORE_QUORUM, 'radiationOncology'] },
  breast: { name: { en: 'Breast cancer board', fr: 'RCP de sénologie' }, quorum: [...CORE_QUORUM, 'radiationOncology'] },
  skin: { name: { en: 'Skin cancer board', fr: 'RCP de dermato-oncologie' }, quorum: [...CORE_QUORUM] },
  molecular: { name: { en: 'Molecular tumour board', fr: 'RCP moléculaire' }, quorum: [...CORE_QUORUM, 'molecularBiology'] },
} as const satisfies Record<string, { name: LocalText; quorum: readonly Discipline[] }>;
export type BoardKey = keyof typeof TUMOUR_BOARDS;
export const BOARD_KEYS = Object.keys(TUMOUR_BOARDS) as [BoardKey, ...BoardKey[]];

/** The disciplines of a board's quorum that the attendees do not cover. */
export function missingForQuorum(board: BoardKey, attendees: ReadonlyArray<{ discipline: Discipline }>): Discipline[] {
  const present = new Set(attendees.map((a) => a.discipline));
  return TUMOUR_BOARDS[board].quorum.filter((d) => !present.has(d));
}
