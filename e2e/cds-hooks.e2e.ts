import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { baseURL } from '../playwright.config';
import { ZCdsServiceResponseSchema } from '../server/cds-hooks/cards/card-schema';
import { ehrPrefetch } from '../server/cds-hooks/testing/ehr-patient';
import { e2eCdsToken } from './cds-client';

/**
 * CDS Hooks on the production build: the routes under app/cds-services, the allow-list read at
 * start-up (CDS_CLIENTS_FILE), CORS, and a patient-view call by a registered EHR; the full client
 * test is server/cds-hooks/cds-client.int.test.ts.
 */
const SERVICE = 'd4h-diabetes-patient-view';
const url = `${baseURL}/cds-services/${SERVICE}`;
const body = () => ({ hook: 'patient-view', hookInstance: randomUUID(), context: { userId: 'Practitioner/e2e', patientId: 'ehr-pt-1' }, prefetch: ehrPrefetch({ heartFailure: true }) });

test('an EHR discovers the services and gets spec cards; without a valid JWT it gets 401', async ({ request }) => {
  const discovery = await request.get(`${baseURL}/cds-services`);
  expect(discovery.status()).toBe(200);
  expect(discovery.headers()['access-control-allow-origin']).toBe('*');
  const services = ((await discovery.json()) as { services: { id: string }[] }).services.map((s) => s.id);
  expect(services).toEqual([SERVICE, 'd4h-diabetes-order-select']);

  const preflight = await request.fetch(url, { method: 'OPTIONS', headers: { origin: 'https://ehr.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' } });
  expect(preflight.status()).toBe(204);
  expect(preflight.headers()['access-control-allow-headers']).toContain('Authorization');

  const res = await request.post(url, { headers: { authorization: `Bearer ${await e2eCdsToken(url)}` }, data: body() });
  expect(res.status()).toBe(200);
  const parsed = ZCdsServiceResponseSchema.safeParse(await res.json());
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data?.cards.map((c) => c.summary).join('\n')).toContain('SGLT2 inhibitor recommended');

  expect((await request.post(url, { data: body() })).status()).toBe(401);
  const otherAud = await e2eCdsToken(`${baseURL}/cds-services/d4h-diabetes-order-select`);
  expect((await request.post(url, { headers: { authorization: `Bearer ${otherAud}` }, data: body() })).status()).toBe(401);
});
