/**
 * Policy rows per level in the tenant database, and resolution at request time through a cache with
 * a 60-second TTL. Any change made in this process (through any PolicyStore of the same tenant)
 * invalidates every resolver of that tenant at once; a change made by another process (e.g. the CLI
 * while the desktop app runs) is picked up within the TTL.
 */
import type { Database } from '../../data/sqlite.ts';
import type { Clock } from '../ports.ts';
import { PolicyValueError } from '../errors.ts';
import { resolveCascade, type LevelPolicies, type ResolvedPolicy } from './cascade.ts';
import {
  APPLIANCE_BASELINE,
  formatValue,
  isDimension,
  parseValue,
  type Dimension,
  type PartialPolicy,
  type PolicyLevel,
  type PolicyValues,
} from './dimensions.ts';

export const POLICY_CACHE_TTL_MS = 60_000;
/** Bounded: a long-running appliance sees many (team, agent) pairs; the oldest entry goes first. */
const MAX_CACHED_SCOPES = 10_000;

/** Which team and agent a request runs for; both optional (tenant-wide when absent). */
export interface PolicyScope {
  readonly team?: string | undefined;
  readonly agent?: string | undefined;
}

/** One level's row set: the appliance and tenant levels have no id; teams and agents do. */
export type PolicyTarget =
  | { readonly level: 'appliance' | 'tenant' }
  | { readonly level: 'team' | 'agent'; readonly id: string };

export function targetScopeKey(target: PolicyTarget): string {
  return target.level === 'team' || target.level === 'agent' ? target.id : '';
}

export function describeTarget(target: PolicyTarget): string {
  return target.level === 'team' || target.level === 'agent' ? `${target.level} "${target.id}"` : target.level;
}

// Process-wide change counters per tenant: every store bumps, every resolver compares.
const generations = new Map<string, number>();
const generationOf = (tenant: string): number => generations.get(tenant) ?? 0;
function bump(tenant: string): void {
  generations.set(tenant, generationOf(tenant) + 1);
}

export interface PolicyRow {
  readonly level: PolicyLevel;
  readonly scope: string;
  readonly dimension: Dimension;
  readonly value: string;
  readonly updatedBy: string;
  readonly updatedAt: string;
}

export class PolicyStore {
  readonly #select;
  constructor(
    private readonly db: Database,
    /** The tenant id; keys the process-wide invalidation. */
    readonly tenant: string,
  ) {
    this.#select = db.prepare('SELECT dimension, value FROM gov_policy WHERE level = ? AND scope = ?');
  }

  /** The values one level sets (dimensions it leaves unset are absent). */
  level(target: PolicyTarget): PartialPolicy {
    const rows = this.#select.all(target.level, targetScopeKey(target)) as { dimension: string; value: string }[];
    const out: Record<string, unknown> = {};
    for (const row of rows) {
      if (!isDimension(row.dimension)) throw new PolicyValueError(`the stored policy names an unknown dimension "${row.dimension}"`);
      out[row.dimension] = parseValue(row.dimension, row.value);
    }
    return out as PartialPolicy;
  }

  /** The appliance level: the built-in baseline overridden by stored appliance rows. */
  appliance(): PolicyValues {
    return { ...APPLIANCE_BASELINE, ...this.level({ level: 'appliance' }) };
  }

  /** The level maps for a scope (reads the database; no cache). */
  levelsFor(scope: PolicyScope): LevelPolicies {
    return {
      appliance: this.appliance(),
      tenant: this.level({ level: 'tenant' }),
      ...(scope.team !== undefined ? { team: this.level({ level: 'team', id: scope.team }) } : {}),
      ...(scope.agent !== undefined ? { agent: this.level({ level: 'agent', id: scope.agent }) } : {}),
    };
  }

  /** The levels down to and including `target` (an agent row is judged without any team). */
  levelsUpTo(target: PolicyTarget): LevelPolicies {
    const appliance = this.appliance();
    if (target.level === 'appliance') return { appliance };
    const tenant = this.level({ level: 'tenant' });
    if (target.level === 'tenant') return { appliance, tenant };
    return target.level === 'team' ? { appliance, tenant, team: this.level(target) } : { appliance, tenant, agent: this.level(target) };
  }

  /** Sets (or with `undefined`, removes) one dimension at one level. Ungoverned: use PolicyChanges. */
  write<D extends Dimension>(target: PolicyTarget, dimension: D, value: PolicyValues[D] | undefined, by: string): void {
    if (value === undefined) {
      this.db.prepare('DELETE FROM gov_policy WHERE level = ? AND scope = ? AND dimension = ?').run(target.level, targetScopeKey(target), dimension);
    } else {
      this.db
        .prepare(
          `INSERT INTO gov_policy (level, scope, dimension, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (level, scope, dimension) DO UPDATE SET value = excluded.value, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
        )
        .run(target.level, targetScopeKey(target), dimension, formatValue(dimension, value), by, new Date().toISOString());
    }
    bump(this.tenant);
  }

  rows(): PolicyRow[] {
    const rows = this.db.prepare('SELECT level, scope, dimension, value, updated_by, updated_at FROM gov_policy ORDER BY level, scope, dimension').all() as {
      level: PolicyLevel;
      scope: string;
      dimension: Dimension;
      value: string;
      updated_by: string;
      updated_at: string;
    }[];
    return rows.map((r) => ({ level: r.level, scope: r.scope, dimension: r.dimension, value: r.value, updatedBy: r.updated_by, updatedAt: r.updated_at }));
  }

  /** Every pack switched on at any level of this tenant (field encryption is tenant-wide). */
  packsAnywhere(): Set<string> {
    const rows = this.db.prepare("SELECT value FROM gov_policy WHERE dimension = 'packs'").all() as { value: string }[];
    return new Set(rows.flatMap((r) => parseValue('packs', r.value)));
  }
}

export interface ResolverOptions {
  readonly clock?: Clock;
  readonly ttlMs?: number;
}

interface CacheEntry {
  readonly resolved: ResolvedPolicy;
  readonly at: number;
  readonly generation: number;
}

export class PolicyResolver {
  readonly #cache = new Map<string, CacheEntry>();
  readonly #clock: Clock;
  readonly #ttl: number;
  #hits = 0;
  #misses = 0;

  constructor(
    private readonly store: PolicyStore,
    options: ResolverOptions = {},
  ) {
    this.#clock = options.clock ?? Date.now;
    this.#ttl = options.ttlMs ?? POLICY_CACHE_TTL_MS;
  }

  /** The effective policy with provenance for a request's team and agent. */
  resolve(scope: PolicyScope = {}): ResolvedPolicy {
    const key = `${scope.team ?? ''}\u0000${scope.agent ?? ''}`;
    const now = this.#clock();
    const generation = generationOf(this.store.tenant);
    const cached = this.#cache.get(key);
    if (cached && cached.generation === generation && now - cached.at < this.#ttl) {
      this.#hits++;
      return cached.resolved;
    }
    this.#misses++;
    const resolved = resolveCascade(this.store.levelsFor(scope));
    if (this.#cache.size >= MAX_CACHED_SCOPES) this.#cache.delete(this.#cache.keys().next().value ?? key);
    this.#cache.set(key, { resolved, at: now, generation });
    return resolved;
  }

  /** Resolution straight from the database (bypasses and does not fill the cache). */
  resolveUncached(scope: PolicyScope = {}): ResolvedPolicy {
    return resolveCascade(this.store.levelsFor(scope));
  }

  invalidate(): void {
    this.#cache.clear();
  }

  get stats(): { hits: number; misses: number } {
    return { hits: this.#hits, misses: this.#misses };
  }
}
