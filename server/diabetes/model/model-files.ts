import path from 'node:path';

/** Where the committed model artefacts live (written by `npm run model:train`). */
export const MODEL_DIR = path.resolve(process.cwd(), 'models/diabetes-therapy');

export const MODEL_FILES = {
  onnx: 'model.onnx',
  trees: 'explanation-trees.json',
  featureSchema: 'feature-schema.json',
  metrics: 'metrics.json',
  card: 'model-card.md',
} as const;

export function modelFile(name: keyof typeof MODEL_FILES, dir: string = MODEL_DIR): string {
  return path.join(dir, MODEL_FILES[name]);
}
