import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '@/db/test-databases';
import type { OpenDatabase } from '@/db/client';
import { seedDemoUsers } from '@/db/app/seed-demo-users';
import { auditEvents } from '@/db/app/schema/audit-events';
import { createCaller } from '@/server/api/root';
import { contextForEmail } from '@/server/api/testing/test-context';
import { validateFhirR4 } from '@/server/fhir/testing/fhir-schema';
import { startDataspace, type Dataspace } from '@/server/dataspace/testing/start-dataspace';
import { assembleExport, type ExportEvent } from './assemble-export';
import { exportBundle, exportNdjson } from './export-bundle';
import { exportResponse } from './export-response';
import { changeOwnConsent, readOwnConsent } from '@/server/consent/patient-consent';

const MARIE = '1958031500017';

let ds: Dataspace;
let database: OpenDatabase;

beforeAll(async () => {
  [ds, database] = await Promise.all([startDataspace({ seedPatients: 20, storage: 'memory', providers: ['alzette-hospital', 'moselle-clinic'], env: { ACCESS_EVENT_FORWARD_DELAY_MS: '100' } }), openTestDatabase('pglite', path.resolve('db/app/migrations'))]);
  process.env.AUTHORITY_URL = ds.authorityUrl;
  process.env.DATASPACE_OPERATOR_TOKEN = ds.operatorToken;
  await seedDemoUsers(database.db);
}, 240_000);

afterAll(async () => {
  await Promise.all([ds?.stop(), database?.close()]);
});

describe('the patient export', () => {
  it('holds the record from both hospitals, every consent version with its receipt and the access log, as a valid R4 Bundle and NDJSON per type', async () => {
    const marie = await contextForEmail(database.db, 'marie.schmit@example.lu');
    // A consent version of her own, so that there is a receipt to export.
    const current = await readOwnConsent(marie);
    if (!current.available) throw new Error(current.reason);
    await changeOwnConsent(marie, { choice: { kind: 'purpose', purpose: 'HRESCH', allow: false }, baseVersion: current.value.version, idempotencyKey: randomUUID() });
    await createCaller(await contextForEmail(database.db, 'sophie.reuter@alzette.example')).patients.record({ nationalId: MARIE });
    await new Promise((r) => setTimeout(r, 1500));

    const events: ExportEvent[] = [];
    for await (const e of assembleExport(marie)) events.push(e);
    const resources = events.flatMap((e) => (e.type === 'resource' ? [e.item] : []));
    const progress = events.filter((e) => e.type === 'progress');
    // Progress arrives before the end, per part.
    expect(progress.map((p) => p.stage)).toEqual(expect.arrayContaining(['record', 'consents', 'access-log']));
    expect(progress.filter((p) => p.stage === 'record').every((p) => p.status === 'ok')).toBe(true);
    expect(events.at(-1)?.type).toBe('done');

    const holders = new Set(resources.filter((r) => r.resource.resourceType === 'Patient').map((r) => r.holder));
    expect(holders).toEqual(new Set(['alzette-hospital', 'moselle-clinic']));
    const types = new Set(resources.map((r) => r.resource.resourceType));
    for (const type of ['Patient', 'Condition', 'Observation', 'Consent', 'Binary', 'AuditEvent']) expect(types).toContain(type);
    // The access log includes Sophie's read at Alzette.
    expect(resources.some((r) => r.resource.resourceType === 'AuditEvent' && r.resource.agent[0]?.who?.display === 'Dr Sophie Reuter' && r.resource.source.observer.identifier?.value === 'alzette-hospital')).toBe(true);
    // Each receipt is the authority's JWS, tied to its Consent.
    const receipt = resources.find((r) => r.resource.resourceType === 'Binary')?.resource;
    expect(receipt?.resourceType === 'Binary' && Buffer.from(receipt.data ?? '', 'base64').toString().split('.')).toHaveLength(3);

    const bundle = exportBundle(resources, new Date());
    expect(validateFhirR4(bundle)).toEqual([]);
    for (const e of bundle.entry ?? []) expect(validateFhirR4(e.resource), `${e.resource?.resourceType}/${e.resource?.id}`).toEqual([]);
    expect(new Set(bundle.entry?.map((e) => e.fullUrl)).size).toBe(bundle.entry?.length);

    const files = exportNdjson(resources);
    expect([...files.keys()]).toEqual([...types].sort());
    const observations = (files.get('Observation') ?? '').trimEnd().split('\n');
    expect(observations.length).toBe(resources.filter((r) => r.resource.resourceType === 'Observation').length);
    expect(JSON.parse(observations[0] ?? '{}')).toMatchObject({ resourceType: 'Observation' });

    // The export is itself audited, and so visible in her log.
    const audited = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subtype, 'record-export'), eq(auditEvents.patientNationalId, MARIE)));
    expect(audited).toHaveLength(1);
  }, 120_000);

  it('streams the Bundle as a download, and the progress stream as NDJSON lines', async () => {
    const marie = await contextForEmail(database.db, 'marie.schmit@example.lu');
    const response = exportResponse(marie, 'bundle');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="my-health-record-\d{4}-\d{2}-\d{2}\.json"$/);
    const bundle = (await response.json()) as { resourceType: string; entry: unknown[] };
    expect(bundle.resourceType).toBe('Bundle');
    expect(validateFhirR4(bundle)).toEqual([]);
    const stream = await exportResponse(marie, 'stream').text();
    const lines = stream.trimEnd().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines[0]?.type).not.toBe('done');
    expect(lines.at(-1)?.type).toBe('done');
  }, 120_000);
});
