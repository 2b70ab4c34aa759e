/**
 * Output checks on adversarial model output (plain script):
 *   node --import tsx test/bench/output-adversarial.ts
 * A prompt-injected model can shape its answer to make the gateway's own checks slow; they run on
 * the thread every tenant shares, so a slow check is a stall for all of them. Each row times one
 * adversarial text against a named baseline in the same run: the same check on ordinary prose of
 * the same length (a business paragraph with a path, a host name and numbers, repeated).
 *  - stage 7 (`validateOutput`) on a line of `password=a ` pairs, and of `Server=x;pwd=a;` pairs;
 *  - the stream (`OutputStream.push`) fed one character at a time of a single word with no space,
 *    against the same number of one-character pushes of prose.
 * Ratios near 1 mean the adversarial text costs what ordinary text does.
 */
import { OutputStream } from '../../main/gateway/output-stream.ts';
import { validateOutput } from '../../main/gateway/output/index.ts';
import { createRedactionSession } from '../../main/gateway/pii/index.ts';

const SIZES = (process.env.SIZES ?? '16,32,128').split(',').map((kb) => Number(kb) * 1000);
const PROSE = 'The March invoice for warehouse.northwind.example is logged at /var/log/airlock/ledger.log and totals 4,210 units. ';

function fill(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

async function timeValidate(text: string): Promise<number> {
  const started = performance.now();
  await validateOutput(text);
  return performance.now() - started;
}

function timeStream(text: string): number {
  const stream = new OutputStream(() => undefined, createRedactionSession().restorer(true).createStreamRestorer(), { credentialCheck: () => Promise.resolve(false) });
  const started = performance.now();
  for (const ch of text) stream.push(ch);
  return performance.now() - started;
}

/** Median of `runs` timings. */
async function median(runs: number, time: () => number | Promise<number>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) ms.push(await time());
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)] ?? NaN;
}

console.log(`output checks on adversarial text — node ${process.version}; median of 3 runs each (ms); baseline: the same check on prose of the same length`);
console.log('| check | length | baseline: prose | adversarial | ratio |');
console.log('|---|---|---|---|---|');
await timeValidate(fill(PROSE, 4000)); // warm-up (secretlint's first run loads its rules)
for (const length of SIZES) {
  const baseline = await median(3, () => timeValidate(fill(PROSE, length)));
  for (const unit of ['password=a ', 'Server=x;pwd=a;']) {
    const ms = await median(3, () => timeValidate(fill(unit, length)));
    console.log(`| validateOutput, \`${unit}\` repeated | ${length} | ${baseline.toFixed(1)} | ${ms.toFixed(1)} | ${(ms / baseline).toFixed(2)} |`);
  }
  const streamBaseline = await median(3, () => timeStream(fill(PROSE, length)));
  const unbroken = await median(3, () => timeStream(fill('x', length)));
  console.log(`| OutputStream.push, one character a push, one word with no space | ${length} | ${streamBaseline.toFixed(1)} | ${unbroken.toFixed(1)} | ${(unbroken / streamBaseline).toFixed(2)} |`);
}
