import { handleTrpcRequest } from '@/server/api/http-handler';
import { createRequestContext } from '@/server/api/context';

const handler = (request: Request) => handleTrpcRequest(request, (requestId) => createRequestContext(request, requestId));

export { handler as GET, handler as POST };
