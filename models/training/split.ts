import { createRandom } from '@/server/synthetic/digital-twins/random';

/** Seeded split of patients (one twin = one patient) into train / validation / test index sets. */
export function splitByPatient(n: number, fractions: { train: number; validation: number }, seed: number) {
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createRandom(seed, 0x5711);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng.uniform() * (i + 1));
    const t = order[i] ?? 0;
    order[i] = order[j] ?? 0;
    order[j] = t;
  }
  const nTrain = Math.round(n * fractions.train);
  const nVal = Math.round(n * fractions.validation);
  return { train: order.slice(0, nTrain), validation: order.slice(nTrain, nTrain + nVal), test: order.slice(nTrain + nVal) };
}
