import { versionResponse } from '@/server/dataspace/protocol/dspace-version';

// DSP 2025-1 common.protocol.md, "Exposure of Versions": every connector, the web app's consumer too,
// MUST answer this unversioned and unauthenticated. The app's DSP endpoints are the consumer callbacks.
export function GET(): Response {
  return Response.json(versionResponse('/api/dsp/callback'));
}
