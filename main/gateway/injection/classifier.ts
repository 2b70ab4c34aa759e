/**
 * Stage 2's learned signal: a linear classifier over hashed word unigrams and bigrams, scored on the
 * most injection-like window of a text (models/injection-classifier/: features, trainer, weights).
 * The rules name the shapes an attack takes; this catches phrasing they were not written for. It is
 * one weighted signal among the others (semantic.ts: alone it makes a document or tool output an
 * injection and a typed message suspicious; it never lowers what the rules found), and it runs
 * offline in one pass over the text with no allocation per word.
 */
import { bestWindow, emptyRun, extractFeatures } from '../../../models/injection-classifier/features.ts';
import { CLASSIFIER_WEIGHTS } from '../../../models/injection-classifier/weights.ts';

export interface ClassifierResult {
  /** Logit of the best window, bias included; flagged at the trained threshold. */
  readonly score: number;
  readonly flagged: boolean;
  /** UTF-16 offsets of the window in the text scored. */
  readonly start: number;
  readonly end: number;
}

/** The weights file's sparse int8 encoding (varint gap, then the byte) back to a table; throws if it does not parse. */
export function decodeWeights(data: string, bits: number): Int8Array {
  const bytes = Buffer.from(data, 'base64');
  const weights = new Int8Array(1 << bits);
  let at = 0;
  let f = -1;
  while (at < bytes.length) {
    let gap = 0;
    let shift = 0;
    let byte: number;
    do {
      byte = bytes[at++] ?? 0;
      gap |= (byte & 0x7f) << shift;
      shift += 7;
    } while (byte & 0x80);
    f += gap + 1;
    if (f >= weights.length || at >= bytes.length) throw new Error('injection classifier weights are corrupt: rerun models/injection-classifier/train.ts');
    weights[f] = ((bytes[at++] ?? 0) << 24) >> 24;
  }
  return weights;
}

const WEIGHTS = decodeWeights(CLASSIFIER_WEIGHTS.data, CLASSIFIER_WEIGHTS.bits);
/** Reused between calls (the function is synchronous) for texts up to SCRATCH_LIMIT; a longer one gets its own, freed after. */
const scratch = emptyRun();
const SCRATCH_LIMIT = 64 * 1024;

export const CLASSIFIER_THRESHOLD = CLASSIFIER_WEIGHTS.threshold;

export function classifyInjection(text: string, indirect: boolean): ClassifierResult {
  const run = extractFeatures(text, text.length <= SCRATCH_LIMIT ? scratch : emptyRun());
  const window = bestWindow(run, WEIGHTS, CLASSIFIER_WEIGHTS.window);
  const score = window.score * CLASSIFIER_WEIGHTS.scale + (indirect ? CLASSIFIER_WEIGHTS.biasIndirect : CLASSIFIER_WEIGHTS.biasUser);
  const start = run.words === 0 ? 0 : (run.wordStart[window.from] as number);
  const end = window.to >= run.words ? text.length : (run.wordStart[window.to] as number);
  return { score, flagged: score >= CLASSIFIER_WEIGHTS.threshold, start, end };
}
