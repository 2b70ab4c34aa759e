/**
 * The one decision point: every layer asks `can(actor, action, resource)` (or `enforce`, which
 * throws) and `policyFor({ team, agent })`; nobody re-implements a check.
 *
 * Checks, in order: kill switch → role → separation of duties → step-up → policy. Identity checks
 * (kill switch, role, separation of duties, step-up) always bind. Policy-derived denials follow the
 * enforcement mode in force for the resource: `enforce` blocks, `warn` passes with the denial as a
 * warning, `audit` passes silently. Every decision that denies or warns — and every audit-mode pass
 * of a denial — is on the audit log before the caller hears of it; if it cannot be recorded, the
 * call rejects (fail closed).
 */
import {
  ACTION_RULES,
  type Action,
  type ActionRule,
  type Authorizer,
  type Decision,
  type DecisionOptions,
  type DecisionRule,
  type PolicyCheck,
  type Resource,
} from './actions.ts';
import { GovernanceDenied, StepUpFailed } from './errors.ts';
import { engagedError, type KillSwitchStore } from './kill-switch.ts';
import type { ResolvedPolicy } from './policy/cascade.ts';
import { formatValue, type EnforcementMode } from './policy/dimensions.ts';
import type { PolicyResolver, PolicyScope } from './policy/resolver.ts';
import type { AuditSink, StepUpVerifier } from './ports.ts';
import type { RoleGrants } from './roles.ts';
import { separationOfDuties, type AgentLedger } from './separation-of-duties.ts';

export interface DecisionPointParts {
  readonly roles: RoleGrants;
  readonly ledger: AgentLedger;
  readonly kills: KillSwitchStore;
  readonly policy: PolicyResolver;
  readonly stepUp: StepUpVerifier;
  readonly audit: AuditSink;
}

interface Verdict {
  readonly decision: Decision;
  /** What `enforce` throws for a refusal. */
  readonly error?: Error;
}

export function policyDenial(check: PolicyCheck, policy: ResolvedPolicy): string | undefined {
  const { dimension } = check;
  const resolved = policy[dimension];
  const by = `(${dimension} = ${formatValue(dimension, resolved.value)}, set by the ${resolved.decidedBy} level)`;
  if (!('needs' in check)) return resolved.value === true ? undefined : `${dimension} is off ${by}`;
  if (check.dimension === 'autonomy') {
    const value = policy.autonomy.value;
    if (check.needs === 'proactive') return value === 'reactive' ? `a reactive agent acts only when asked ${by}` : undefined;
    return value === 'autonomous' ? undefined : `this action needs a human approval first ${by}`;
  }
  const value = policy.artifactGovernance.value;
  if (value === 'autonomous') return undefined;
  return value === 'locked' ? `artifacts are manifest-only ${by}` : `artifact changes are proposed for a human to approve ${by}`;
}

export class DecisionPoint implements Authorizer {
  constructor(private readonly parts: DecisionPointParts) {}

  /** The effective policy with provenance (cached, 60 s TTL, invalidated by changes in this process). */
  policyFor(scope: PolicyScope = {}): ResolvedPolicy {
    return this.parts.policy.resolve(scope);
  }

  async can(actor: string, action: Action, resource: Resource = {}, options: DecisionOptions = {}): Promise<Decision> {
    return (await this.#decide(actor, action, resource, options)).decision;
  }

  async enforce(actor: string, action: Action, resource: Resource = {}, options: DecisionOptions = {}): Promise<Decision> {
    const { decision, error } = await this.#decide(actor, action, resource, options);
    if (!decision.allowed) throw error ?? new GovernanceDenied(actor, action, decision.reason);
    return decision;
  }

  async #decide(actor: string, action: Action, resource: Resource, options: DecisionOptions): Promise<Verdict> {
    const rule: ActionRule = ACTION_RULES[action];
    const policy = this.policyFor({ team: resource.team, agent: resource.agent });
    const mode = policy.enforcementMode.value;

    if (rule.killCheck) {
      const state = this.parts.kills.covering(resource);
      // The refusal names the entry that records it, so the person refused can point an auditor at it.
      if (state) return this.#refuse(actor, action, resource, mode, 'kill-switch', engagedError(state).message, (seq) => engagedError(state, seq));
    }
    if (rule.roles.length > 0) {
      const held = this.parts.roles.rolesOf(actor);
      if (!rule.roles.some((r) => held.includes(r))) {
        const reason =
          `it needs the ${rule.roles.join(' or ')} role; ${actor} holds ${held.length > 0 ? held.join(', ') : 'no role'} in this tenant. ` +
          `Ask someone who holds it, or an admin to grant it (\`airlock role grant\`)`;
        return this.#refuse(actor, action, resource, mode, 'role', reason);
      }
    }
    if (rule.identity) {
      if (resource.agent === undefined || resource.version === undefined) {
        return this.#refuse(actor, action, resource, mode, 'separation-of-duties', 'name the agent and version, so separation of duties can be checked');
      }
      const conflict = separationOfDuties(rule.identity, actor, resource, this.parts.ledger.facts(resource));
      if (conflict) return this.#refuse(actor, action, resource, mode, 'separation-of-duties', conflict);
    }
    if (rule.stepUp) {
      const ok = options.passphrase !== undefined && options.passphrase !== '' && (await this.parts.stepUp.verify(actor, options.passphrase));
      if (!ok) {
        const reason = options.passphrase ? 'the re-authentication failed' : 'it needs re-authentication: enter your passphrase again';
        return this.#refuse(actor, action, resource, mode, 'step-up', reason, new StepUpFailed(actor, action));
      }
    }
    if (rule.policy) {
      const denial = policyDenial(rule.policy, policy);
      if (denial) return this.#policyDenial(actor, action, resource, mode, denial);
    }
    return { decision: { allowed: true, mode, reason: 'allowed', warnings: [], rule: 'allowed' } };
  }

  async #refuse(actor: string, action: Action, resource: Resource, mode: EnforcementMode, rule: DecisionRule, reason: string, error?: Error | ((seq: number) => Error)): Promise<Verdict> {
    const seq = await this.#record(actor, action, resource, mode, rule, rule === 'kill-switch' ? 'refused' : 'denied', reason);
    const decision: Decision = { allowed: false, mode, reason, warnings: [], rule };
    if (error === undefined) return { decision };
    return { decision, error: typeof error === 'function' ? error(seq) : error };
  }

  async #policyDenial(actor: string, action: Action, resource: Resource, mode: EnforcementMode, reason: string): Promise<Verdict> {
    if (mode === 'enforce') return this.#refuse(actor, action, resource, mode, 'policy', reason);
    await this.#record(actor, action, resource, mode, 'policy', mode === 'warn' ? 'warned' : 'audit-only', reason);
    return { decision: { allowed: true, mode, reason: `allowed in ${mode} mode`, warnings: mode === 'warn' ? [reason] : [], rule: 'policy' } };
  }

  /** Appends the decision's entry; returns its seq. */
  async #record(actor: string, action: Action, resource: Resource, mode: EnforcementMode, rule: DecisionRule, outcome: string, reason: string): Promise<number> {
    const { seq } = await this.parts.audit.append({
      actor,
      action: rule === 'kill-switch' ? 'governance.kill.refused' : 'governance.decision',
      subject: action,
      outcome,
      fields: {
        rule,
        mode,
        reason,
        ...(resource.team !== undefined ? { team: resource.team } : {}),
        ...(resource.agent !== undefined ? { agent: resource.agent } : {}),
        ...(resource.version !== undefined ? { version: String(resource.version) } : {}),
        ...(resource.ref !== undefined ? { ref: resource.ref } : {}),
      },
    });
    return seq;
  }
}
