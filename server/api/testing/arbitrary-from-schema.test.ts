import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { shapedArbitrary } from './arbitrary-from-schema';

describe('shapedArbitrary', () => {
  it('produces values that the schema accepts for representable schemas', () => {
    const schema = z.object({
      email: z.string().email(),
      id: z.uuid(),
      nationalId: z.string().regex(/^\d{13}$/),
      role: z.enum(['patient', 'admin']),
      count: z.number().int().min(1).max(200),
      note: z.string().min(2).max(20).nullable(),
      tags: z.array(z.string().max(5)),
      flag: z.boolean().optional(),
    });
    fc.assert(fc.property(shapedArbitrary(schema), (value) => schema.safeParse(value).success), { numRuns: 300 });
  });

  it('still produces values for what JSON Schema cannot say (dates, void)', () => {
    const samples = fc.sample(shapedArbitrary(z.object({ at: z.date() })), 50);
    expect(samples.some((s) => (s as { at?: unknown }).at instanceof Date)).toBe(true);
  });
});
