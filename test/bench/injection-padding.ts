/**
 * How far a white-box attacker gets by padding: the classifier's weights ship in the appliance, so an
 * attacker can read off the words that weigh most towards "benign" and put them around the attack.
 *   node --import tsx test/bench/injection-padding.ts
 * Attacks: those of the readable held-out sets (1, 2, 3's tuning half) that the classifier flags.
 * Padding: the K words of the training corpus's benign texts with the most negative unigram weight,
 * put in front of the attack (inside its 40-word window). Reported: still flagged by the classifier,
 * and by the whole detector (the rules do not read those words).
 */
import { classifyInjection, decodeWeights } from '../../main/gateway/injection/classifier.ts';
import { detectInjection } from '../../main/gateway/injection/detector.ts';
import { normalizeForDetection } from '../../main/gateway/injection/normalize.ts';
import { trainingTexts } from '../../models/injection-classifier/corpus.ts';
import { extractFeatures } from '../../models/injection-classifier/features.ts';
import { CLASSIFIER_WEIGHTS } from '../../models/injection-classifier/weights.ts';
import { HELD_OUT_ATTACKS, type HeldOut } from './injection-heldout.ts';
import { HELD_OUT_2_ATTACKS } from './injection-heldout-2.ts';
import { HELD_OUT_3_ATTACKS } from './injection-heldout-3.ts';

const weights = decodeWeights(CLASSIFIER_WEIGHTS.data, CLASSIFIER_WEIGHTS.bits);
const vocabulary = new Set<string>();
for (const t of trainingTexts()) if (t.label === 0 && t.author !== 'generated') for (const w of t.text.toLowerCase().match(/[a-z]{3,}/g) ?? []) vocabulary.add(w);
const weightOf = (w: string): number => weights[extractFeatures(w).bucket[0] as number] as number;
const padding = [...vocabulary].sort((a, b) => weightOf(a) - weightOf(b));

/** The classifier as stage 2 calls it: on the normalised text, stricter for documents and tool output. */
const learnedFlags = (a: HeldOut): boolean => classifyInjection(normalizeForDetection(a.text).text, a.source !== 'user').flagged;
const attacks = [...HELD_OUT_ATTACKS, ...HELD_OUT_2_ATTACKS, ...HELD_OUT_3_ATTACKS.filter((_, i) => i % 2 === 0)].filter(learnedFlags);
console.log(`${attacks.length} attacks the classifier flags; padding words, most benign first: ${padding.slice(0, 8).join(', ')}, …`);
console.log('| padding words | classifier still flags | whole detector still flags (not clean) |');
console.log('|---|---|---|');
for (const k of [0, 5, 10, 20, 40]) {
  const pad = padding.slice(0, k).join(' ');
  const padded = attacks.map((a) => ({ ...a, text: k === 0 ? a.text : `${pad} ${a.text}` }));
  const learned = padded.filter(learnedFlags).length;
  const detector = padded.filter((a) => detectInjection(a.text, { source: a.source }).verdict !== 'clean').length;
  console.log(`| ${k} | ${learned}/${attacks.length} | ${detector}/${attacks.length} |`);
}
