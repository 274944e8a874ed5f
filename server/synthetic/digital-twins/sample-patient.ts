import type { Random } from '@/server/synthetic/digital-twins/random';
import type { PatientFeatureValues } from '@/server/diabetes/model/patient-features';

/**
 * Baseline characteristics of people with type 2 diabetes starting an add-on therapy. Marginals are
 * of the order of the CPRD cohorts of Dennis et al. (Lancet Digit Health 2022: median age 62, 37 %
 * women) and the correlations are the familiar ones (eGFR falls with age, duration rises with age,
 * HDL falls and triglycerides rise with BMI, albuminuria rises with HbA1c and blood pressure).
 */
const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);
const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Current glucose-lowering therapy at the time the add-on is chosen, with its share of the cohort. */
const CURRENT_THERAPIES = [
  { share: 0.15, classes: [] },
  { share: 0.5, classes: ['metformin'] },
  { share: 0.12, classes: ['metformin', 'sulfonylurea'] },
  { share: 0.1, classes: ['metformin', 'dpp4i'] },
  { share: 0.08, classes: ['metformin', 'sglt2i'] },
  { share: 0.05, classes: ['metformin', 'glp1ra'] },
] as const;

export function samplePatient(rng: Random): PatientFeatureValues {
  const male = rng.bernoulli(0.62);
  const age = clamp(rng.normal(62, 10.5), 30, 90);
  const duration = clamp(Math.exp(rng.normal(Math.log(5 + 0.12 * (age - 40)), 0.65)), 0, Math.min(40, age - 25));
  const bmi = clamp(rng.normal(32.5 - 0.09 * (age - 62) + (male ? -0.8 : 0.8), 5.8), 18, 60);
  const hba1c = clamp(46 + Math.exp(rng.normal(Math.log(26), 0.42)) + 0.25 * duration, 48, 130);
  const egfr = clamp(rng.normal(104 - 0.85 * (age - 40), 15), 15, 130);
  const sbp = clamp(rng.normal(136 + 0.3 * (age - 62) + 0.3 * (bmi - 32), 15), 80, 220);
  const uacr = clamp(Math.exp(rng.normal(Math.log(1.2) + 0.02 * (hba1c - 70) + 0.02 * (sbp - 136) + 0.025 * Math.max(0, 75 - egfr), 1.1)), 0, 300);
  const alt = clamp(Math.exp(rng.normal(Math.log(26) + (male ? 0.18 : 0) + 0.02 * (bmi - 32) - 0.01 * (age - 62), 0.45)), 5, 200);
  const hdl = clamp(rng.normal((male ? 1.1 : 1.32) - 0.015 * (bmi - 32), 0.28), 0.4, 3.5);
  const tg = clamp(Math.exp(rng.normal(Math.log(1.8) + 0.015 * (bmi - 32) - 0.25 * (hdl - 1.2), 0.5)), 0.3, 15);
  const tc = clamp(rng.normal(4.4 + 0.25 * (tg - 1.8) + (male ? -0.2 : 0), 0.95), 2, 12);
  const ascvd = rng.bernoulli(sigmoid(-1.7 + 0.06 * (age - 62) + (male ? 0.6 : 0) + 0.015 * (sbp - 136)));
  const hf = rng.bernoulli(sigmoid(-3.1 + 0.07 * (age - 62) + (ascvd ? 1.0 : 0) + 0.05 * (bmi - 32) + 0.015 * Math.max(0, 70 - egfr)));

  let pick = rng.uniform();
  let current: readonly string[] = [];
  for (const t of CURRENT_THERAPIES) {
    current = t.classes;
    pick -= t.share;
    if (pick < 0) break;
  }
  // Metformin is stopped below eGFR 30 (FDA label 2016), so the cohort has no such combination.
  if (egfr < 30) current = current.filter((c) => c !== 'metformin');
  const on = (c: string): number => (current.includes(c) ? 1 : 0);

  return {
    ageYears: Math.round(age),
    sexMale: male ? 1 : 0,
    diabetesDurationYears: round(duration, 1),
    hba1cMmolMol: Math.round(hba1c),
    bmiKgM2: round(bmi, 1),
    egfrMlMin173m2: Math.round(egfr),
    altUL: Math.round(alt),
    hdlMmolL: round(hdl, 2),
    triglyceridesMmolL: round(tg, 2),
    totalCholesterolMmolL: round(tc, 1),
    systolicBpMmHg: Math.round(sbp),
    uacrMgMmol: round(uacr, 1),
    ascvd: ascvd ? 1 : 0,
    heartFailure: hf ? 1 : 0,
    onMetformin: on('metformin'),
    onSulfonylurea: on('sulfonylurea'),
    onDpp4i: on('dpp4i'),
    onSglt2i: on('sglt2i'),
    onGlp1ra: on('glp1ra'),
  };
}
