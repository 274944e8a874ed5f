import type { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { AppError } from './app-error';

/** At most this many calls travel in one batched tRPC request (one page makes fewer than five). */
export const MAX_BATCH_SIZE = 10;

// tRPC's own message for a batch over `maxBatchSize` (resolveResponse, jsonContentTypeHandler); a test
// sends a batch of MAX_BATCH_SIZE + 1 over HTTP, so a change of this text in tRPC is caught.
const TRPC_BATCH_TOO_LARGE = 'Batch call exceeds maximum size';

// What a client is told, by code, when the error is not one of ours: the reason in words, never the
// internal message (a parser's, a database's, or tRPC's echo of the path the client sent).
const GENERIC_MESSAGES: Partial<Record<TRPCError['code'], string>> = {
  BAD_REQUEST: 'The request could not be read.',
  PARSE_ERROR: 'The request could not be read.',
  NOT_FOUND: 'There is no such procedure.',
  METHOD_NOT_SUPPORTED: 'This procedure does not accept this HTTP method (queries: GET, mutations: POST).',
  UNSUPPORTED_MEDIA_TYPE: 'Send the request as application/json.',
  PAYLOAD_TOO_LARGE: 'The request is too large.',
};

export interface TPublicError {
  message: string;
  /** Validation issues of the input, when that is what failed. */
  zodError: ReturnType<typeof z.flattenError> | null;
  /** Whether the message hides the real one, which must then be logged with the request id. */
  masked: boolean;
}

/**
 * What of an error may reach a client: an AppError's user message and the validation issues of an
 * input, as they are; anything else a generic message by code with the request id to quote.
 */
export function publicError(error: TRPCError, requestId: string): TPublicError {
  const cause = error.cause;
  if (cause instanceof AppError) return { message: cause.userMessage, zodError: null, masked: false };
  // Only input validation is the client's fault; a failed output validation is ours and stays internal.
  if (error.code === 'BAD_REQUEST' && cause instanceof z.ZodError) return { message: 'The request is not valid.', zodError: z.flattenError(cause), masked: false };
  if (error.code === 'BAD_REQUEST' && error.message === TRPC_BATCH_TOO_LARGE) {
    return { message: `A request may batch at most ${MAX_BATCH_SIZE} calls; split it.`, zodError: null, masked: false };
  }
  const generic = GENERIC_MESSAGES[error.code] ?? 'Something went wrong on our side. The error was logged.';
  return { message: `${generic} (request ${requestId})`, zodError: null, masked: true };
}
