/**
 * Stage 2 (`detectInjection`) on adversarial text (plain script):
 *   node --import tsx test/bench/injection-adversarial.ts
 * Stage 2 runs on every call, before the model, on the thread every tenant shares: a text shaped
 * to make one of its passes quadratic is a stall for all of them. Each row times one adversarial
 * shape against a named baseline in the same run: ordinary business prose of the same length
 * (`benignOfSize`, the bench corpus's benign text). Ratios near 1 mean the shape costs what
 * ordinary text does; a ratio that grows with the size is a pass that is not linear.
 *  - `b3:` repeated, then `zz`: letter/digit pairs in one hex-and-separator run that is no
 *    address (review 2026-12-07: each pair rescanned the whole run, 64 KB took 5.7 s);
 *  - a list of MAC addresses, and one run of hex digits with no separator;
 *  - CJK text (every character leaves the ASCII fast path);
 *  - one word of the whole length, spelt in leetspeak (`w0rd` repeated);
 *  - a zero-width space after every letter, and `\u0041` JSON escapes (decoded with an offset map).
 */
import { detectInjection } from '../../main/gateway/injection/detector.ts';
import { benignOfSize } from './injection-corpus.ts';

const SIZES_KB = (process.env.SIZES ?? '8,16,32,64').split(',').map(Number);
const RUNS = 7;

function fill(unit: string, length: number): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

const SHAPES: readonly (readonly [string, (length: number) => string])[] = [
  ['`b3:` repeated, then `zz`', (length) => `${fill('b3:', length - 2)}zz`],
  ['MAC address list', (length) => fill('16-FB-8B-5F-1C-73, ', length)],
  ['one hex run', (length) => fill('0123456789abcdef', length)],
  ['CJK text', (length) => fill('人工智能网关在每次调用之前检查提示词，并记录审计事件。', length)],
  ['one leetspeak word', (length) => fill('w0rd', length)],
  ['zero-width space after every letter', (length) => fill('a\u200b', length)],
  ['`\\u0041` JSON escapes', (length) => fill('\\u0041', length)],
];

function time(text: string): number {
  const started = performance.now();
  detectInjection(text, { source: 'tool-output' });
  return performance.now() - started;
}

/** Median of RUNS timings. */
function median(text: string): number {
  const ms = Array.from({ length: RUNS }, () => time(text)).sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)] ?? NaN;
}

console.log(`detectInjection on adversarial text — node ${process.version}; median of ${RUNS} runs each (ms); baseline: the same call on business prose of the same length`);
console.log('| shape | size | baseline: prose | adversarial | ratio |');
console.log('|---|---|---|---|---|');
// Warm-up: the first calls compile the lexicon's regexes, load the classifier and optimise each pass.
for (let i = 0; i < 50; i++) time(benignOfSize(100 + i, 8 * 1024));
for (const [, shape] of SHAPES) for (let i = 0; i < 3; i++) time(shape(8 * 1024));
for (const kb of SIZES_KB) {
  const length = kb * 1024;
  const baseline = median(benignOfSize(kb, length));
  for (const [name, shape] of SHAPES) {
    const ms = median(shape(length));
    console.log(`| ${name} | ${kb} KB | ${baseline.toFixed(2)} | ${ms.toFixed(2)} | ${(ms / baseline).toFixed(2)} |`);
  }
}
