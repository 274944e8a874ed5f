import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TherapyModelIntegrityError } from '@/server/diabetes/model/errors';
import type { TTherapyModelInput } from '@/server/diabetes/model/input-schema';
import { sha256Hex } from '@/server/diabetes/model/model-integrity';
import { MODEL_DIR, modelFile } from '@/server/diabetes/model/model-files';
import { loadTherapyModel, therapyModelStatus, warmUpTherapyModel } from '@/server/diabetes/model/model-session';
import { predictTherapyOptions } from '@/server/diabetes/model/therapy-model';

/** Copies of the committed artefacts, one of them with a single byte of model.onnx changed. */
const patient = {
  ageYears: 61,
  sex: 'male',
  diabetesDurationYears: 8,
  hba1cMmolMol: 68,
  bmiKgM2: 31,
  egfrMlMin173m2: 74,
  altUL: 28,
  hdlMmolL: 1.1,
  triglyceridesMmolL: 1.9,
  totalCholesterolMmolL: 4.4,
  systolicBpMmHg: 134,
  uacrMgMmol: 1.5,
  ascvd: false,
  heartFailure: false,
  currentTherapy: ['metformin'],
} satisfies TTherapyModelInput;

let root: string;
const copyOfModel = async (name: string): Promise<string> => {
  const dir = path.join(root, name);
  await cp(MODEL_DIR, dir, { recursive: true });
  return dir;
};

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'model-integrity-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('therapy model integrity', () => {
  it('serves the committed model and names its version and SHA-256 on every prediction', async () => {
    const dir = await copyOfModel('intact');
    const status = await warmUpTherapyModel(dir);
    const expected = sha256Hex(await readFile(modelFile('onnx', dir)));
    expect(status).toEqual({ state: 'ready', artefact: { version: expect.stringMatching(/^\d+\.\d+\.\d+$/), sha256: expected } });
    const prediction = await predictTherapyOptions(patient, { modelDir: dir, explain: false });
    expect(prediction.model.sha256).toBe(expected);
    expect(prediction.model.version).toBe(status.state === 'ready' ? status.artefact.version : '');
  });

  it('refuses to serve when one byte of model.onnx changed, naming both hashes', async () => {
    const dir = await copyOfModel('one-byte-changed');
    const file = modelFile('onnx', dir);
    const bytes = await readFile(file);
    const expected = sha256Hex(bytes);
    const at = Math.floor(bytes.length / 2);
    bytes[at] = (bytes[at] ?? 0) ^ 0x01;
    await writeFile(file, bytes);

    const status = await warmUpTherapyModel(dir);
    expect(status.state).toBe('refused');
    const error = await loadTherapyModel(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TherapyModelIntegrityError);
    const integrity = error as TherapyModelIntegrityError;
    expect(integrity.code).toBe('THERAPY_MODEL_INTEGRITY');
    expect(integrity.expectedSha256).toBe(expected);
    expect(integrity.actualSha256).toBe(sha256Hex(bytes));
    expect(integrity.message).toBe(`model file does not match its card: sha256 ${sha256Hex(bytes)} expected ${expected}`);
    expect(therapyModelStatus(dir)).toEqual({ state: 'refused', code: 'THERAPY_MODEL_INTEGRITY', message: integrity.message });
    await expect(predictTherapyOptions(patient, { modelDir: dir })).rejects.toBeInstanceOf(TherapyModelIntegrityError);
  });

  it('refuses when the card and metrics.json name different hashes', async () => {
    const dir = await copyOfModel('metrics-disagree');
    const metricsFile = modelFile('metrics', dir);
    const metrics = JSON.parse(await readFile(metricsFile, 'utf8')) as { artefact: { sha256: string } };
    metrics.artefact.sha256 = '0'.repeat(64);
    await writeFile(metricsFile, JSON.stringify(metrics));
    await expect(loadTherapyModel(dir)).rejects.toThrow(/describe different models/);
  });

  it('refuses when the card states no hash at all', async () => {
    const dir = await copyOfModel('card-without-hash');
    const cardFile = modelFile('card', dir);
    await writeFile(cardFile, (await readFile(cardFile, 'utf8')).replace(/^- Artefact: .*$/m, ''));
    await expect(loadTherapyModel(dir)).rejects.toThrow(/model-card\.md states no model version and SHA-256/);
  });
});
