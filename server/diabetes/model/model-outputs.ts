/**
 * The model's output columns, one ONNX target each, in this order (part of the ONNX contract):
 * 12-month HbA1c change (mean, 10th, 90th percentile, mmol/mol), 12-month weight change (mean, 10th,
 * 90th percentile, kg) and the probability of at least one symptomatic hypoglycaemia in 12 months.
 */
export const OUTPUT_COLUMNS = [
  'hba1cChange',
  'hba1cChangeP10',
  'hba1cChangeP90',
  'weightChange',
  'weightChangeP10',
  'weightChangeP90',
  'hypoglycaemiaRisk',
] as const;

export type OutputColumn = (typeof OUTPUT_COLUMNS)[number];
export const N_OUTPUTS = OUTPUT_COLUMNS.length;

export const OUTPUT = Object.fromEntries(OUTPUT_COLUMNS.map((c, i) => [c, i])) as Record<OutputColumn, number>;

/**
 * 80 % Wilson score interval of a risk learnt from `n` observed patients (Wilson, JASA 1927): how much
 * evidence stands behind the estimate, not the spread of individual risk.
 */
export function wilsonInterval(p: number, n: number, z = 1.2816): { low: number; high: number } {
  const q = Math.min(1, Math.max(0, p));
  if (n <= 0) return { low: 0, high: 1 };
  const z2 = z * z;
  const centre = (q + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}
