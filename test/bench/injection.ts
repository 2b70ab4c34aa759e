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
import type { PiiOptions } from '../../main/gateway/pii/categories.ts';
import { createRedactionSession } from '../../main/gateway/pii/redaction.ts';
import { benignOfSize, generateBenign, generateSemanticAttacks, generateStructuralAttacks } from './injection-corpus.ts';
import type { HeldOut } from './injection-heldout.ts';
import { HELD_OUT_ATTACKS, HELD_OUT_BENIGN } from './injection-heldout.ts';
import { HELD_OUT_2_ATTACKS, HELD_OUT_2_BENIGN } from './injection-heldout-2.ts';
import { HELD_OUT_3_ATTACKS, HELD_OUT_3_BENIGN } from './injection-heldout-3.ts';
import { HELD_OUT_4A_ATTACKS, HELD_OUT_4A_BENIGN } from './injection-heldout-4a.ts';
import { HELD_OUT_4B_ATTACKS, HELD_OUT_4B_BENIGN } from './injection-heldout-4b.ts';
import { HELD_OUT_4C_ATTACKS, HELD_OUT_4C_BENIGN } from './injection-heldout-4c.ts';
import { HELD_OUT_5A_ATTACKS, HELD_OUT_5A_BENIGN } from './injection-heldout-5a.ts';
import { HELD_OUT_5B_ATTACKS, HELD_OUT_5B_BENIGN } from './injection-heldout-5b.ts';
import { piiDensePrompt } from './pii-corpus.ts';

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

  heldOut('Held-out set 1 (hand-written, not used for tuning)', HELD_OUT_ATTACKS, HELD_OUT_BENIGN);
  heldOut('Held-out set 2 (committed before the detector changes it first judged; its misses were read for the 2026-12-07 change)', HELD_OUT_2_ATTACKS, HELD_OUT_2_BENIGN);
  heldOut('Held-out set 3 (written by someone who had not read the detector; committed before the changes it judges)', HELD_OUT_3_ATTACKS, HELD_OUT_3_BENIGN, false);
  // Set 3 split before any change it judges: detector changes may be made looking at the even
  // entries only; the odd entries stay unseen and are the figure to trust.
  const even = <T>(xs: readonly T[]): T[] => xs.filter((_, i) => i % 2 === 0);
  const odd = <T>(xs: readonly T[]): T[] => xs.filter((_, i) => i % 2 === 1);
  heldOut('Held-out set 3, tuning half (even entries: may be looked at when changing the detector)', even(HELD_OUT_3_ATTACKS), even(HELD_OUT_3_BENIGN));
  heldOut('Held-out set 3, test half (odd entries: never looked at when changing the detector)', odd(HELD_OUT_3_ATTACKS), odd(HELD_OUT_3_BENIGN), false);
  // Set 4: three parts written by separate authors who had read neither the detector nor the other
  // sets; committed before its first run, and reported as counts only so it stays unread.
  heldOut(
    'Held-out set 4 (120 attacks, 120 benign, never read while changing the detector)',
    [...HELD_OUT_4A_ATTACKS, ...HELD_OUT_4B_ATTACKS, ...HELD_OUT_4C_ATTACKS],
    [...HELD_OUT_4A_BENIGN, ...HELD_OUT_4B_BENIGN, ...HELD_OUT_4C_BENIGN],
    false,
  );
  heldOut('Held-out set 4a (IT, DevOps, software)', HELD_OUT_4A_ATTACKS, HELD_OUT_4A_BENIGN, false);
  heldOut('Held-out set 4b (business, finance, HR, legal)', HELD_OUT_4B_ATTACKS, HELD_OUT_4B_BENIGN, false);
  heldOut('Held-out set 4c (web, healthcare administration, other languages, obfuscation)', HELD_OUT_4C_ATTACKS, HELD_OUT_4C_BENIGN, false);
  // Set 5: written after the learned classifier was trained, by authors who read neither the detector,
  // its training texts nor the other sets; 5a attacks as a red-teamer who knows how stage 2 works.
  heldOut('Held-out set 5a (evasive attacks by a red-teamer who knows how stage 2 works)', HELD_OUT_5A_ATTACKS, HELD_OUT_5A_BENIGN, false);
  heldOut('Held-out set 5b (education, legal, science, public sector, e-commerce, transcripts, …)', HELD_OUT_5B_ATTACKS, HELD_OUT_5B_BENIGN, false);
}

/** `list` false: counts only, so the samples of a test half are not read while tuning. */
function heldOut(title: string, attacks: readonly HeldOut[], benign: readonly HeldOut[], list = true): void {
  // One detection per text, read for every count below.
  const detections = new Map([...attacks, ...benign].map((t) => [t, detectInjection(t.text, { source: t.source })]));
  const verdictOf = (t: HeldOut): string => detections.get(t)?.verdict ?? 'clean';
  const heldHits = attacks.filter((a) => verdictOf(a) !== 'clean');
  const heldBlocked = attacks.filter((a) => verdictOf(a) === 'injection');
  const heldFp = benign.filter((b) => verdictOf(b) !== 'clean');
  const heldFpBlocked = benign.filter((b) => verdictOf(b) === 'injection');
  console.log(`\n${title}:`);
  console.log(`  attacks flagged: ${pct(heldHits.length, attacks.length)}; verdict injection: ${pct(heldBlocked.length, attacks.length)}`);
  console.log(`  benign flagged:  ${pct(heldFp.length, benign.length)}; verdict injection: ${pct(heldFpBlocked.length, benign.length)}`);
  const perClass = [...STRUCTURAL_CLASSES, 'SEMANTIC_ONLY' as const]
    .map((cls) => {
      const own = attacks.filter((a) => a.class === cls);
      return own.length === 0 ? '' : `${cls} ${own.filter((a) => heldHits.includes(a)).length}/${own.filter((a) => heldBlocked.includes(a)).length}/${own.length}`;
    })
    .filter((line) => line !== '');
  console.log(`  per class, flagged / verdict injection / attacks: ${perClass.join(' · ')}`);
  const learned = (t: HeldOut): boolean => detections.get(t)?.findings.some((f) => f.class === 'LEARNED_CLASSIFIER') ?? false;
  console.log(`  learned classifier among the findings: attacks ${attacks.filter(learned).length}/${attacks.length}, benign ${benign.filter(learned).length}/${benign.length}`);
  if (!list) return;
  const missed = attacks.filter((a) => !heldHits.includes(a)).map((a) => `${a.class ?? '?'}: ${a.text.slice(0, 60).replace(/\n/g, ' ')}…`);
  const falsePositives = heldFp.map((b) => `${b.source}: ${b.text.slice(0, 60).replace(/\n/g, ' ')}…`);
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

/**
 * The content stages of one call, as the pipeline runs them: injection detection, PII redaction
 * and input moderation on the prompt; output validation and output moderation on a 1 KB answer.
 * Baseline: the same calls' cheapest stand-in, one includes() per stage.
 */
async function combined(): Promise<void> {
  console.log('\nContent stages combined, ms per call: detectInjection(prompt) + redact(prompt) + moderate(redacted)');
  console.log('+ validateOutput(1 KB answer) + moderate(answer). Prompts: PII-dense (`piiDensePrompt(7, size)`) and');
  console.log('benign business text (`benignOfSize`); options as the pipeline sets them (HIPAA + GDPR packs).\n');
  console.log('| prompt | kind | p50 | p99 |');
  console.log('|---|---|---|---|');
  const piiOptions: PiiOptions = { packs: { hipaa: true, gdpr: true }, region: 'US' };
  const packs = { hipaa: true, gdpr: true };
  const answer = benignOfSize(SEED + 99, 1024);
  for (const kb of [1, 4, 16]) {
    for (const [kind, prompt] of [
      ['PII-dense', piiDensePrompt(7, kb * 1024)],
      ['benign', benignOfSize(SEED + kb, kb * 1024)],
    ] as const) {
      const run = async (): Promise<void> => {
        detectInjection(prompt, { source: 'user' });
        const redacted = createRedactionSession(piiOptions).redact(prompt);
        moderate(redacted, { packs });
        await validateOutput(answer);
        moderate(answer, { packs });
      };
      const t = await time(run, kb === 16 ? 300 : 1000);
      console.log(`| ${kb} KB | ${kind} | ${t.p50.toFixed(3)} | ${t.p99.toFixed(3)} |`);
    }
  }
}

accuracy();
await latency();
await combined();
console.log(`\nNode ${process.version}, ${process.platform}/${process.arch}`);
