export { detectInjection, thresholdsFor, THRESHOLDS } from './detector.ts';
export type { DetectOptions, InjectionThresholds } from './detector.ts';
export { decideInjection, findingClasses } from './decide.ts';
export type { InjectionAction, InjectionDecision } from './decide.ts';
export { detectStructural } from './structural.ts';
export { semanticScore, SIGNAL_WEIGHTS } from './semantic.ts';
export { STRUCTURAL_CLASSES, SEMANTIC_SIGNALS } from './types.ts';
export type {
  EnforcementMode,
  FindingClass,
  InjectionDetection,
  InjectionFinding,
  InjectionSource,
  InjectionVerdict,
  SemanticSignal,
  StructuralClass,
} from './types.ts';
