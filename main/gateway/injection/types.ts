/** Shared vocabulary of the prompt-injection stage (stage 2 of reference 002). */

/** The five structural classes of reference 002, plus the semantic family. */
export const STRUCTURAL_CLASSES = [
  'FAKE_SYSTEM_HEADER',
  'DOCUMENT_BOUNDARY',
  'HR_SEPARATOR_OVERRIDE',
  'XML_SECTION_TAG',
  'JSON_ROLE_INJECTION',
] as const;
export type StructuralClass = (typeof STRUCTURAL_CLASSES)[number];

export const SEMANTIC_SIGNALS = [
  'OVERRIDE_PHRASING',
  'WEAK_OVERRIDE_PHRASING',
  'NEW_INSTRUCTIONS',
  'ROLE_PLAY',
  'PROMPT_EXTRACTION',
  'EXFILTRATION',
  'CONCEALMENT',
  'ADDRESSES_THE_MODEL',
  'INSTRUCTS_THE_MODEL',
  'LEARNED_CLASSIFIER',
  'TAG_CHARACTERS',
  'BIDI_OVERRIDE',
  'ZERO_WIDTH_SPLIT',
  'ENCODED_INSTRUCTIONS',
  'OBFUSCATED_TEXT',
] as const;
export type SemanticSignal = (typeof SEMANTIC_SIGNALS)[number];

export type FindingClass = StructuralClass | SemanticSignal;

/** Where the text came from. Tool outputs and retrieved documents are indirect: nobody typed them. */
export type InjectionSource = 'user' | 'tool-output' | 'retrieved-document';

export type InjectionVerdict = 'clean' | 'suspicious' | 'injection';

/** Governance's enforcement mode (reference 002 § Cascading governance): audit → warn → enforce. */
export type EnforcementMode = 'audit' | 'warn' | 'enforce';

export interface InjectionFinding {
  readonly class: FindingClass;
  /** The marker only (never the payload), at most 40 printable ASCII characters. */
  readonly evidence: string;
  /** UTF-16 offset into the original text. */
  readonly offset: number;
}

export interface InjectionDetection {
  readonly findings: readonly InjectionFinding[];
  /** 0..1, noisy-OR of the weighted semantic signals. */
  readonly semanticScore: number;
  readonly verdict: InjectionVerdict;
}

export function isIndirect(source: InjectionSource): boolean {
  return source !== 'user';
}
