import type { LocalText } from '@/server/terminology/display';
import { assemblePatientFeatures } from '@/server/diabetes/features/assemble-features';
import type { FeatureResource, FeatureProvenance } from '@/server/diabetes/features/feature-types';
import { TherapyModelUnavailableError } from '@/server/diabetes/model/errors';
import { loadTherapyModel } from '@/server/diabetes/model/model-session';
import { PATIENT_FEATURES, PATIENT_FEATURE_NAMES } from '@/server/diabetes/model/patient-features';
import { defaultTarget } from '@/server/diabetes/recommendation/individual-target';
import type { Priority } from '@/server/diabetes/recommendation/priorities';
import { DEFAULT_PRIORITY, PRIORITIES } from '@/server/diabetes/recommendation/priorities';
import type { TOptionView, TRecommendationView } from '@/server/diabetes/recommendation/recommendation-schema';
import { recommendTherapy } from '@/server/diabetes/recommendation/recommend-therapy';
import type { UnreadProvider } from '@/server/diabetes/recommendation/withheld-options';
import { isUnread, missingDataMessage, withheldClasses } from '@/server/diabetes/recommendation/withheld-options';
import { GUARDRAIL_RULE_SET_VERSION } from '@/server/diabetes/guardrails/evaluate-guardrails';

export interface RecommendationRequest {
  nationalId: string;
  patientName: string | null;
  resources: readonly FeatureResource[];
  providers: TRecommendationView['providers'];
  locator: TRecommendationView['locator'];
  /** Active problems other than diabetes, from the merged record (names in both languages). */
  comorbidities: { name: LocalText; onset: string | null; sources: FeatureProvenance[] }[];
  priority?: Priority;
  now: Date;
  modelDir?: string;
}

export type ModelState = TRecommendationView['model'];

export async function modelState(modelDir: string | undefined): Promise<ModelState> {
  try {
    const m = await loadTherapyModel(modelDir);
    return { state: 'ready', name: 'diabetes-therapy', version: m.artefact.version, sha256: m.artefact.sha256, notForClinicalUse: true };
  } catch (err) {
    if (err instanceof TherapyModelUnavailableError) return { state: 'refused', code: err.code, message: err.message };
    throw err;
  }
}

/**
 * One patient's recommendation as the page shows it: features with provenance → guardrails → the model
 * → person-centred ranking, with the missing data named per provider and the options that depend on it
 * withheld. The model refusing to serve (a hash mismatch) is a state of the answer, not an error: the
 * page shows the reason and the rest of the record still renders.
 */
export async function patientRecommendation(req: RecommendationRequest): Promise<TRecommendationView> {
  const assembly = assemblePatientFeatures(req.resources, req.now);
  const priority = req.priority ?? DEFAULT_PRIORITY;
  const age = assembly.features.ageYears.value;
  const target = defaultTarget(age);
  const unread: UnreadProvider[] = req.providers.filter(isUnread);
  const model = await modelState(req.modelDir);

  let options: TOptionView[] = [];
  let intensification: TRecommendationView['intensification'] = null;
  let ruleSetVersion = GUARDRAIL_RULE_SET_VERSION;
  if (assembly.modelInput && model.state === 'ready') {
    const rec = await recommendTherapy(
      {
        patient: assembly.modelInput,
        context: {
          targetHba1cMmolMol: target.mmolMol,
          chronicKidneyDiagnosis: assembly.conditions.ckd.present,
          medullaryThyroidCarcinomaOrMen2: assembly.conditions.medullaryThyroidCarcinomaOrMen2.present,
        },
        priority,
      },
      { explain: true, ...(req.modelDir ? { modelDir: req.modelDir } : {}) },
    );
    ruleSetVersion = rec.guardrails.ruleSetVersion;
    intensification = rec.guardrails.intensification;
    const withheld = withheldClasses(unread);
    let rank = 0;
    const views = rec.options.map((o): TOptionView => {
      const held = o.group !== 'excluded' ? withheld.get(o.drugClass) : undefined;
      const group = held ? 'withheld' : o.group;
      return {
        drugClass: o.drugClass,
        atc: o.atc,
        label: o.label,
        rank: group === 'withheld' || group === 'excluded' ? null : (rank += 1),
        group,
        reason: held ?? o.reason,
        costTier: o.costTier,
        predictedHba1cChangeMmolMol: o.predictedHba1cChangeMmolMol,
        intervalMmolMol: o.intervalMmolMol,
        predictedHba1cMmolMol: o.predictedHba1cMmolMol,
        predictedHba1cPercent: o.predictedHba1cPercent,
        weightChangeKg: o.weightChangeKg,
        hypoglycaemiaRisk12m: o.hypoglycaemiaRisk12m,
        guardrailStatus: o.guardrails.status,
        findings: o.guardrails.findings,
        explanation: o.explanation ?? null,
      };
    });
    const order = (v: TOptionView): number => (v.rank !== null ? v.rank : v.group === 'withheld' ? 100 : 200);
    options = views.sort((a, b) => order(a) - order(b));
  }

  const citations = new Map([[target.source.url, target.source]]);
  for (const o of options) for (const f of o.findings) citations.set(f.source.url, f.source);

  return {
    nationalId: req.nationalId,
    now: assembly.now,
    patient: {
      name: req.patientName,
      birthDate: assembly.patient.birthDate,
      ageYears: age,
      sex: assembly.patient.sex,
      diabetesOnset: assembly.conditions.type2Diabetes.onset,
      diabetesDurationYears: assembly.features.diabetesDurationYears.value,
    },
    comorbidities: req.comorbidities,
    medications: assembly.therapy.current,
    providers: req.providers,
    locator: req.locator,
    missingData: unread.map((p) => ({ providerId: p.providerId, legalName: p.legalName, status: p.status, consent: p.consent, message: missingDataMessage(p) })),
    features: PATIENT_FEATURE_NAMES.map((n) => ({ ...assembly.features[n], label: PATIENT_FEATURES[n].label, required: (PATIENT_FEATURES[n] as { required?: boolean }).required === true })),
    missingOptional: assembly.missingOptional.map((f) => ({ feature: f, label: PATIENT_FEATURES[f].label })),
    refusals: assembly.refusals,
    series: assembly.series,
    target,
    priority: { id: priority, ...PRIORITIES[priority] },
    model,
    ruleSetVersion,
    intensification,
    options,
    citations: [...citations.values()],
  };
}
