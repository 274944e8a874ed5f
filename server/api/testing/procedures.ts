import type { AnyProcedure, AnyRouter } from '@trpc/server';
import type { z } from 'zod';
import type { ProcedureMeta } from '@/server/api/trpc';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  access: ProcedureMeta['access'] | undefined;
  /** The zod schema given to `.input()`, if any. */
  input: z.ZodType | undefined;
  /** Whether `.output()` was declared. */
  hasOutput: boolean;
}

/** Every procedure of a router, flattened to its dotted path, with what it declares. */
export function listProcedures(router: AnyRouter): ProcedureInfo[] {
  const procedures = router._def.procedures as Record<string, AnyProcedure>;
  return Object.entries(procedures).map(([path, procedure]) => {
    const def = procedure._def as unknown as { type: ProcedureInfo['type']; meta?: ProcedureMeta; inputs: unknown[]; output?: unknown };
    return { path, type: def.type, access: def.meta?.access, input: def.inputs[0] as z.ZodType | undefined, hasOutput: def.output !== undefined };
  });
}

/** Calls a procedure by its dotted path through a server-side caller. */
export function callByPath(caller: unknown, path: string, input: unknown): Promise<unknown> {
  const fn = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}
