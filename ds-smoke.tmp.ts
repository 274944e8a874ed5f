import { startDataspace } from '@/server/dataspace/testing/start-dataspace';
const t0 = Date.now();
const ds = await startDataspace({ seedPatients: 80, timeoutMs: 400_000 } as never);
console.log('ready in', Date.now() - t0, 'ms', ds.authorityUrl);
await ds.stop?.();
process.exit(0);
