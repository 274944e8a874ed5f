import { cdsHooksApi } from '@/server/cds-hooks/cds-hooks-instance';
import { preflight } from '@/server/cds-hooks/cors';

// CDS Hooks 2.0: one call of a service (patient-view, order-select) by an authenticated EHR.
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return (await cdsHooksApi()).call(request, (await params).id);
}

export const OPTIONS = preflight;
