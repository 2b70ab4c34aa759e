/**
 * The work of the schema sandbox's worker: compile a schema (json-schema-engine.ts) and check
 * values against it, one job at a time, each reply announced on the shared counter the main thread
 * waits on (schema-sandbox.ts).
 */
import type { MessagePort } from 'node:worker_threads';
import type { SchemaCheck } from './json-schema.ts';
import { SANDBOX_STATE, type SandboxJob, type SandboxReply } from './schema-sandbox.ts';

export interface WorkerData {
  readonly port: MessagePort;
  readonly shared: Int32Array;
  readonly cacheSize: number;
}

export async function serve({ port, shared, cacheSize }: WorkerData): Promise<void> {
  const { compileCheck } = await import('./json-schema-engine.ts');
  // Most recently used last.
  const cache = new Map<number, SchemaCheck>();
  const compiled = (job: SandboxJob): SchemaCheck => {
    let check = cache.get(job.id);
    if (check !== undefined) cache.delete(job.id);
    else check = compileCheck(job.schema);
    cache.set(job.id, check);
    if (cache.size > cacheSize) cache.delete(cache.keys().next().value as number);
    return check;
  };
  port.on('message', (job: SandboxJob) => {
    let reply: SandboxReply;
    try {
      const check = compiled(job);
      reply = job.kind === 'compile' ? { seq: job.seq, kind: 'compiled' } : { seq: job.seq, kind: 'issues', issues: check(job.value) };
    } catch (error) {
      const { name, message } = error as Error;
      // An unexpected failure is named, not quoted: its message could carry part of the value.
      reply = name === 'UncheckableSchemaError' ? { seq: job.seq, kind: 'uncheckable', reason: message } : { seq: job.seq, kind: 'failed', reason: name };
    }
    port.postMessage(reply);
    Atomics.add(shared, SANDBOX_STATE.REPLIES, 1);
    Atomics.notify(shared, SANDBOX_STATE.REPLIES);
  });
  Atomics.store(shared, SANDBOX_STATE.STATE, SANDBOX_STATE.READY);
  Atomics.notify(shared, SANDBOX_STATE.STATE);
}
