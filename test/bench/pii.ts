// PII bench: redact/restore latency on PII-dense prompts against a named baseline, and per-category
// precision/recall on the synthetic corpus. Run: node --import tsx test/bench/pii.ts
import { loadavg, cpus } from 'node:os';
import { PII_CATEGORIES, CHECKSUM_BACKED, type PiiOptions } from '../../main/gateway/pii/categories.ts';
import { detectPii } from '../../main/gateway/pii/detector.ts';
import { createRedactionSession } from '../../main/gateway/pii/redaction.ts';
import { generatePiiCorpus, piiDensePrompt, scoreCorpus } from './pii-corpus.ts';

const OPTIONS: PiiOptions = { packs: { hipaa: true, gdpr: true }, region: 'US' };
const CORPUS_SEED = 20260501;
const PROMPT_SEED = 7;

/** Baseline: the cheapest thing a scrubber could do, one precompiled regex replace over the same text. */
const BASELINE_RE = /[\w.+-]+@[\w-]+\.[\w.]+/g;
const baseline = (text: string): string => text.replace(BASELINE_RE, '[EMAIL]');

function percentiles(f: () => unknown, iterations: number): { p50: number; p99: number } {
  for (let i = 0; i < Math.min(200, iterations); i++) f();
  const xs: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = performance.now();
    f();
    xs.push(performance.now() - t);
  }
  xs.sort((a, b) => a - b);
  const at = (q: number): number => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

const ms = (x: number): string => x.toFixed(3);

console.log(`# PII bench — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log('\n## Latency (ms) on PII-dense prompts; baseline = one regex replace (`text.replace(EMAIL_RE, …)`)\n');
console.log('| prompt | findings | baseline p50 | redact p50 | redact p99 | ratio p50 | restore p50 | redact (nlp names) p50 |');
console.log('|---|---|---|---|---|---|---|---|');
for (const size of [1024, 4096, 16384]) {
  const text = piiDensePrompt(PROMPT_SEED, size);
  const iterations = size > 8000 ? 400 : 1500;
  const findings = detectPii(text, OPTIONS).length;
  const base = percentiles(() => baseline(text), iterations);
  const redact = percentiles(() => createRedactionSession(OPTIONS).redact(text), iterations);
  const session = createRedactionSession(OPTIONS);
  const redacted = session.redact(text);
  const restorer = session.restorer(true);
  const restore = percentiles(() => restorer.restore(redacted), iterations);
  const nlpOptions: PiiOptions = { ...OPTIONS, names: 'nlp' };
  const nlp = percentiles(() => createRedactionSession(nlpOptions).redact(text), Math.max(30, Math.floor(iterations / 20)));
  console.log(
    `| ${(text.length / 1024).toFixed(1)} KB | ${findings} | ${ms(base.p50)} | ${ms(redact.p50)} | ${ms(redact.p99)} | ×${(redact.p50 / base.p50).toFixed(0)} | ${ms(restore.p50)} | ${ms(nlp.p50)} |`,
  );
}

for (const [names, hardRate] of [['lexicon', 0], ['lexicon', 0.05], ['nlp', 0.05]] as const) {
  const docs = generatePiiCorpus({ seed: CORPUS_SEED, documents: 1000, hardRate });
  const scores = scoreCorpus(docs, (text) => detectPii(text, { ...OPTIONS, names }));
  const nearMisses = docs.reduce((n, d) => n + d.nearMisses.length, 0);
  console.log(`\n## Precision / recall, corpus seed ${CORPUS_SEED}, 1000 documents, ${nearMisses} near-misses, hard (context-free) share ${hardRate}, names: ${names}\n`);
  console.log('| category | checksum-backed | TP | FP | FN | precision | recall |');
  console.log('|---|---|---|---|---|---|---|');
  for (const c of PII_CATEGORIES) {
    const s = scores.get(c);
    if (s === undefined) continue;
    console.log(
      `| ${c} | ${CHECKSUM_BACKED.includes(c) ? 'yes' : ''} | ${s.truePositives} | ${s.falsePositives} | ${s.falseNegatives} | ${s.precision.toFixed(3)} | ${s.recall.toFixed(3)} |`,
    );
  }
}
