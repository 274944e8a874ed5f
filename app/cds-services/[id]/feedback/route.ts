import { cdsHooksApi } from '@/server/cds-hooks/cds-hooks-instance';
import { preflight } from '@/server/cds-hooks/cors';

// CDS Hooks 2.0 feedback: what the clinician did with the cards (accepted, overridden with a reason).
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return (await cdsHooksApi()).feedback(request, (await params).id);
}

export const OPTIONS = preflight;
