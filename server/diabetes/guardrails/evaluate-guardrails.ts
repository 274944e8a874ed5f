import type { DrugClassId } from '@/server/diabetes/model/drug-classes';
import { DRUG_CLASS_IDS } from '@/server/diabetes/model/drug-classes';
import type { GuardrailPatient } from '@/server/diabetes/guardrails/guardrail-patient';
import type { GuardrailEffect } from '@/server/diabetes/guardrails/rules';
import { GUARDRAIL_EFFECTS, GUARDRAIL_RULES } from '@/server/diabetes/guardrails/rules';
import type { GuardrailSource } from '@/server/diabetes/guardrails/sources';
import { SOURCES } from '@/server/diabetes/guardrails/sources';

/**
 * Applies the rule set to a patient: per class its findings and whether it is excluded (with the
 * reason, so excluded classes stay visible), recommended for organ protection, or available; and
 * whether intensification is indicated at all. Shown apart from the model, with the rule-set version.
 */
export const GUARDRAIL_RULE_SET_VERSION = '2025.1.0';

export interface GuardrailFinding {
  ruleId: string;
  effect: GuardrailEffect | 'no-intensification';
  message: string;
  severity?: 'moderate' | 'high';
  source: GuardrailSource;
}

export interface ClassAssessment {
  drugClass: DrugClassId;
  status: 'excluded' | 'recommended' | 'available';
  findings: GuardrailFinding[];
}

export interface GuardrailAssessment {
  ruleSetVersion: string;
  classes: Record<DrugClassId, ClassAssessment>;
  /** At or below the individual target no intensification is proposed: continue and review. */
  intensification: { indicated: boolean; advice: string | null };
}

const excludes = (f: GuardrailFinding): boolean => f.effect === 'no-intensification' || GUARDRAIL_EFFECTS[f.effect].excludes;

export function evaluateGuardrails(p: GuardrailPatient): GuardrailAssessment {
  const atTarget = p.targetHba1cMmolMol !== null && p.hba1cMmolMol <= p.targetHba1cMmolMol;
  const advice = atTarget
    ? `HbA1c ${p.hba1cMmolMol} mmol/mol is at or below the individual target of ${p.targetHba1cMmolMol}: no intensification is proposed; continue the current therapy and review.`
    : null;
  const classes = {} as Record<DrugClassId, ClassAssessment>;
  for (const c of DRUG_CLASS_IDS) {
    const findings: GuardrailFinding[] = [];
    for (const rule of GUARDRAIL_RULES) {
      if (!rule.classes.includes(c)) continue;
      const hit = rule.applies(p, c);
      if (hit) findings.push({ ruleId: rule.id, effect: rule.effect, message: hit.message, ...(hit.severity ? { severity: hit.severity } : {}), source: rule.source });
    }
    const recommended = findings.some((f) => f.effect === 'recommended');
    // ADA 2025: organ protection is offered whatever the HbA1c, so only glucose-lowering add-ons stop at target.
    if (advice && !recommended) findings.push({ ruleId: 'at-target-no-intensification', effect: 'no-intensification', message: advice, source: SOURCES.ada2025Glycemic });
    const status = findings.some(excludes) ? 'excluded' : recommended ? 'recommended' : 'available';
    classes[c] = { drugClass: c, status, findings };
  }
  return { ruleSetVersion: GUARDRAIL_RULE_SET_VERSION, classes, intensification: { indicated: !atTarget, advice } };
}

/** The findings that exclude a class, e.g. to list them next to the class. */
export function exclusionsOf(a: ClassAssessment): GuardrailFinding[] {
  return a.findings.filter(excludes);
}
