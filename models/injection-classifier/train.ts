/**
 * Trains stage 2's learned classifier and writes models/injection-classifier/weights.ts.
 *
 *   node --import tsx models/injection-classifier/train.ts
 *
 * The model: a logistic score over hashed word unigrams and bigrams (features.ts), read from the
 * best window of WINDOW consecutive words plus a bias per source kind (user / document or tool
 * output). Training takes, for each text, its current best window (the passage that looks most
 * like an injection, or a benign text's most suspicious passage) and moves the weights with
 * AdaGrad and L2; classes are balanced. The weights are averaged over the second half of the epochs
 * and over ENSEMBLE runs from different shuffles (one run's windows depend on its order: single
 * runs differed by ±4 points of recall). Deterministic: the same corpus and settings give the same bytes.
 * Settings (environment, defaults chosen by leave-one-author-out recall only): WINDOW=40 EPOCHS=12
 * LEARNING_RATE=0.2 L2=1e-4 FP_TARGET=0.02 ENSEMBLE=5 SEED=31.
 *
 * First, leave-one-author-out: one model per hand-written set (A–I), trained without it, scores the
 * set left out. The threshold written is the lowest score at which at most FP_TARGET of
 * those unseen benign texts pass; the recall printed beside it is on attacks by an author the
 * model never saw. Then the final model is trained on everything.
 * Why not a library: inference runs inside stage 2's latency budget and scores windows, which the
 * text-classification packages on npm (whole-document bag of words, their own tokenisers) do not.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateBenign } from '../../test/bench/injection-corpus.ts';
import { piiDensePrompt } from '../../test/bench/pii-corpus.ts';
import { mulberry32 } from '../seeded-random.ts';
import { AUTHORS, corpusDigest, trainingTexts, type LabelledText } from './corpus.ts';
import type { TrainingText } from './corpus-types.ts';
import { BITS, bestWindow, emptyRun, extractFeatures, type FeatureRun } from './features.ts';

const WINDOW = Number(process.env.WINDOW ?? 40);
const EPOCHS = Number(process.env.EPOCHS ?? 12);
const LEARNING_RATE = Number(process.env.LEARNING_RATE ?? 0.2);
const L2 = Number(process.env.L2 ?? 1e-4);
const FP_TARGET = Number(process.env.FP_TARGET ?? 0.02);
const ENSEMBLE = Number(process.env.ENSEMBLE ?? 5);
const SEED = Number(process.env.SEED ?? 31);

interface Prepared {
  readonly text: LabelledText;
  readonly run: FeatureRun;
}

interface TrainedModel {
  readonly weights: Float64Array;
  readonly biasUser: number;
  readonly biasIndirect: number;
}

const indirect = (t: LabelledText): boolean => t.source !== 'user';
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

function prepare(texts: readonly LabelledText[]): Prepared[] {
  return texts.map((text) => ({ text, run: extractFeatures(text.text, emptyRun()) }));
}

function score(model: TrainedModel, p: Prepared): number {
  return bestWindow(p.run, model.weights, WINDOW).score + (indirect(p.text) ? model.biasIndirect : model.biasUser);
}

function trainOne(data: readonly Prepared[], seed: number): TrainedModel {
  const weights = new Float64Array(1 << BITS);
  const squares = new Float64Array(1 << BITS);
  let biasUser = 0;
  let biasIndirect = 0;
  const total = [0, 0];
  for (const p of data) total[p.text.label] = (total[p.text.label] ?? 0) + p.text.weight;
  const classWeight = total.map((w) => ((total[0] ?? 0) + (total[1] ?? 0)) / (2 * (w || 1)));
  const order = data.map((_, i) => i);
  const random = mulberry32(seed);
  const averaged = new Float64Array(1 << BITS);
  let snapshots = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const index of order) {
      const p = data[index] as Prepared;
      const window = bestWindow(p.run, weights, WINDOW);
      const isIndirect = indirect(p.text);
      const s = window.score + (isIndirect ? biasIndirect : biasUser);
      const g = (sigmoid(s) - p.text.label) * p.text.weight * (classWeight[p.text.label] as number);
      const { bucket, word, count } = p.run;
      for (let k = 0; k < count; k++) {
        const w = word[k] as number;
        if (w < window.from || w >= window.to) continue;
        const f = bucket[k] as number;
        const grad = g + L2 * (weights[f] as number);
        squares[f] = (squares[f] as number) + grad * grad;
        weights[f] = (weights[f] as number) - (LEARNING_RATE * grad) / Math.sqrt((squares[f] as number) + 1e-8);
      }
      if (isIndirect) biasIndirect -= 0.01 * g;
      else biasUser -= 0.01 * g;
    }
    if (epoch >= EPOCHS / 2) {
      for (let f = 0; f < weights.length; f++) averaged[f] = (averaged[f] as number) + (weights[f] as number);
      snapshots++;
    }
  }
  for (let f = 0; f < weights.length; f++) averaged[f] = (averaged[f] as number) / snapshots;
  return { weights: averaged, biasUser, biasIndirect };
}

/** Several runs from different shuffles, weights averaged: one run's windows depend on its order. */
function train(data: readonly Prepared[]): TrainedModel {
  const runs = Array.from({ length: ENSEMBLE }, (_, i) => trainOne(data, SEED + i * 7919));
  const weights = new Float64Array(1 << BITS);
  for (const run of runs) for (let f = 0; f < weights.length; f++) weights[f] = (weights[f] as number) + (run.weights[f] as number) / runs.length;
  const mean = (pick: (m: TrainedModel) => number): number => runs.reduce((sum, m) => sum + pick(m), 0) / runs.length;
  return { weights, biasUser: mean((m) => m.biasUser), biasIndirect: mean((m) => m.biasIndirect) };
}

/** Lowest threshold at which at most `rate` of the benign scores reach it. */
function thresholdAt(benign: readonly number[], rate: number): number {
  const sorted = [...benign].sort((a, b) => b - a);
  const allowed = Math.floor(rate * sorted.length);
  // Scores ≥ threshold are flagged: sit just above the (allowed+1)-th highest benign score.
  return (sorted[allowed] ?? -Infinity) + 1e-6;
}

const pct = (n: number, d: number): string => `${((100 * n) / d).toFixed(1)} % (${n}/${d})`;

function leaveOneAuthorOut(all: readonly Prepared[], log: (line: string) => void): number {
  const attackScores: number[] = [];
  const benignScores: number[] = [];
  for (const author of AUTHORS) {
    const model = train(all.filter((p) => p.text.author !== author));
    const own = all.filter((p) => p.text.author === author);
    const attacks = own.filter((p) => p.text.label === 1).map((p) => score(model, p));
    const benign = own.filter((p) => p.text.label === 0).map((p) => score(model, p));
    const t = thresholdAt(benign, FP_TARGET);
    log(`  without ${author}: ${author}'s attacks at its own ${FP_TARGET * 100} % FP threshold: ${pct(attacks.filter((s) => s >= t).length, attacks.length)}`);
    attackScores.push(...attacks);
    benignScores.push(...benign);
  }
  for (const rate of [0.01, 0.02, 0.05]) {
    const t = thresholdAt(benignScores, rate);
    log(`  pooled, benign FP ≤ ${rate * 100} %: threshold ${t.toFixed(3)}, attacks caught ${pct(attackScores.filter((s) => s >= t).length, attackScores.length)}`);
  }
  return thresholdAt(benignScores, FP_TARGET);
}

/** Generated benign texts on seeds neither training nor the bench uses, PII-dense prompts among them. */
function freshBenign(): Prepared[] {
  const fresh = (source: TrainingText['source'], text: string): LabelledText => ({ source, text, label: 0, author: 'fresh', weight: 1 });
  return prepare([
    ...generateBenign(9001, 2000).map((t) => fresh(t.source, t.text)),
    ...Array.from({ length: 200 }, (_, i) => fresh('user', piiDensePrompt(9100 + i, 1024 * (1 + (i % 4))))),
  ]);
}

/** Weights as int8 (scale = max |w| / 127), non-zero buckets only: varint gap, then the byte. */
function encode(weights: Float64Array): { scale: number; data: string; nonZero: number } {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max / 127;
  const bytes: number[] = [];
  let last = -1;
  let nonZero = 0;
  for (let f = 0; f < weights.length; f++) {
    const q = Math.round((weights[f] as number) / scale);
    if (q === 0) continue;
    let gap = f - last - 1;
    last = f;
    nonZero++;
    while (gap >= 0x80) {
      bytes.push((gap & 0x7f) | 0x80);
      gap >>>= 7;
    }
    bytes.push(gap, q & 0xff);
  }
  return { scale, data: Buffer.from(bytes).toString('base64'), nonZero };
}

/** The weights file's text, trained from the corpus as it is; `log` receives the progress lines. */
export function buildWeightsFile(log: (line: string) => void = () => undefined): string {
  const texts = trainingTexts();
  const all = prepare(texts);
  log(`${texts.length} training texts (${texts.filter((t) => t.label === 1).length} attacks); window ${WINDOW} words, ${EPOCHS} epochs`);
  log('Leave one author out:');
  const threshold = leaveOneAuthorOut(all, log);
  const model = train(all);
  const fresh = freshBenign();
  log(`fresh generated benign texts at that threshold: ${pct(fresh.filter((p) => score(model, p) >= threshold).length, fresh.length)}`);
  const { scale, data, nonZero } = encode(model.weights);
  const trainingRecall = all.filter((p) => p.text.label === 1 && score(model, p) >= threshold).length;
  log(`final model: ${nonZero} non-zero weights, threshold ${threshold.toFixed(3)}; on its own training attacks ${trainingRecall}/${all.filter((p) => p.text.label === 1).length}`);
  return (
    `// Written by models/injection-classifier/train.ts (node --import tsx models/injection-classifier/train.ts); do not edit.\n` +
    `export const CLASSIFIER_WEIGHTS = {\n` +
    `  bits: ${BITS},\n  window: ${WINDOW},\n  scale: ${scale},\n  biasUser: ${model.biasUser},\n  biasIndirect: ${model.biasIndirect},\n` +
    `  threshold: ${threshold},\n  corpusDigest: '${corpusDigest(texts)}',\n  data: '${data}',\n} as const;\n`
  );
}

export const WEIGHTS_FILE = fileURLToPath(new URL('./weights.ts', import.meta.url));

if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) {
  const started = performance.now();
  writeFileSync(WEIGHTS_FILE, buildWeightsFile((line) => console.log(line)));
  console.log(`wrote ${WEIGHTS_FILE} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
