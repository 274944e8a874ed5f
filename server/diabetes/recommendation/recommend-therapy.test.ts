import { describe, expect, it } from 'vitest';
import type { TTherapyModelInput } from '@/server/diabetes/model/input-schema';
import { GUARDRAIL_RULE_SET_VERSION } from '@/server/diabetes/guardrails/evaluate-guardrails';
import { recommendTherapy } from '@/server/diabetes/recommendation/recommend-therapy';

/** Through the committed model (onnxruntime) and the real rule set. */
const patient = {
  ageYears: 68,
  sex: 'male',
  diabetesDurationYears: 11,
  hba1cMmolMol: 71,
  bmiKgM2: 29,
  egfrMlMin173m2: 25,
  triglyceridesMmolL: 2,
  hdlMmolL: 1,
  totalCholesterolMmolL: 4.2,
  systolicBpMmHg: 142,
  ascvd: false,
  heartFailure: false,
  currentTherapy: [],
} satisfies TTherapyModelInput;

describe('recommendTherapy', () => {
  it('a patient with eGFR 25 is never offered metformin and is offered an SGLT2i first, with model and rule-set versions', async () => {
    const r = await recommendTherapy({ patient, context: { targetHba1cMmolMol: 58 } });
    const first = r.options[0];
    expect(first?.drugClass).toBe('sglt2i');
    expect(first?.rank).toBe(1);
    expect(first?.reason).toMatch(/Organ protection first: Chronic kidney disease/);
    const metformin = r.options.find((o) => o.drugClass === 'metformin');
    expect(metformin?.rank).toBeNull();
    expect(metformin?.exclusions.map((f) => f.ruleId)).toEqual(['metformin-egfr-below-30']);
    expect(r.guardrails.ruleSetVersion).toBe(GUARDRAIL_RULE_SET_VERSION);
    expect(r.model.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(r.missingInputs.map((m) => m.feature).sort()).toEqual(['altUL', 'uacrMgMmol']);
    expect(r.priority.id).toBe('glycaemic');
    // High hypoglycaemia flag (older adult, CKD) on the sulfonylurea.
    expect(r.options.find((o) => o.drugClass === 'sulfonylurea')?.guardrails.findings.find((f) => f.ruleId === 'hypoglycaemia-risk')?.severity).toBe('high');
  });

  it('at target proposes no intensification and says to continue and review', async () => {
    const r = await recommendTherapy({ patient: { ...patient, egfrMlMin173m2: 80, hba1cMmolMol: 52 }, context: { targetHba1cMmolMol: 53 } });
    expect(r.guardrails.intensification.indicated).toBe(false);
    expect(r.options.every((o) => o.rank === null)).toBe(true);
  });
});
