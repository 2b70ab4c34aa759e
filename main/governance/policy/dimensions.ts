/**
 * The policy dimensions of reference 002 § Cascading governance, each with its restrictiveness
 * order. Pure: parsing, formatting and comparing values; no storage.
 *
 * Orders (least → most restrictive):
 *   autonomy            autonomous < proactive < reactive
 *   artifactGovernance  autonomous < proactive < locked
 *   discovery toggles   true < false
 *   enforcementMode     audit < warn < enforce
 *   packs               set inclusion: more packs is more restrictive (a partial order)
 *   budget.*            larger < smaller (a budget is a ceiling; 0 forbids spending)
 */
import { PolicyValueError } from '../errors.ts';

export const POLICY_LEVELS = ['appliance', 'tenant', 'team', 'agent'] as const;
export type PolicyLevel = (typeof POLICY_LEVELS)[number];

export const AUTONOMY_LEVELS = ['autonomous', 'proactive', 'reactive'] as const;
export type Autonomy = (typeof AUTONOMY_LEVELS)[number];
export const ARTIFACT_GOVERNANCE = ['autonomous', 'proactive', 'locked'] as const;
export type ArtifactGovernance = (typeof ARTIFACT_GOVERNANCE)[number];
export const ENFORCEMENT_MODES = ['audit', 'warn', 'enforce'] as const;
export type EnforcementMode = (typeof ENFORCEMENT_MODES)[number];
export const DISCOVERY_TOGGLES = ['toolDiscovery', 'dataDiscovery', 'memoryCreation', 'skillSuggestion', 'autoToolSync'] as const;
export type DiscoveryToggle = (typeof DISCOVERY_TOGGLES)[number];
export const PACK_IDS = ['gdpr', 'hipaa'] as const;
export type PackId = (typeof PACK_IDS)[number];
export const BUDGET_DIMENSIONS = ['budget.perCall', 'budget.perSession', 'budget.perAgent', 'budget.perTenant'] as const;
export type BudgetDimension = (typeof BUDGET_DIMENSIONS)[number];

export interface PolicyValues {
  readonly autonomy: Autonomy;
  readonly artifactGovernance: ArtifactGovernance;
  readonly toolDiscovery: boolean;
  readonly dataDiscovery: boolean;
  readonly memoryCreation: boolean;
  readonly skillSuggestion: boolean;
  readonly autoToolSync: boolean;
  readonly enforcementMode: EnforcementMode;
  readonly packs: readonly PackId[];
  /**
   * Budgets in cost units, the unit models/manifest.json prices tokens in (`pricePer1kTokens`):
   * per call, per session, per agent per day, per tenant per day. The session default is the $5
   * ceiling of the reference architecture, read as 5 units.
   */
  readonly 'budget.perCall': number;
  readonly 'budget.perSession': number;
  readonly 'budget.perAgent': number;
  readonly 'budget.perTenant': number;
}
export type Dimension = keyof PolicyValues;
export type PartialPolicy = Partial<PolicyValues>;

export const DIMENSIONS: readonly Dimension[] = [
  'autonomy',
  'artifactGovernance',
  ...DISCOVERY_TOGGLES,
  'enforcementMode',
  'packs',
  ...BUDGET_DIMENSIONS,
];

/**
 * The appliance's built-in baseline: what the appliance level says when no row overrides it. Lower
 * levels can only tighten it; loosening it is an appliance-level change (approver + step-up).
 */
export const APPLIANCE_BASELINE: PolicyValues = Object.freeze({
  autonomy: 'proactive',
  artifactGovernance: 'proactive',
  toolDiscovery: false,
  dataDiscovery: false,
  memoryCreation: true,
  skillSuggestion: true,
  autoToolSync: false,
  enforcementMode: 'enforce',
  packs: [],
  'budget.perCall': 0.5,
  'budget.perSession': 5,
  'budget.perAgent': 50,
  'budget.perTenant': 500,
});

type Kind = 'ordered' | 'toggle' | 'set' | 'budget';

function kindOf(dimension: Dimension): Kind {
  if (dimension === 'packs') return 'set';
  if ((DISCOVERY_TOGGLES as readonly string[]).includes(dimension)) return 'toggle';
  if ((BUDGET_DIMENSIONS as readonly string[]).includes(dimension)) return 'budget';
  return 'ordered';
}

function orderOf(dimension: Dimension): readonly string[] {
  if (dimension === 'autonomy') return AUTONOMY_LEVELS;
  if (dimension === 'artifactGovernance') return ARTIFACT_GOVERNANCE;
  return ENFORCEMENT_MODES;
}

export function isDimension(name: string): name is Dimension {
  return (DIMENSIONS as readonly string[]).includes(name);
}

export function isSetDimension(dimension: Dimension): dimension is 'packs' {
  return kindOf(dimension) === 'set';
}

/**
 * A number for totally ordered dimensions: higher is more restrictive. Not defined for packs
 * (a partial order); use `atLeastAsRestrictive`.
 */
export function rank(dimension: Dimension, value: unknown): number {
  switch (kindOf(dimension)) {
    case 'ordered':
      return orderOf(dimension).indexOf(value as string);
    case 'toggle':
      return value === true ? 0 : 1;
    case 'budget':
      return -(value as number);
    case 'set':
      throw new TypeError('packs form a partial order; compare them with atLeastAsRestrictive');
  }
}

/** True when `a` restricts at least as much as `b` (for packs: a ⊇ b). */
export function atLeastAsRestrictive(dimension: Dimension, a: unknown, b: unknown): boolean {
  if (isSetDimension(dimension)) {
    const have = new Set(a as readonly string[]);
    return (b as readonly string[]).every((p) => have.has(p));
  }
  return rank(dimension, a) >= rank(dimension, b);
}

export function sameRestriction(dimension: Dimension, a: unknown, b: unknown): boolean {
  return atLeastAsRestrictive(dimension, a, b) && atLeastAsRestrictive(dimension, b, a);
}

/** Parses the text form used by the CLI and the database. Throws PolicyValueError. */
export function parseValue<D extends Dimension>(dimension: D, text: string): PolicyValues[D];
export function parseValue(dimension: Dimension, text: string): unknown {
  const t = text.trim();
  switch (kindOf(dimension)) {
    case 'ordered': {
      const order = orderOf(dimension);
      if (!order.includes(t)) throw new PolicyValueError(`"${t}" is not a value of ${dimension} (allowed: ${order.join(', ')})`);
      return t;
    }
    case 'toggle':
      if (t === 'true' || t === 'on') return true;
      if (t === 'false' || t === 'off') return false;
      throw new PolicyValueError(`${dimension} is a toggle: use on or off, not "${t}"`);
    case 'budget': {
      if (!/^\d{1,9}(\.\d{1,6})?$/.test(t)) {
        throw new PolicyValueError(`${dimension} is a budget in cost units (as models/manifest.json prices tokens): use a number ≥ 0 with at most 6 decimals, not "${t}"`);
      }
      return Number(t);
    }
    case 'set': {
      const packs = t === '' || t === 'none' ? [] : t.split(',').map((p) => p.trim().toLowerCase());
      for (const p of packs) {
        if (!(PACK_IDS as readonly string[]).includes(p)) throw new PolicyValueError(`"${p}" is not a governance pack (known: ${PACK_IDS.join(', ')})`);
      }
      return normalisePacks(packs as PackId[]);
    }
  }
}

export function normalisePacks(packs: readonly PackId[]): PackId[] {
  return PACK_IDS.filter((p) => packs.includes(p));
}

export function formatValue(dimension: Dimension, value: unknown): string {
  switch (kindOf(dimension)) {
    case 'toggle':
      return value === true ? 'on' : 'off';
    case 'set':
      return (value as readonly string[]).length === 0 ? 'none' : (value as readonly string[]).join(',');
    default:
      return String(value);
  }
}

export function allowedValues(dimension: Dimension): string {
  switch (kindOf(dimension)) {
    case 'ordered':
      return orderOf(dimension).join(' < ');
    case 'toggle':
      return 'on < off';
    case 'budget':
      return 'cost units, up to 6 decimals (smaller is stricter)';
    case 'set':
      return `comma list of ${PACK_IDS.join(', ')} (more is stricter)`;
  }
}
