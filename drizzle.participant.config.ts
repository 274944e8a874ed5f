import { defineConfig } from 'drizzle-kit';

/** Schema of every participant's database (authority and providers share one schema; each uses its part). */
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/participant/schema/*.ts',
  out: './db/participant/migrations',
});
