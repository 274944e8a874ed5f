import { assertDspMessage } from './dsp-validator';

/** Where a provider serves its DSP 2025-1 endpoints, below its root URL (the `<base>` of the HTTPS bindings). */
export const DSP_BASE_PATH = '/dsp';

export interface VersionResponse {
  protocolVersions: Array<{ version: string; path: string; binding: 'HTTPS'; identifierType?: string; auth?: { protocol: string; version: string; profile?: string[] } }>;
}

/**
 * The body of `GET <root>/.well-known/dspace-version` (DSP 2025-1 common.protocol.md, "Exposure of
 * Versions": every connector MUST serve it, unversioned and unauthenticated). `path` is appended to the
 * root to give the DSP base. `auth` names how the endpoints are secured: this dataspace's self-issued
 * participant tokens (README, "Connecting a connector from elsewhere").
 */
export function versionResponse(path: string): VersionResponse {
  return assertDspMessage<VersionResponse>('VersionResponse', {
    protocolVersions: [{ version: '2025-1', path, binding: 'HTTPS', identifierType: 'participant id', auth: { protocol: 'd4h-participant-token', version: '1', profile: ['participant+jwt', 'ES256'] } }],
  });
}
