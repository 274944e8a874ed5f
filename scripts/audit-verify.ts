/**
 * `npm run audit:verify`: walks the audit hash chain of the app database (DATABASE_URL, default
 * .data/app) and reports the first broken row. Exit code 0 intact, 2 broken, 1 could not check.
 * With embedded PGlite the app must be stopped first (one process per folder); the steward's audit
 * page runs the same check while the app runs.
 */
import path from 'node:path';
import { openDatabase, parseDatabaseTarget } from '@/db/client';
import { verifyAuditChain } from '@/server/audit/verify-audit-chain';

const target = parseDatabaseTarget(process.env.DATABASE_URL ?? '.data/app');
try {
  const { db, close } = await openDatabase(target, path.resolve('db/app/migrations'));
  const report = await verifyAuditChain(db);
  await close();
  if (report.ok) {
    console.log(`audit chain intact: ${report.rowsChecked} events checked`);
    process.exit(0);
  }
  console.log(`audit chain BROKEN at event #${report.firstBroken?.seq} (${report.firstBroken?.id}): ${report.firstBroken?.reason}`);
  console.log(`${report.rowsChecked} events before it are intact; events from it on cannot be trusted.`);
  process.exit(2);
} catch (error) {
  console.error(`could not verify: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
