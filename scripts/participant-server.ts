/**
 * One dataspace participant as its own process:
 *   npx tsx scripts/participant-server.ts --id <ehealth-agency|alzette-hospital|moselle-clinic|research-institute>
 * Env: PORT, HOST, PARTICIPANT_DATABASE, AUTHORITY_URL, SEED_PATIENTS, DIGITAL_TWIN_RECORDS, PUBLIC_URL,
 * ACCESS_EVENT_FORWARD_DELAY_MS,
 * DATASPACE_OPERATOR_TOKEN or OPERATOR_TOKEN_FILE (see server/dataspace/runtime/operator-token.ts).
 */
import { parseArgs } from 'node:util';
import { readParticipantConfig } from '@/server/dataspace/runtime/participant-env';
import { startParticipant } from '@/server/dataspace/runtime/start-participant';

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { id: { type: 'string' } }, strict: true });
  if (!values.id) throw new Error('usage: participant-server.ts --id <participant id>');
  const config = readParticipantConfig(values.id, process.env);
  const running = await startParticipant(config);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[${config.id}] ${signal}: stopping`);
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
