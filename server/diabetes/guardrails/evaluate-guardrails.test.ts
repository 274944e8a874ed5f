import { describe, expect, it } from 'vitest';
import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import type { GuardrailPatient } from '@/server/diabetes/guardrails/guardrail-patient';
import { GUARDRAIL_RULE_SET_VERSION, evaluateGuardrails, exclusionsOf } from '@/server/diabetes/guardrails/evaluate-guardrails';
import { GUARDRAIL_RULES } from '@/server/diabetes/guardrails/rules';

/** A patient no rule fires for except the standing hypoglycaemia caution and insulin's indication. */
const base: GuardrailPatient = {
  ageYears: 55,
  hba1cMmolMol: 70,
  egfrMlMin173m2: 90,
  uacrMgMmol: 1,
  heartFailure: false,
  ascvd: false,
  chronicKidneyDiagnosis: false,
  medullaryThyroidCarcinomaOrMen2: false,
  symptomaticHyperglycaemia: false,
  currentClasses: ['metformin'],
  targetHba1cMmolMol: 53,
};

const assess = (over: Partial<GuardrailPatient>) => evaluateGuardrails({ ...base, ...over });
const statusOf = (over: Partial<GuardrailPatient>, c: DrugClassId) => assess(over).classes[c].status;
const rulesOf = (over: Partial<GuardrailPatient>, c: DrugClassId) => assess(over).classes[c].findings.map((f) => f.ruleId);

describe('guardrails, case by case', () => {
  it('has a version and a source on every rule', () => {
    expect(GUARDRAIL_RULE_SET_VERSION).toMatch(/^\d{4}\.\d+\.\d+$/);
    for (const rule of GUARDRAIL_RULES) expect(rule.source.url).toMatch(/^https:\/\//);
    expect(new Set(GUARDRAIL_RULES.map((r) => r.id)).size).toBe(GUARDRAIL_RULES.length);
  });

  it('metformin: contraindicated below eGFR 30, not started at 30–45, fine at 45', () => {
    const naive = { currentClasses: [] };
    expect(rulesOf({ ...naive, egfrMlMin173m2: 29 }, 'metformin')).toContain('metformin-egfr-below-30');
    expect(statusOf({ ...naive, egfrMlMin173m2: 29 }, 'metformin')).toBe('excluded');
    expect(rulesOf({ ...naive, egfrMlMin173m2: 30 }, 'metformin')).toEqual(['metformin-egfr-30-45-no-start']);
    expect(rulesOf({ ...naive, egfrMlMin173m2: 44 }, 'metformin')).toEqual(['metformin-egfr-30-45-no-start']);
    expect(statusOf({ ...naive, egfrMlMin173m2: 45 }, 'metformin')).toBe('available');
  });

  it('SGLT2i: not started below eGFR 20; recommended for heart failure or CKD at eGFR ≥ 20 whatever the HbA1c', () => {
    expect(statusOf({ egfrMlMin173m2: 19, heartFailure: true }, 'sglt2i')).toBe('excluded');
    expect(rulesOf({ egfrMlMin173m2: 19, heartFailure: true }, 'sglt2i')).toEqual(['sglt2i-egfr-below-20']);
    expect(statusOf({ heartFailure: true }, 'sglt2i')).toBe('recommended');
    expect(statusOf({ egfrMlMin173m2: 25 }, 'sglt2i')).toBe('recommended');
    expect(rulesOf({ uacrMgMmol: 12 }, 'sglt2i')).toContain('sglt2i-ckd');
    expect(rulesOf({ chronicKidneyDiagnosis: true }, 'sglt2i')).toContain('sglt2i-ckd');
    expect(statusOf({ uacrMgMmol: null }, 'sglt2i')).toBe('available');
    // Whatever the HbA1c: at target, organ protection is still proposed.
    expect(statusOf({ heartFailure: true, hba1cMmolMol: 50 }, 'sglt2i')).toBe('recommended');
  });

  it('a patient with eGFR 25 is never offered metformin and is offered an SGLT2i', () => {
    const a = assess({ egfrMlMin173m2: 25, currentClasses: [] });
    expect(a.classes.metformin.status).toBe('excluded');
    expect(exclusionsOf(a.classes.metformin)[0]?.message).toMatch(/contraindicated at eGFR < 30 \(eGFR 25\)/);
    expect(a.classes.sglt2i.status).toBe('recommended');
  });

  it('ASCVD: GLP-1 RA and SGLT2i with proven benefit are recommended', () => {
    const a = assess({ ascvd: true });
    expect(a.classes.glp1ra.status).toBe('recommended');
    expect(a.classes.sglt2i.status).toBe('recommended');
    expect(a.classes.glp1ra.findings[0]?.message).toMatch(/semaglutide/);
    expect(a.classes.dpp4i.status).toBe('available');
  });

  it('GLP-1 RA contraindicated with medullary thyroid carcinoma or MEN 2, even when ASCVD would recommend it', () => {
    expect(statusOf({ medullaryThyroidCarcinomaOrMen2: true, ascvd: true }, 'glp1ra')).toBe('excluded');
    expect(rulesOf({ medullaryThyroidCarcinomaOrMen2: true }, 'glp1ra')).toEqual(['glp1ra-mtc-men2']);
  });

  it('TZD contraindicated in heart failure', () => {
    expect(statusOf({ heartFailure: true }, 'tzd')).toBe('excluded');
    expect(statusOf({}, 'tzd')).toBe('available');
  });

  it('flags the hypoglycaemia risk of sulfonylureas and insulin, higher in older adults and CKD', () => {
    const sev = (over: Partial<GuardrailPatient>, c: DrugClassId) => assess(over).classes[c].findings.find((f) => f.ruleId === 'hypoglycaemia-risk')?.severity;
    expect(sev({}, 'sulfonylurea')).toBe('moderate');
    expect(sev({ ageYears: 70 }, 'sulfonylurea')).toBe('high');
    expect(sev({ egfrMlMin173m2: 50 }, 'sulfonylurea')).toBe('high');
    expect(sev({ hba1cMmolMol: 90, ageYears: 72 }, 'basalInsulin')).toBe('high');
    expect(sev({}, 'dpp4i')).toBeUndefined();
    expect(statusOf({}, 'sulfonylurea')).toBe('available');
  });

  it('no DPP-4i with a GLP-1 RA, either way round', () => {
    expect(rulesOf({ currentClasses: ['metformin', 'glp1ra'] }, 'dpp4i')).toEqual(['no-dpp4i-with-glp1ra']);
    expect(statusOf({ currentClasses: ['metformin', 'dpp4i'] }, 'glp1ra')).toBe('excluded');
  });

  it('insulin considered above 86 mmol/mol (10 %) or with symptoms, otherwise not proposed', () => {
    expect(statusOf({ hba1cMmolMol: 86 }, 'basalInsulin')).toBe('excluded');
    expect(rulesOf({ hba1cMmolMol: 87 }, 'basalInsulin')).toContain('insulin-when-very-high-or-symptomatic');
    expect(statusOf({ hba1cMmolMol: 87 }, 'basalInsulin')).toBe('available');
    expect(statusOf({ hba1cMmolMol: 70, symptomaticHyperglycaemia: true }, 'basalInsulin')).toBe('available');
  });

  it('a class the patient already takes is not proposed again', () => {
    expect(rulesOf({}, 'metformin')).toEqual(['already-taking']);
    expect(statusOf({ heartFailure: true, currentClasses: ['metformin', 'sglt2i'] }, 'sglt2i')).toBe('excluded');
    expect(statusOf({ currentClasses: ['basalInsulin'], hba1cMmolMol: 95 }, 'basalInsulin')).toBe('excluded');
  });

  it('at or below the individual target: no intensification, continue and review; excluded classes keep their reasons', () => {
    const a = assess({ hba1cMmolMol: 53 });
    expect(a.intensification).toEqual({ indicated: false, advice: expect.stringMatching(/continue the current therapy and review/) });
    for (const c of ['sglt2i', 'glp1ra', 'dpp4i', 'sulfonylurea', 'tzd'] as const) expect(a.classes[c].status).toBe('excluded');
    expect(a.classes.metformin.findings.map((f) => f.ruleId)).toEqual(['already-taking', 'at-target-no-intensification']);
    expect(assess({ hba1cMmolMol: 54 }).intensification.indicated).toBe(true);
    // A looser individual target (older, frail): 58 is then at target.
    expect(assess({ hba1cMmolMol: 58, targetHba1cMmolMol: 58 }).intensification.indicated).toBe(false);
    // No target (the training choice set): never applied.
    expect(assess({ hba1cMmolMol: 50, targetHba1cMmolMol: null }).classes.dpp4i.status).toBe('available');
  });
});
