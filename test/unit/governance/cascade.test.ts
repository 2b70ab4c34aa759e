import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRestrictiveness, effectiveValues, levelSettingLoosens, resolveCascade, type LevelPolicies } from '../../../main/governance/policy/cascade.ts';
import { APPLIANCE_BASELINE, DIMENSIONS, parseValue, type Dimension, type PartialPolicy, type PolicyLevel, type PolicyValues } from '../../../main/governance/policy/dimensions.ts';

// The orders as the issue states them, written out here rather than taken from the implementation.
// Higher index = more restrictive.
const ORDERS: Partial<Record<Dimension, readonly unknown[]>> = {
  autonomy: ['autonomous', 'proactive', 'reactive'],
  artifactGovernance: ['autonomous', 'proactive', 'locked'],
  enforcementMode: ['audit', 'warn', 'enforce'],
  toolDiscovery: [true, false],
  dataDiscovery: [true, false],
  memoryCreation: [true, false],
  skillSuggestion: [true, false],
  autoToolSync: [true, false],
};
const BUDGETS = ['budget.perCall', 'budget.perSession', 'budget.perAgent', 'budget.perTenant'] as const;
const LEVELS: readonly PolicyLevel[] = ['appliance', 'tenant', 'team', 'agent'];

/** a restricts at least as much as b. */
function noLooser(d: Dimension, a: unknown, b: unknown): boolean {
  if (d === 'packs') return (b as string[]).every((p) => (a as string[]).includes(p));
  if ((BUDGETS as readonly string[]).includes(d)) return (a as number) <= (b as number);
  const order = ORDERS[d] as unknown[];
  return order.indexOf(a) >= order.indexOf(b);
}
/** The stricter of two values (for packs, the union). */
function stricter(d: Dimension, a: unknown, b: unknown): unknown {
  if (d === 'packs') return [...new Set([...(a as string[]), ...(b as string[])])];
  return noLooser(d, a, b) ? a : b;
}
function looser(d: Dimension, a: unknown, b: unknown): unknown {
  if (d === 'packs') return (a as string[]).filter((p) => (b as string[]).includes(p));
  return noLooser(d, a, b) ? b : a;
}

const valueOf = (d: Dimension): fc.Arbitrary<unknown> => {
  if (d === 'packs') return fc.subarray(['gdpr', 'hipaa']);
  if ((BUDGETS as readonly string[]).includes(d)) return fc.integer({ min: 0, max: 5_000_000 });
  return fc.constantFrom(...(ORDERS[d] as unknown[]));
};
const fullPolicy = fc.record(Object.fromEntries(DIMENSIONS.map((d) => [d, valueOf(d)]))) as unknown as fc.Arbitrary<PolicyValues>;
const partialPolicy = fc.record(Object.fromEntries(DIMENSIONS.map((d) => [d, valueOf(d)])), { requiredKeys: [] }) as unknown as fc.Arbitrary<PartialPolicy>;
const levels: fc.Arbitrary<LevelPolicies> = fc.record({ appliance: fullPolicy, tenant: partialPolicy, team: partialPolicy, agent: partialPolicy });
const dimension = fc.constantFrom(...DIMENSIONS);
const level = fc.constantFrom(...LEVELS);
/** A level, a dimension and a value of that dimension. */
const change = fc.tuple(level, dimension).chain(([l, d]) => fc.tuple(fc.constant(l), fc.constant(d), valueOf(d)));

function setAt(p: LevelPolicies, l: PolicyLevel, d: Dimension, v: unknown): LevelPolicies {
  const current: Record<string, unknown> = { ...(p[l] ?? {}) };
  if (v === undefined) delete current[d];
  else current[d] = v;
  return { ...p, [l]: current } as LevelPolicies;
}
const get = (p: LevelPolicies, l: PolicyLevel, d: Dimension): unknown => (p[l] as Record<string, unknown> | undefined)?.[d];

function expectNoLooser(tighter: LevelPolicies, looserOne: LevelPolicies): void {
  const a = effectiveValues(resolveCascade(tighter));
  const b = effectiveValues(resolveCascade(looserOne));
  for (const d of DIMENSIONS) expect(noLooser(d, a[d], b[d]), `${d}: ${JSON.stringify(a[d])} vs ${JSON.stringify(b[d])}`).toBe(true);
}

describe('policy cascade (properties)', () => {
  it('adding a restriction at any level never loosens the resolved policy', () => {
    fc.assert(
      fc.property(levels, change, fc.context(), (p, [l, d, added], ctx) => {
        const current = get(p, l, d);
        const next = current === undefined ? added : stricter(d, current, added);
        ctx.log(`${l}.${d}: ${JSON.stringify(current)} → ${JSON.stringify(next)}`);
        expectNoLooser(setAt(p, l, d, next), p);
      }),
      { numRuns: 500 },
    );
  });

  it('removing a restriction at any level never tightens the resolved policy', () => {
    fc.assert(
      fc.property(levels, change, (p, [l, d, relaxed]) => {
        const current = get(p, l, d);
        // Below the appliance "removing" is unsetting; the appliance level is always complete, so there it is relaxing.
        const next = l === 'appliance' ? looser(d, current, relaxed) : undefined;
        expectNoLooser(p, setAt(p, l, d, next));
      }),
      { numRuns: 500 },
    );
  });

  it('is monotone: a policy at least as strict at every level resolves at least as strict', () => {
    fc.assert(
      fc.property(levels, levels, (p, extra) => {
        let q = p;
        for (const l of LEVELS) for (const d of DIMENSIONS) {
          const add = get(extra, l, d);
          if (add !== undefined) q = setAt(q, l, d, get(q, l, d) === undefined ? add : stricter(d, get(q, l, d), add));
        }
        expectNoLooser(q, p);
      }),
      { numRuns: 300 },
    );
  });

  it('provenance names the level whose value won (the highest such level on a tie)', () => {
    fc.assert(
      fc.property(levels, (p) => {
        const resolved = resolveCascade(p);
        for (const d of DIMENSIONS) {
          const setting = LEVELS.filter((l) => get(p, l, d) !== undefined);
          if (d === 'packs') {
            const union = new Set(setting.flatMap((l) => get(p, l, d) as string[]));
            expect(new Set(resolved.packs.value)).toEqual(union);
            for (const pack of union) {
              expect(resolved.packs.sources[pack as 'gdpr']).toBe(setting.find((l) => (get(p, l, d) as string[]).includes(pack)));
            }
            const sourceLevels = Object.values(resolved.packs.sources).map((l) => LEVELS.indexOf(l));
            expect(resolved.packs.decidedBy).toBe(LEVELS[Math.max(0, ...sourceLevels)]);
            continue;
          }
          const { value, decidedBy } = resolved[d];
          expect(get(p, decidedBy, d)).toEqual(value);
          for (const l of setting) expect(noLooser(d, value, get(p, l, d))).toBe(true);
          const firstWithValue = setting.find((l) => JSON.stringify(get(p, l, d)) === JSON.stringify(value));
          expect(decidedBy).toBe(firstWithValue);
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('policy cascade (examples)', () => {
  const base = APPLIANCE_BASELINE;

  it('lets a team tighten autonomy and names the team', () => {
    const r = resolveCascade({ appliance: base, tenant: { autonomy: 'proactive' }, team: { autonomy: 'reactive' } });
    expect(r.autonomy).toEqual({ value: 'reactive', decidedBy: 'team' });
  });

  it('ignores an agent trying to loosen what the tenant tightened, and names the tenant', () => {
    const r = resolveCascade({ appliance: { ...base, enforcementMode: 'audit' }, tenant: { enforcementMode: 'enforce' }, agent: { enforcementMode: 'audit' } });
    expect(r.enforcementMode).toEqual({ value: 'enforce', decidedBy: 'tenant' });
  });

  it('on a tie names the highest level that set the winning value', () => {
    const r = resolveCascade({ appliance: base, tenant: { toolDiscovery: false }, team: { toolDiscovery: false } });
    expect(r.toolDiscovery).toEqual({ value: false, decidedBy: 'appliance' });
    const b = resolveCascade({ appliance: { ...base, 'budget.perCall': 9000 }, tenant: { 'budget.perCall': 100 }, team: { 'budget.perCall': 100 }, agent: { 'budget.perCall': 500 } });
    expect(b['budget.perCall']).toEqual({ value: 100, decidedBy: 'tenant' });
  });

  it('unions packs and says which level switched each on', () => {
    const r = resolveCascade({ appliance: base, tenant: { packs: ['gdpr'] }, team: { packs: ['hipaa', 'gdpr'] } });
    expect(r.packs.value).toEqual(['gdpr', 'hipaa']);
    expect(r.packs.sources).toEqual({ gdpr: 'tenant', hipaa: 'team' });
    expect(r.packs.decidedBy).toBe('team');
  });

  it('compares policies dimension by dimension, packs by inclusion', () => {
    const before = { ...base, packs: ['gdpr'] as const };
    const after = { ...base, packs: ['hipaa'] as const, autonomy: 'reactive' as const };
    expect(compareRestrictiveness(before, after)).toEqual({ loosened: ['packs'], tightened: ['autonomy', 'packs'] });
  });

  it('treats unsetting a level setting as loosening it, and setting one where none was as not', () => {
    expect(levelSettingLoosens('autonomy', 'reactive', undefined)).toBe(true);
    expect(levelSettingLoosens('autonomy', undefined, 'autonomous')).toBe(false);
    expect(levelSettingLoosens('budget.perCall', 10, 20)).toBe(true);
    expect(levelSettingLoosens('packs', ['gdpr'], ['gdpr', 'hipaa'])).toBe(false);
  });

  it('parses values with errors that list what is allowed', () => {
    expect(parseValue('toolDiscovery', 'on')).toBe(true);
    expect(parseValue('packs', 'hipaa,gdpr')).toEqual(['gdpr', 'hipaa']);
    expect(() => parseValue('autonomy', 'wild')).toThrow(/allowed: autonomous, proactive, reactive/);
    expect(() => parseValue('budget.perCall', '-1')).toThrow(/number ≥ 0/);
    expect(() => parseValue('budget.perCall', '0.0000001')).toThrow(/6 decimals/);
    expect(parseValue('budget.perCall', '0.25')).toBe(0.25);
    expect(() => parseValue('packs', 'sox')).toThrow(/not a governance pack/);
  });
});
