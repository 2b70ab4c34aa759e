/**
 * One hand-written training text for stage 2's learned classifier. Training texts are kept apart from
 * every held-out set in test/bench/: the classifier is judged only on sets its authors never saw.
 */
export interface TrainingText {
  /** Who put the text in front of the model: the analyst, a tool's result, or a retrieved document. */
  readonly source: 'user' | 'tool-output' | 'retrieved-document';
  readonly text: string;
}
