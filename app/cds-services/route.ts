import { cdsHooksApi } from '@/server/cds-hooks/cds-hooks-instance';
import { preflight } from '@/server/cds-hooks/cors';

// CDS Hooks 2.0 discovery: the services, their hooks and prefetch templates (no patient data, no JWT).
export async function GET(): Promise<Response> {
  return (await cdsHooksApi()).discovery();
}

export const OPTIONS = preflight;
