import type { TMergedRecord } from '@/server/records/merged-record-schema';
import { matchTrials, type TTrialMatchResult } from '@/server/oncology/trials/match-trials';
import type { TStage, TTrialCase } from '@/server/oncology/trials/trial-schema';
import type { TCaseEvidence } from './case-evidence';

const STAGE_GROUP = /^(IV|III|II|I)(?![IV])/;

/** The stage group's roman numeral (IIIA → III), or null when no provider staged the cancer. */
function stageOf(record: Pick<TMergedRecord, 'summary'>): TStage | null {
  const text = record.summary.oncology?.stage?.value.en.trim().replace(/^stage\s+/i, '') ?? '';
  return (STAGE_GROUP.exec(text)?.[1] as TStage | undefined) ?? null;
}

/** The latest ECOG grade (the record names it "1 — restricted …"). */
function ecogOf(record: Pick<TMergedRecord, 'summary'>): number | null {
  const grade = Number.parseInt(record.summary.oncology?.ecog?.value.en ?? '', 10);
  return Number.isInteger(grade) && grade >= 0 && grade <= 4 ? grade : null;
}

function ageOn(birthDate: string | null, now: Date): number | null {
  if (!birthDate || !/^\d{4}-\d{2}-\d{2}/.test(birthDate)) return null;
  const born = new Date(`${birthDate.slice(0, 10)}T00:00:00Z`);
  let age = now.getUTCFullYear() - born.getUTCFullYear();
  if (now.getUTCMonth() < born.getUTCMonth() || (now.getUTCMonth() === born.getUTCMonth() && now.getUTCDate() < born.getUTCDate())) age -= 1;
  return age;
}

/**
 * Trial matching for a case page: the case as the record tells it (tumour and variants as the evidence
 * read them, age and sex from the Patient, stage group, latest ECOG) against the shipped trial set.
 * Prior lines for advanced disease stay unknown: the merged record does not say which past regimen was
 * adjuvant and which an advanced line, and a guess would mark trials eligible that are not.
 * Null when the case has no coded cancer the knowledge base reads.
 */
export function caseTrials(
  record: Pick<TMergedRecord, 'summary' | 'oncology'>,
  patient: { gender: string | null; birthDate: string | null } | null,
  evidence: TCaseEvidence,
  now: Date = new Date(),
): TTrialMatchResult | null {
  if (!evidence.result || !evidence.icd10) return null;
  const sex = patient?.gender === 'female' || patient?.gender === 'male' ? patient.gender : null;
  const c: TTrialCase = {
    tumour: evidence.icd10,
    age: ageOn(patient?.birthDate ?? null, now),
    sex,
    ecog: ecogOf(record),
    stage: stageOf(record),
    priorLines: null,
    // Without a molecular report, a required variant is unknown, not absent.
    variants: record.oncology.some((o) => o.kind === 'genomicsReport' || o.kind === 'genomicVariant') ? evidence.read : null,
  };
  return matchTrials(c);
}
