import { z } from 'zod';
import { createTRPCRouter, protectedProcedure } from '@/server/api/trpc';
import { ZMeOutputSchema } from './me.schema';
import { signOutEverywhereHandler } from './signOutEverywhere.handler';

export const sessionRouter = createTRPCRouter({
  me: protectedProcedure.input(z.void()).output(ZMeOutputSchema).query(({ ctx }) => ctx.user),
  signOutEverywhere: protectedProcedure
    .input(z.void())
    .output(z.object({ ended: z.literal(true) }))
    .mutation(signOutEverywhereHandler),
});
