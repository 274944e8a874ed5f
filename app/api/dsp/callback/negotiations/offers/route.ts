import { dataspaceConsumer } from '@/server/dataspace/consumer/consumer-instance';
import { receiveContractOffer } from '@/server/dataspace/consumer/offer-inbox';
import { appDb } from '@/server/db';

// DSP 2025-1: a provider starts a contract negotiation with the web app (ContractOfferMessage).
export async function POST(request: Request): Promise<Response> {
  return receiveContractOffer(dataspaceConsumer(await appDb()), request);
}
