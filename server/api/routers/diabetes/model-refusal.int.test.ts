import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Resource } from '@medplum/fhirtypes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/db/client';
import { openTestDatabase } from '@/db/test-databases';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { createCaller } from '@/server/api/root';
import { contextFor } from '@/server/api/testing/test-context';
import { plainResources } from '@/server/diabetes/features/assemble-features';
import { MODEL_DIR } from '@/server/diabetes/model/model-files';
import { patientRecommendation } from '@/server/diabetes/recommendation/patient-recommendation';
import { CODE_SYSTEMS } from '@/server/terminology/code-systems';

/**
 * A changed byte in a copy of model.onnx, served through DIABETES_MODEL_DIR as a deployment would: the
 * server refuses to serve and says why, on the model page and on the patient page's answer, which still
 * carries the features.
 */
const corrupted = fs.mkdtempSync(path.join(os.tmpdir(), 'd4h-model-'));
let database: OpenDatabase;

beforeAll(async () => {
  fs.cpSync(MODEL_DIR, corrupted, { recursive: true });
  const onnx = fs.readFileSync(path.join(corrupted, 'model.onnx'));
  const at = Math.floor(onnx.length / 2);
  onnx[at] = (onnx[at] ?? 0) ^ 0x01;
  fs.writeFileSync(path.join(corrupted, 'model.onnx'), onnx);
  process.env.DIABETES_MODEL_DIR = corrupted;
  database = await openTestDatabase('pglite', path.resolve('db/app/migrations'));
  await seedDemoUsers(database.db);
});

afterAll(async () => {
  await database?.close();
  fs.rmSync(corrupted, { recursive: true, force: true });
});

const now = new Date('2026-06-01T00:00:00Z');
const obs = (code: string, value: number, unit: string): Resource => ({ resourceType: 'Observation', id: code, status: 'final', code: { coding: [{ system: CODE_SYSTEMS.loinc, code }] }, effectiveDateTime: '2026-05-01', valueQuantity: { value, unit, code: unit } });
const record: Resource[] = [
  { resourceType: 'Patient', id: 'p', gender: 'male', birthDate: '1955-01-01' },
  { resourceType: 'Condition', id: 'c', subject: { reference: 'Patient/p' }, code: { coding: [{ system: CODE_SYSTEMS.snomed, code: '44054006' }] }, onsetDateTime: '2015-01-01' },
  obs('59261-8', 64, 'mmol/mol'),
  obs('62238-1', 70, 'mL/min/{1.73_m2}'),
  obs('39156-5', 30, 'kg/m2'),
];

describe('a model file that does not match its card', () => {
  it('is refused on the model page with the reason', async () => {
    const report = await createCaller(await contextFor(database.db, 'endocrinologist')).diabetes.modelReport();
    expect(report.status).toMatchObject({ state: 'refused', code: 'THERAPY_MODEL_INTEGRITY', message: expect.stringContaining('does not match its card') });
  });

  it('gives no options on the patient page, says why, and still shows the features', async () => {
    const view = await patientRecommendation({ nationalId: '1955010100011', patientName: null, resources: plainResources(record), providers: [], locator: { ok: true, detail: null }, comorbidities: [], now, modelDir: corrupted });
    expect(view.model).toMatchObject({ state: 'refused', message: expect.stringContaining('sha256') });
    expect(view.options).toEqual([]);
    expect(view.refusals).toEqual([]);
    expect(view.features.find((f) => f.name === 'hba1cMmolMol')?.value).toBe(64);
  });

  it('while the intact model serves the same patient', async () => {
    const view = await patientRecommendation({ nationalId: '1955010100011', patientName: null, resources: plainResources(record), providers: [], locator: { ok: true, detail: null }, comorbidities: [], now });
    expect(view.model.state).toBe('ready');
    expect(view.options.some((o) => o.rank === 1)).toBe(true);
  });
});
