import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { runTraining } from '@/models/training/run-training';
import { MODEL_DIR } from '@/server/diabetes/model/model-files';

/**
 * `npm run model:train [-- --count 50000 --seed 20250601 --out models/diabetes-therapy]`:
 * deterministic for a seed; prints progress; writes the committed model artefacts.
 */
const ZArgsSchema = z.object({
  count: z.coerce.number().int().min(1000).max(1_000_000).default(50_000),
  seed: z.coerce.number().int().min(0).max(0xffffffff).default(20250601),
  out: z.string().min(1).default(MODEL_DIR),
  bootstrap: z.coerce.number().int().min(100).max(10_000).default(1000),
  'no-bench': z.boolean().default(false),
});

const { values } = parseArgs({
  options: { count: { type: 'string' }, seed: { type: 'string' }, out: { type: 'string' }, bootstrap: { type: 'string' }, 'no-bench': { type: 'boolean' } },
  strict: true,
});
const parsed = ZArgsSchema.safeParse(values);
if (!parsed.success) {
  console.error(`model:train: ${parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const args = parsed.data;
const t0 = performance.now();
const metrics = await runTraining({
  count: args.count,
  seed: args.seed,
  outDir: path.resolve(args.out),
  bootstrapResamples: args.bootstrap,
  measure: !args['no-bench'],
  log: (m) => console.log(`[model:train ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${m}`),
});
console.log(JSON.stringify(metrics.targets, null, 2));
