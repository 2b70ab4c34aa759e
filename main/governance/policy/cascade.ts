/**
 * The cascade (pure): appliance → tenant → team → agent, most restrictive value wins at every
 * conflict, and each dimension says which level decided it.
 *
 * Provenance rules:
 *  - Totally ordered dimensions: `decidedBy` is the level whose value is the result. On a tie (two
 *    levels set the same, winning value) it names the HIGHEST of them (nearest the appliance): that
 *    level's value alone already binds, so removing the lower setting would change nothing.
 *  - packs (union): each active pack names the highest level that switched it on (`sources`);
 *    `decidedBy` is the most specific of those levels, the one whose contribution completes the set
 *    (the appliance when the set is empty).
 * The appliance level is always complete (the built-in baseline fills gaps), so every dimension has
 * a deciding level.
 */
import {
  atLeastAsRestrictive,
  DIMENSIONS,
  isSetDimension,
  normalisePacks,
  POLICY_LEVELS,
  rank,
  type Dimension,
  type PackId,
  type PartialPolicy,
  type PolicyLevel,
  type PolicyValues,
} from './dimensions.ts';

export interface LevelPolicies {
  readonly appliance: PolicyValues;
  readonly tenant?: PartialPolicy;
  readonly team?: PartialPolicy;
  readonly agent?: PartialPolicy;
}

export interface ResolvedDimension<T> {
  readonly value: T;
  readonly decidedBy: PolicyLevel;
}
export interface ResolvedPacks extends ResolvedDimension<readonly PackId[]> {
  /** For each active pack, the highest level that switched it on. */
  readonly sources: Readonly<Partial<Record<PackId, PolicyLevel>>>;
}
export type ResolvedPolicy = {
  readonly [D in Dimension]: D extends 'packs' ? ResolvedPacks : ResolvedDimension<PolicyValues[D]>;
};

function levelValues(levels: LevelPolicies): [PolicyLevel, PartialPolicy][] {
  return POLICY_LEVELS.flatMap((level) => {
    const values = levels[level];
    return values ? [[level, values] as [PolicyLevel, PartialPolicy]] : [];
  });
}

function resolvePacks(levels: [PolicyLevel, PartialPolicy][]): ResolvedPacks {
  const sources: Partial<Record<PackId, PolicyLevel>> = {};
  for (const [level, values] of levels) {
    for (const pack of values.packs ?? []) sources[pack] ??= level;
  }
  const value = normalisePacks(Object.keys(sources) as PackId[]);
  const decidedBy = value.reduce<PolicyLevel>((lowest, pack) => {
    const source = sources[pack] ?? 'appliance';
    return POLICY_LEVELS.indexOf(source) > POLICY_LEVELS.indexOf(lowest) ? source : lowest;
  }, 'appliance');
  return { value, decidedBy, sources };
}

function resolveOrdered(dimension: Dimension, levels: [PolicyLevel, PartialPolicy][]): ResolvedDimension<unknown> {
  let best: ResolvedDimension<unknown> | undefined;
  for (const [level, values] of levels) {
    const value = values[dimension];
    if (value === undefined) continue;
    // Strictly more restrictive only: on a tie the higher level keeps the decision.
    if (!best || rank(dimension, value) > rank(dimension, best.value)) best = { value, decidedBy: level };
  }
  if (!best) throw new TypeError(`the appliance level must set ${dimension}`);
  return best;
}

export function resolveCascade(levels: LevelPolicies): ResolvedPolicy {
  const ordered = levelValues(levels);
  const out: Record<string, unknown> = {};
  for (const dimension of DIMENSIONS) {
    out[dimension] = isSetDimension(dimension) ? resolvePacks(ordered) : resolveOrdered(dimension, ordered);
  }
  return out as ResolvedPolicy;
}

/** The plain values of a resolution. */
export function effectiveValues(resolved: ResolvedPolicy): PolicyValues {
  const out: Record<string, unknown> = {};
  for (const dimension of DIMENSIONS) out[dimension] = resolved[dimension].value;
  return out as unknown as PolicyValues;
}

export interface RestrictivenessChange {
  /** Dimensions where `after` permits something `before` did not. */
  readonly loosened: readonly Dimension[];
  /** Dimensions where `after` forbids something `before` permitted. */
  readonly tightened: readonly Dimension[];
}

/** Compares two complete policies dimension by dimension (packs by set inclusion). */
export function compareRestrictiveness(before: PolicyValues, after: PolicyValues): RestrictivenessChange {
  const loosened: Dimension[] = [];
  const tightened: Dimension[] = [];
  for (const dimension of DIMENSIONS) {
    if (!atLeastAsRestrictive(dimension, after[dimension], before[dimension])) loosened.push(dimension);
    if (!atLeastAsRestrictive(dimension, before[dimension], after[dimension])) tightened.push(dimension);
  }
  return { loosened, tightened };
}

/**
 * True when a level's own setting became less restrictive (an unset value restricts nothing). Such a
 * change may be hidden today by a stricter level above, but takes effect the day that level relaxes.
 */
export function levelSettingLoosens(dimension: Dimension, before: unknown, after: unknown): boolean {
  if (before === undefined) return false;
  if (after === undefined) return true;
  return !atLeastAsRestrictive(dimension, after, before);
}
