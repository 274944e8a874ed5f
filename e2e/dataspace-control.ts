import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dataspace } from '../server/dataspace/testing/start-dataspace';
import type { ParticipantId } from '../server/dataspace/participants';

/**
 * Lets e2e tests, which run in worker processes, SIGKILL and restart a participant that the global
 * set-up started: a loopback-only HTTP endpoint, `POST /kill/<id>` and `POST /restart/<id>`; and have
 * a provider offer a contract (`POST /offer/<provider>` with `{consumer, dataset, purpose}`), which needs
 * the operator token that only the set-up holds.
 */
export async function startDataspaceControl(dataspace: Dataspace): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
    // A test's own consumer (e.g. a research analyst's), enrolled with the operator token only the set-up holds.
    if (request.method === 'POST' && request.url === '/enrol') {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        fetch(`${dataspace.authorityUrl}/registry/enrol`, { method: 'POST', headers: { authorization: `Bearer ${dataspace.operatorToken}`, 'content-type': 'application/json' }, body: Buffer.concat(chunks).toString() })
          .then(async (r) => response.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text()))
          .catch((error: unknown) => response.writeHead(500).end(String(error)));
      });
      return;
    }
    const offer = /^\/offer\/([a-z-]+)$/.exec(request.url ?? '');
    const provider = offer?.[1] as ParticipantId | undefined;
    if (request.method === 'POST' && provider && provider in dataspace.participants) {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        fetch(`${dataspace.participants[provider].url}/offers`, { method: 'POST', headers: { authorization: `Bearer ${dataspace.operatorToken}`, 'content-type': 'application/json' }, body: Buffer.concat(chunks).toString() })
          .then(async (r) => response.writeHead(r.status, { 'content-type': 'application/json' }).end(await r.text()))
          .catch((error: unknown) => response.writeHead(500).end(String(error)));
      });
      return;
    }
    const match = /^\/(kill|restart)\/([a-z-]+)$/.exec(request.url ?? '');
    const id = match?.[2] as ParticipantId | undefined;
    if (request.method !== 'POST' || !match || !id || !(id in dataspace.participants)) {
      response.writeHead(404).end();
      return;
    }
    const action = match[1] === 'kill' ? dataspace.kill(id) : dataspace.restart(id);
    action.then(
      () => response.writeHead(204).end(),
      (error: unknown) => response.writeHead(500).end(String(error)),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** From a test: kill or restart a participant through the set-up's control endpoint. */
export async function controlParticipant(action: 'kill' | 'restart', id: ParticipantId): Promise<void> {
  const url = process.env.E2E_DATASPACE_CONTROL;
  if (!url) throw new Error('E2E_DATASPACE_CONTROL is not set: run through the Playwright global set-up');
  const response = await fetch(`${url}/${action}/${id}`, { method: 'POST' });
  if (response.status !== 204) throw new Error(`${action} ${id} failed: ${response.status} ${await response.text()}`);
}

/** From a test: have a provider offer a contract to a consumer (DSP ContractOfferMessage); returns the provider's answer. */
export async function providerOffers(provider: ParticipantId, offer: { consumer: string; dataset: string; purpose: string }): Promise<{ providerPid: string; state: string }> {
  const url = process.env.E2E_DATASPACE_CONTROL;
  if (!url) throw new Error('E2E_DATASPACE_CONTROL is not set: run through the Playwright global set-up');
  const response = await fetch(`${url}/offer/${provider}`, { method: 'POST', body: JSON.stringify(offer) });
  if (response.status !== 201) throw new Error(`the offer of ${provider} failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { providerPid: string; state: string };
}

/** From a test: enrol a participant of the test's own (id, JWKS, legal name, kind, roles) at the authority; returns its credential. */
export async function enrolTestParticipant(input: { id: string; jwks: { keys: unknown[] }; legalName: string; kind: string; roles: string[] }): Promise<string> {
  const url = process.env.E2E_DATASPACE_CONTROL;
  if (!url) throw new Error('E2E_DATASPACE_CONTROL is not set: run through the Playwright global set-up');
  const response = await fetch(`${url}/enrol`, { method: 'POST', body: JSON.stringify(input) });
  if (response.status !== 201) throw new Error(`enrolment of ${input.id} failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { credential: string }).credential;
}
