import { receiveProviderCallback } from '@/server/dataspace/consumer/callback-inbox';
import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { appDb } from '@/server/db';

// DSP 2025-1 consumer callback: a provider signals a step of a contract negotiation the web app started.
export async function POST(request: Request, context: { params: Promise<{ consumerPid: string; message: string }> }): Promise<Response> {
  const { consumerPid, message } = await context.params;
  return receiveProviderCallback(dataspaceConsumer(await appDb()), request, { process: 'negotiations', consumerPid, message });
}
