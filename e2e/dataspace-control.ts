import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Dataspace } from '../server/dataspace/testing/start-dataspace';
import type { ParticipantId } from '../server/dataspace/participants';

/**
 * Lets e2e tests, which run in worker processes, SIGKILL and restart a participant that the global
 * set-up started: a loopback-only HTTP endpoint, `POST /kill/<id>` and `POST /restart/<id>`.
 */
export async function startDataspaceControl(dataspace: Dataspace): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((request, response) => {
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
