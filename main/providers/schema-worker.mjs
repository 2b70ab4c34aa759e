// The schema sandbox's worker (schema-sandbox.ts). Plain JavaScript only so that it can load the
// TypeScript sources through tsx, as the CLI does; the work itself is in schema-worker.ts.
import { workerData } from 'node:worker_threads';

try {
  const { tsImport } = await import('tsx/esm/api');
  const { serve } = await tsImport('./schema-worker.ts', import.meta.url);
  await serve(workerData);
} catch (error) {
  // Told to the waiting main thread, which refuses the schema work with this reason.
  workerData.port.postMessage({ seq: 0, kind: 'failed', reason: error instanceof Error ? error.message : String(error) });
  Atomics.store(workerData.shared, 0, 2);
  Atomics.notify(workerData.shared, 0);
}
