/**
 * Run by consent-dashboard.e2e.ts as a child process (`node --import tsx`): how many people Alzette's
 * research aggregate counts now, asked as a research analyst of the test's own over the real dataspace
 * (enrolled through the set-up's control endpoint, HRESCH agreement, EDR, `POST /$aggregate`). Prints
 * the count. A separate process because the DSP client's schema validator does not load in Playwright's
 * workers.
 */
import { DspConsumer, offersOf } from '../server/dataspace/protocol/dsp-client';
import { generateParticipantKeyPair, publicJwks } from '../server/dataspace/protocol/participant-keys';
import { enrolTestParticipant } from './dataspace-control';

const dataspace = JSON.parse(process.env.E2E_DATASPACE ?? '{}') as { participants: Record<string, { url: string }> };
const key = await generateParticipantKeyPair();
const id = `e2e-research-${Date.now()}`;
const credential = await enrolTestParticipant({ id, jwks: publicJwks(key), legalName: 'E2E research analyst (synthetic)', kind: 'research', roles: ['research', 'consumer'] });
const consumer = new DspConsumer({ id, key, credential: () => credential }, 'http://127.0.0.1:9/callback');
const url = dataspace.participants['alzette-hospital']?.url ?? '';
const offer = offersOf(await consumer.catalog('alzette-hospital', url)).find((o) => o.offer['@id'].endsWith(':ehr:HRESCH'));
if (!offer) throw new Error('no HRESCH offer at Alzette');
const negotiation = await consumer.negotiate('alzette-hospital', url, offer.offer, offer.datasetId);
const transfer = await consumer.startTransfer('alzette-hospital', url, negotiation.agreement?.['@id'] ?? '');
const res = await consumer.fhir(transfer, '/$aggregate', { userId: 'analyst@research.example', role: 'researcher', purpose: 'HRESCH' }, { method: 'POST', body: { rows: 'sex' } });
if (res.status !== 200) throw new Error(`aggregate answered ${res.status}: ${await res.text()}`);
console.log(JSON.stringify((await res.json()) as { contributingRecords: number | string }));
