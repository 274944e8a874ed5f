import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './db/app/schema/*.ts',
  out: './db/app/migrations',
});
