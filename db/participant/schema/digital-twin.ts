import { index, integer, jsonb, pgTable, real, text } from 'drizzle-orm/pg-core';

/**
 * Research institute: the digital-twin cohort as an anonymised secondary-use dataset. One row per
 * synthetic person: baseline features, the class received and the OBSERVED 12-month outcome only. No
 * names, no national ids, no link to any hospital record. The generator's counterfactual truth (the
 * outcome under every class) and the prescriber's propensity are not stored: nobody can observe them
 * in real data, and a dataset that showed them as if they were observed would mislead every analysis
 * run on it (they stay in server/synthetic/digital-twins, for model evaluation only).
 */
export const digitalTwinRecord = pgTable(
  'digital_twin_record',
  {
    /** A random-looking pseudonym with no meaning outside this dataset. */
    id: text('id').primaryKey(),
    sex: text('sex').$type<'male' | 'female'>().notNull(),
    ageYears: integer('age_years').notNull(),
    baselineHba1cMmolMol: integer('baseline_hba1c_mmol_mol').notNull(),
    bmiKgM2: real('bmi_kg_m2').notNull(),
    egfrMlMin173m2: integer('egfr_ml_min_173m2').notNull(),
    /** Drug class key (server/diabetes/model/drug-classes.ts) added to the current therapy. */
    receivedClass: text('received_class').notNull(),
    followUpHba1cMmolMol: integer('follow_up_hba1c_mmol_mol').notNull(),
    hba1cChangeMmolMol: integer('hba1c_change_mmol_mol').notNull(),
    weightChangeKg: real('weight_change_kg').notNull(),
    /** Every baseline feature with its unit (PATIENT_FEATURES), current therapy included. */
    features: jsonb('features').notNull(),
  },
  (t) => [index('digital_twin_class_idx').on(t.receivedClass)],
);
