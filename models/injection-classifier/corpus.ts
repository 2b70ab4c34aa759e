/**
 * The classifier's training texts: nine hand-written sets (A–I, by separate authors who read neither
 * the detector nor any held-out set; E is 100 contrastive pairs, written after a model trained on A–D
 * flagged a harmless "Note for AI assistants" line) and, at a lower weight, texts from the bench's
 * generators on seeds the bench does not use. No held-out set of test/bench/ is here: those judge
 * the classifier.
 */
import { createHash } from 'node:crypto';
import { generateBenign, generateSemanticAttacks, generateStructuralAttacks } from '../../test/bench/injection-corpus.ts';
import { piiDensePrompt } from '../../test/bench/pii-corpus.ts';
import type { TrainingText } from './corpus-types.ts';
import { TRAIN_A_ATTACKS, TRAIN_A_BENIGN } from './train-a.ts';
import { TRAIN_B_ATTACKS, TRAIN_B_BENIGN } from './train-b.ts';
import { TRAIN_C_ATTACKS, TRAIN_C_BENIGN } from './train-c.ts';
import { TRAIN_D_ATTACKS, TRAIN_D_BENIGN } from './train-d.ts';
import { TRAIN_E_ATTACKS, TRAIN_E_BENIGN } from './train-e.ts';
import { TRAIN_F_ATTACKS, TRAIN_F_BENIGN } from './train-f.ts';
import { TRAIN_G_ATTACKS, TRAIN_G_BENIGN } from './train-g.ts';
import { TRAIN_H_ATTACKS, TRAIN_H_BENIGN } from './train-h.ts';
import { TRAIN_I_ATTACKS, TRAIN_I_BENIGN } from './train-i.ts';

export interface LabelledText extends TrainingText {
  /** 1: an injection; 0: benign. */
  readonly label: 0 | 1;
  /** Which author wrote it (A–I), or 'generated'. Folds leave one author out. */
  readonly author: string;
  /** Share of the loss: generated texts are many and alike, so each counts less. */
  readonly weight: number;
}

/** Seeds of the generated part; the bench judges on seed 2025, never on these. */
const GENERATED_SEED = 7001;
const GENERATED_WEIGHT = 0.25;

const WRITTEN: readonly (readonly [string, readonly TrainingText[], readonly TrainingText[]])[] = [
  ['A', TRAIN_A_ATTACKS, TRAIN_A_BENIGN],
  ['B', TRAIN_B_ATTACKS, TRAIN_B_BENIGN],
  ['C', TRAIN_C_ATTACKS, TRAIN_C_BENIGN],
  ['D', TRAIN_D_ATTACKS, TRAIN_D_BENIGN],
  // Contrastive pairs: the same address to "the AI" giving harmless information, or an order against the user.
  ['E', TRAIN_E_ATTACKS, TRAIN_E_BENIGN],
  // Long documents (1.5–2.8 KB) with the injection one passage among many.
  ['F', TRAIN_F_ATTACKS, TRAIN_F_BENIGN],
  ['G', TRAIN_G_ATTACKS, TRAIN_G_BENIGN],
  ['H', TRAIN_H_ATTACKS, TRAIN_H_BENIGN],
  ['I', TRAIN_I_ATTACKS, TRAIN_I_BENIGN],
];

export const AUTHORS = WRITTEN.map(([author]) => author);

export function trainingTexts(): LabelledText[] {
  const out: LabelledText[] = [];
  for (const [author, attacks, benign] of WRITTEN) {
    for (const t of attacks) out.push({ ...t, label: 1, author, weight: 1 });
    for (const t of benign) out.push({ ...t, label: 0, author, weight: 1 });
  }
  const generated = (texts: readonly TrainingText[], label: 0 | 1): void => {
    for (const { source, text } of texts) out.push({ source, text, label, author: 'generated', weight: GENERATED_WEIGHT });
  };
  generated(generateSemanticAttacks(GENERATED_SEED, 600), 1);
  generated(generateStructuralAttacks(GENERATED_SEED + 1, 60), 1);
  generated(generateBenign(GENERATED_SEED + 2, 1500), 0);
  // Analysts' ordinary prompts are full of names, numbers and addresses: they must score low.
  generated(
    Array.from({ length: 200 }, (_, i) => ({ source: 'user' as const, text: piiDensePrompt(GENERATED_SEED + 10 + i, 1024 * (1 + (i % 4))) })),
    0,
  );
  return out;
}

/** SHA-256 of every training text and label, in order: the weights file records the one it was trained on. */
export function corpusDigest(texts: readonly LabelledText[]): string {
  const hash = createHash('sha256');
  for (const t of texts) hash.update(`${t.label}\u0000${t.source}\u0000${t.author}\u0000${t.weight}\u0000${t.text}\u0001`);
  return hash.digest('hex');
}
