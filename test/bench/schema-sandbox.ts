/**
 * The JSON Schema check through the schema sandbox (plain script):
 *   node --import tsx test/bench/schema-sandbox.ts
 * Stage 7 and the function-call check run a caller's schema on a model's value in a worker thread
 * with a deadline (main/providers/schema-sandbox.ts). Baseline, same run: the same compiled check
 * called in this thread (json-schema-engine.ts, what stage 7 did before). Rows: an ordinary
 * function-call argument object, and a 16 KB structured answer; the ratio is what the worker's
 * round trip (structured clone both ways, wake-up, shared-counter wait) costs on top. Also the
 * worker's start, paid once per process at the first schema and again after an overrun.
 */
import { compileCheck } from '../../main/providers/json-schema-engine.ts';
import { SchemaSandbox } from '../../main/providers/schema-sandbox.ts';

const RUNS = Number(process.env.RUNS ?? 2000);

const SMALL_SCHEMA = { type: 'object', properties: { to: { type: 'string', format: 'email' }, subject: { type: 'string', maxLength: 200 }, priority: { enum: ['low', 'normal', 'high'] } }, required: ['to', 'subject'], additionalProperties: false };
const SMALL = { to: 'ward.office@example.org', subject: 'Weekly audit summary', priority: 'normal' };
const ROWS_SCHEMA = { type: 'object', properties: { rows: { type: 'array', items: { type: 'object', properties: { id: { type: 'string', pattern: '^[A-Z]{2}-\\d{4}$' }, qty: { type: 'integer', minimum: 0 }, note: { type: 'string' } }, required: ['id', 'qty'] } } }, required: ['rows'] };
const ROWS = { rows: Array.from({ length: 220 }, (_, i) => ({ id: `AB-${String(1000 + i)}`, qty: i, note: 'checked against the delivery note' })) };

function p50(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function median(values: number[]): number {
  return p50(values);
}

const sandbox = new SchemaSandbox();
const starts: number[] = [];
for (let i = 0; i < 5; i++) {
  const started = performance.now();
  const compiled = sandbox.compile(SMALL_SCHEMA);
  starts.push(performance.now() - started);
  if (!compiled.ok) throw new Error(compiled.reason);
  sandbox.close();
}

console.log(`schema sandbox bench — node ${process.version}, RUNS=${RUNS}`);
console.log(`worker start + first compile: median ${median(starts).toFixed(0)} ms of 5 (${starts.map((s) => s.toFixed(0)).join(', ')})`);
console.log('| value | in-thread check p50 (µs) | sandbox check p50 (µs) | ratio |');
console.log('|---|---|---|---|');
for (const [label, schema, value] of [['function arguments (3 fields)', SMALL_SCHEMA, SMALL], [`structured answer (${(JSON.stringify(ROWS).length / 1024).toFixed(0)} KB, 220 rows)`, ROWS_SCHEMA, ROWS]] as const) {
  const direct = compileCheck(schema);
  const compiled = sandbox.compile(schema);
  if (!compiled.ok) throw new Error(compiled.reason);
  const inThread: number[] = [];
  const viaSandbox: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // Alternating, so both see the same machine.
    let started = performance.now();
    if (direct(value).length > 0) throw new Error('baseline does not match');
    inThread.push(performance.now() - started);
    started = performance.now();
    if (sandbox.check(compiled.id, schema, value).length > 0) throw new Error('sandbox does not match');
    viaSandbox.push(performance.now() - started);
  }
  const [a, b] = [p50(inThread) * 1000, p50(viaSandbox) * 1000];
  console.log(`| ${label} | ${a.toFixed(1)} | ${b.toFixed(1)} | ${(b / a).toFixed(1)} |`);
}
sandbox.close();
