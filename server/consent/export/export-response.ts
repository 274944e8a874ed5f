import type { TSignedInContext } from '@/server/api/trpc';
import { assembleExport, type ExportEvent } from './assemble-export';
import { exportBundle, type ExportedResource } from './export-bundle';

export const EXPORT_FORMATS = ['stream', 'bundle'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const encoder = new TextEncoder();

/**
 * The export as an HTTP response, streamed while it is assembled:
 * - `stream`: NDJSON of progress, resources and a summary (what the export page reads, showing progress);
 * - `bundle`: the FHIR Bundle itself as a download (`application/fhir+json`), for scripts.
 * Nothing is cached: `no-store`, as for every response carrying a person's data.
 */
export function exportResponse(ctx: TSignedInContext, format: ExportFormat): Response {
  const events = assembleExport(ctx);
  const day = new Date().toISOString().slice(0, 10);
  if (format === 'stream') {
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await events.next().catch((error: unknown) => ({ done: false as const, value: { type: 'error', message: (error as Error).message.slice(0, 200) } }));
        if (next.done) return controller.close();
        controller.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
        if ((next.value as { type: string }).type === 'error') controller.close();
      },
      async cancel() {
        await events.return(undefined);
      },
    });
    return new Response(body, { headers: { 'content-type': 'application/x-ndjson; charset=utf-8', 'cache-control': 'no-store' } });
  }
  const collected: ExportedResource[] = [];
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      try {
        for await (const event of events as AsyncGenerator<ExportEvent>) if (event.type === 'resource') collected.push(event.item);
        controller.enqueue(encoder.encode(JSON.stringify(exportBundle(collected, new Date()))));
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(body, { headers: { 'content-type': 'application/fhir+json; charset=utf-8', 'content-disposition': `attachment; filename="my-health-record-${day}.json"`, 'cache-control': 'no-store' } });
}
