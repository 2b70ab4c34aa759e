/**
 * Prompt-injection bench: detection per structural class, semantic-only detection, false
 * positives on benign business text, held-out samples, and latency against a named baseline.
 *
 *   node --import tsx test/bench/injection.ts
 */
import { detectInjection } from '../../main/gateway/injection/detector.ts';
import { STRUCTURAL_CLASSES } from '../../main/gateway/injection/types.ts';
import type { InjectionSource } from '../../main/gateway/injection/types.ts';
import { moderate } from '../../main/gateway/moderation/moderate.ts';
import { validateOutput } from '../../main/gateway/output/validate.ts';
import { benignOfSize, generateBenign, generateSemanticAttacks, generateStructuralAttacks } from './injection-corpus.ts';
import { HELD_OUT_ATTACKS, HELD_OUT_BENIGN } from './injection-heldout.ts';

const SEED = 2025;
const PER_CLASS = 500;
const SEMANTIC = 1000;
const BENIGN = 5000;

const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)}% (${n}/${d})`;

function accuracy(): void {
  console.log(`Corpus seed ${SEED}: ${PER_CLASS} attacks per structural class, ${SEMANTIC} semantic-only, ${BENIGN} benign\n`);
  const attacks = generateStructuralAttacks(SEED, PER_CLASS);
  console.log('| class | detected (verdict injection, class found) |');
  console.log('|---|---|');
  for (const cls of STRUCTURAL_CLASSES) {
    const own = attacks.filter((a) => a.class === cls);
    const hits = own.filter((a) => {
      const d = detectInjection(a.text, { source: a.source });
      return d.verdict === 'injection' && d.findings.some((f) => f.class === cls);
    }).length;
    console.log(`| ${cls} | ${pct(hits, own.length)} |`);
  }
  const semantic = generateSemanticAttacks(SEED, SEMANTIC);
  const verdicts = semantic.map((a) => detectInjection(a.text, { source: a.source }).verdict);
  console.log(`| semantic-only, flagged (suspicious or injection) | ${pct(verdicts.filter((v) => v !== 'clean').length, semantic.length)} |`);
  console.log(`| semantic-only, verdict injection | ${pct(verdicts.filter((v) => v === 'injection').length, semantic.length)} |`);

  const benign = generateBenign(SEED, BENIGN);
  console.log('\n| benign source | flagged (not clean) | verdict injection |');
  console.log('|---|---|---|');
  for (const source of ['user', 'retrieved-document', 'tool-output', 'all'] as const) {
    const own = source === 'all' ? benign : benign.filter((b) => b.source === source);
    const results = own.map((b) => detectInjection(b.text, { source: b.source }).verdict);
    console.log(`| ${source} | ${pct(results.filter((v) => v !== 'clean').length, own.length)} | ${pct(results.filter((v) => v === 'injection').length, own.length)} |`);
  }

  const heldHits = HELD_OUT_ATTACKS.filter((a) => detectInjection(a.text, { source: a.source }).verdict !== 'clean');
  const heldBlocked = HELD_OUT_ATTACKS.filter((a) => detectInjection(a.text, { source: a.source }).verdict === 'injection');
  const heldFp = HELD_OUT_BENIGN.filter((b) => detectInjection(b.text, { source: b.source }).verdict !== 'clean');
  console.log('\nHeld-out (hand-written, not used for tuning):');
  console.log(`  attacks flagged: ${pct(heldHits.length, HELD_OUT_ATTACKS.length)}; verdict injection: ${pct(heldBlocked.length, HELD_OUT_ATTACKS.length)}`);
  console.log(`  benign flagged:  ${pct(heldFp.length, HELD_OUT_BENIGN.length)}`);
  const missed = HELD_OUT_ATTACKS.filter((a) => !heldHits.includes(a)).map((a) => `${a.class ?? '?'}: ${a.text.slice(0, 60).replace(/\n/g, ' ')}…`);
  const falsePositives = heldFp.map((b) => `${b.text.slice(0, 60).replace(/\n/g, ' ')}…`);
  if (missed.length > 0) console.log(`  missed:\n    ${missed.join('\n    ')}`);
  if (falsePositives.length > 0) console.log(`  false positives:\n    ${falsePositives.join('\n    ')}`);
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function time(run: () => unknown, iterations: number): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 50; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

async function latency(): Promise<void> {
  console.log('\nLatency, ms per call on benign business text (worst case: the whole text is scanned).');
  console.log('Baseline: one String.prototype.includes pass for "ignore all previous instructions".\n');
  console.log('| size | baseline p50 | detectInjection p50 | p99 | ratio p50 | moderate p50 | validateOutput p50 |');
  console.log('|---|---|---|---|---|---|---|');
  const source: InjectionSource = 'retrieved-document';
  for (const kb of [1, 4, 16]) {
    const text = benignOfSize(SEED + kb, kb * 1024);
    const iterations = kb === 16 ? 300 : 1000;
    let sink = 0;
    const baseline = await time(() => {
      sink += text.includes('ignore all previous instructions') ? 1 : 0;
    }, iterations);
    const detect = await time(() => detectInjection(text, { source }), iterations);
    const moderation = await time(() => moderate(text, { packs: { hipaa: true } }), iterations);
    const output = await time(() => validateOutput(text), Math.min(iterations, 300));
    if (sink < 0) console.log(sink);
    console.log(
      `| ${kb} KB | ${baseline.p50.toFixed(4)} | ${detect.p50.toFixed(3)} | ${detect.p99.toFixed(3)} | ${(detect.p50 / baseline.p50).toFixed(0)}× | ${moderation.p50.toFixed(3)} | ${output.p50.toFixed(3)} |`,
    );
  }
}

accuracy();
await latency();
console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}`);
