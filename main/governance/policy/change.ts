/**
 * Governed policy changes. Each change is classified by comparing the resolved policy at the
 * changed level's own scope before and after (levels above it included, levels below it left out):
 *
 *   loosening  — some dimension of that resolution permits more afterwards, OR the level's own
 *                setting became less restrictive (latent: masked today by a stricter level above,
 *                effective the day that level relaxes). Needs the approver role and step-up.
 *   tightening — anything else (including no effective change). Needs admin or approver.
 *
 * The change is on the audit log (before/after, who, classification) before it is written; an audit
 * failure leaves the policy untouched. Changes are serialised within the process.
 */
import type { Authorizer } from '../actions.ts';
import { PolicyValueError } from '../errors.ts';
import type { AuditSink } from '../ports.ts';
import { scopeIdProblem } from '../scope-id.ts';
import { compareRestrictiveness, effectiveValues, levelSettingLoosens, resolveCascade, type LevelPolicies } from './cascade.ts';
import { APPLIANCE_BASELINE, formatValue, parseValue, type Dimension, type PartialPolicy } from './dimensions.ts';
import { describeTarget, targetScopeKey, type PolicyStore, type PolicyTarget } from './resolver.ts';

export interface PolicyChangeClassification {
  readonly loosening: boolean;
  /** True when only the level's own setting loosened (the resolution did not move yet). */
  readonly latent: boolean;
  readonly loosened: readonly Dimension[];
  readonly tightened: readonly Dimension[];
}

export interface PolicyChange extends PolicyChangeClassification {
  readonly target: PolicyTarget;
  readonly dimension: Dimension;
  /** The level's own setting, as text; undefined when unset. */
  readonly before: string | undefined;
  readonly after: string | undefined;
  readonly by: string;
  readonly auditSeq: number;
}

function withSetting(levels: LevelPolicies, target: PolicyTarget, dimension: Dimension, value: unknown): LevelPolicies {
  const level = target.level;
  const current: Record<string, unknown> = { ...(levels[level] ?? {}) };
  if (value === undefined) delete current[dimension];
  else current[dimension] = value;
  if (level === 'appliance') return { ...levels, appliance: { ...levels.appliance, ...(current as PartialPolicy) } };
  return { ...levels, [level]: current as PartialPolicy };
}

export class PolicyChanges {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: PolicyStore,
    private readonly authorizer: Authorizer,
    private readonly audit: AuditSink,
    /** Called after a change is written (e.g. packs → field encryption). */
    private readonly afterChange: (change: PolicyChange) => void = () => undefined,
  ) {}

  /** Pure classification of a prospective change against the stored policy. */
  classify(target: PolicyTarget, dimension: Dimension, value: unknown): PolicyChangeClassification {
    const before = this.store.levelsUpTo(target);
    // At the appliance level "unset" means "back to the built-in baseline".
    const after = target.level === 'appliance' && value === undefined
      ? { ...before, appliance: { ...APPLIANCE_BASELINE, ...this.#applianceWithout(dimension) } }
      : withSetting(before, target, dimension, value);
    const { loosened, tightened } = compareRestrictiveness(effectiveValues(resolveCascade(before)), effectiveValues(resolveCascade(after)));
    const own = target.level === 'appliance' ? before.appliance[dimension] : before[target.level]?.[dimension];
    const ownAfter = target.level === 'appliance' ? after.appliance[dimension] : after[target.level]?.[dimension];
    const latent = loosened.length === 0 && levelSettingLoosens(dimension, own, ownAfter);
    return { loosening: loosened.length > 0 || latent, latent, loosened, tightened };
  }

  #applianceWithout(dimension: Dimension): PartialPolicy {
    const stored: Record<string, unknown> = { ...this.store.level({ level: 'appliance' }) };
    delete stored[dimension];
    return stored as PartialPolicy;
  }

  /**
   * Sets one dimension at one level (`valueText` undefined removes the level's setting). Loosening
   * needs the approver role and `passphrase` for step-up; tightening needs admin or approver.
   */
  set(actor: string, target: PolicyTarget, dimension: Dimension, valueText: string | undefined, options: { passphrase?: string } = {}): Promise<PolicyChange> {
    if (target.level === 'team' || target.level === 'agent') {
      const problem = scopeIdProblem(target.id);
      // A level no call can be made for would look in force and govern nothing. Removing a setting
      // stored under exactly this spelling (before the one spelling, and not renamable) is allowed.
      const clearsStored = valueText === undefined && this.store.rows().some((r) => r.level === target.level && r.scope === target.id && r.dimension === dimension);
      if (problem !== undefined && !clearsStored) throw new PolicyValueError(`The ${target.level} id ${problem}`);
    }
    const value = valueText === undefined ? undefined : parseValue(dimension, valueText);
    const run = this.#queue.then(() => this.#apply(actor, target, dimension, value, options.passphrase));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  async #apply(actor: string, target: PolicyTarget, dimension: Dimension, value: unknown, passphrase: string | undefined): Promise<PolicyChange> {
    const stored = this.store.level(target)[dimension];
    const before = stored === undefined ? undefined : formatValue(dimension, stored);
    const after = value === undefined ? undefined : formatValue(dimension, value);
    const classification = this.classify(target, dimension, value);
    const resource = target.level === 'team' ? { team: target.id } : target.level === 'agent' ? { agent: target.id } : {};
    await this.authorizer.enforce(actor, classification.loosening ? 'policy.loosen' : 'policy.tighten', resource, { passphrase });
    const { seq } = await this.audit.append({
      actor,
      action: 'governance.policy.change',
      subject: `${describeTarget(target)} ${dimension}`,
      outcome: classification.loosening ? 'loosened' : 'tightened',
      fields: {
        level: target.level,
        scope: targetScopeKey(target),
        dimension,
        before: before ?? '(unset)',
        after: after ?? '(unset)',
        ...(classification.loosened.length > 0 ? { loosened: classification.loosened.join(',') } : {}),
        ...(classification.tightened.length > 0 ? { tightened: classification.tightened.join(',') } : {}),
        ...(classification.latent ? { latent: 'true' } : {}),
      },
    });
    this.store.write(target, dimension, value as never, actor);
    const change: PolicyChange = { ...classification, target, dimension, before, after, by: actor, auditSeq: seq };
    this.afterChange(change);
    return change;
  }
}
