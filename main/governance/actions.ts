/**
 * Roles, governed actions and the rule table every decision is read from (reference 001 § four-tier
 * permissions, extended to six roles per tenant). Admin is deliberately NOT a super-role: it manages
 * users, tenants, roles and tightens policy, but cannot approve, deploy or loosen — collapsing those
 * into one role is how unreviewed changes reach live systems.
 */
import type { EnforcementMode } from './policy/dimensions.ts';

export const ROLES = ['analyst', 'builder', 'approver', 'deployer', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Identity rules of separation of duties (see separation-of-duties.ts). */
export type IdentityRule =
  /** Not the author (or an editor) of the agent version whose action is approved, nor an editor of the agent. */
  | 'not-author-of-approved-version'
  /** Not the author (or an editor) of the version being deployed. */
  | 'not-author-of-deployed-version'
  /** Not someone who approved actions of this agent. */
  | 'not-approver-of-edited-agent';

/** A policy-derived check: which dimension decides and what it must allow. */
export type PolicyCheck =
  | { readonly dimension: 'toolDiscovery' | 'dataDiscovery' | 'memoryCreation' | 'skillSuggestion' | 'autoToolSync' }
  | { readonly dimension: 'autonomy'; readonly needs: 'autonomous' | 'proactive' }
  | { readonly dimension: 'artifactGovernance'; readonly needs: 'autonomous' };

export interface ActionRule {
  /** Any one of these roles suffices; empty means no role is needed (agent-runtime actions). */
  readonly roles: readonly Role[];
  /** The actor must re-enter their passphrase for this action. */
  readonly stepUp: boolean;
  readonly identity?: IdentityRule;
  readonly policy?: PolicyCheck;
  /** Refused under an engaged kill switch covering the resource's team or agent. */
  readonly killCheck: boolean;
}

const rule = (roles: readonly Role[], extra: Partial<ActionRule> = {}): ActionRule => ({ roles, stepUp: false, killCheck: false, ...extra });

export const ACTION_RULES = {
  'agent.run': rule(['analyst'], { killCheck: true }),
  'agent.author': rule(['builder']),
  'agent.edit': rule(['builder'], { identity: 'not-approver-of-edited-agent' }),
  'action.approve': rule(['approver'], { stepUp: true, identity: 'not-author-of-approved-version' }),
  'agent.deploy': rule(['deployer'], { stepUp: true, identity: 'not-author-of-deployed-version' }),
  'audit.read': rule(['auditor']),
  'audit.export': rule(['auditor']),
  'user.manage': rule(['admin']),
  'tenant.manage': rule(['admin']),
  'role.grant': rule(['admin']),
  'role.revoke': rule(['admin']),
  'policy.tighten': rule(['admin', 'approver']),
  'policy.loosen': rule(['approver'], { stepUp: true }),
  'kill.engage': rule(['approver', 'admin']),
  'kill.release': rule(['approver', 'admin'], { stepUp: true }),
  'subject.export': rule(['admin', 'auditor']),
  'subject.erase': rule(['admin'], { stepUp: true }),
  'consent.record': rule(['admin', 'analyst']),
  // Agent runtime: the actor may be an agent identity; the policy and kill switches decide.
  'gateway.call': rule([], { killCheck: true }),
  'tool.call': rule([], { killCheck: true }),
  'tool.discover': rule([], { killCheck: true, policy: { dimension: 'toolDiscovery' } }),
  'data.discover': rule([], { killCheck: true, policy: { dimension: 'dataDiscovery' } }),
  'memory.create': rule([], { killCheck: true, policy: { dimension: 'memoryCreation' } }),
  'skill.suggest': rule([], { killCheck: true, policy: { dimension: 'skillSuggestion' } }),
  'tool.autoSync': rule([], { killCheck: true, policy: { dimension: 'autoToolSync' } }),
  /** Start work unprompted (reactive agents act only when asked). */
  'agent.initiate': rule([], { killCheck: true, policy: { dimension: 'autonomy', needs: 'proactive' } }),
  /** Act without a human approval (only autonomous agents). */
  'action.unattended': rule([], { killCheck: true, policy: { dimension: 'autonomy', needs: 'autonomous' } }),
  /** Create or modify schedules, workflows, triggers, prompts without a human approving. */
  'artifact.modify': rule([], { killCheck: true, policy: { dimension: 'artifactGovernance', needs: 'autonomous' } }),
} as const satisfies Record<string, ActionRule>;

export type Action = keyof typeof ACTION_RULES;
export const ACTIONS = Object.keys(ACTION_RULES) as Action[];

export function isAction(value: string): value is Action {
  return Object.hasOwn(ACTION_RULES, value);
}

/** What an action is about. Agent versions are integers, counted per agent from 1. */
export interface Resource {
  readonly team?: string | undefined;
  readonly agent?: string | undefined;
  readonly version?: number | undefined;
  /** E.g. the halted action an approval is for. */
  readonly ref?: string | undefined;
}

/** Which check produced a decision. */
export type DecisionRule = 'allowed' | 'role' | 'separation-of-duties' | 'step-up' | 'policy' | 'kill-switch';

export interface Decision {
  readonly allowed: boolean;
  /** The enforcement mode in force for the resource. */
  readonly mode: EnforcementMode;
  readonly reason: string;
  /** Denials that passed only because the mode is warn (surface them to the user). */
  readonly warnings: readonly string[];
  readonly rule: DecisionRule;
}

export interface DecisionOptions {
  /** The actor's passphrase, for actions that need step-up re-authentication. */
  readonly passphrase?: string | undefined;
}

/** The one decision point, as the rest of the governance layer sees it. */
export interface Authorizer {
  can(actor: string, action: Action, resource?: Resource, options?: DecisionOptions): Promise<Decision>;
  /** Like `can`, but a refusal throws (GovernanceDenied, StepUpFailed or KillSwitchEngaged). */
  enforce(actor: string, action: Action, resource?: Resource, options?: DecisionOptions): Promise<Decision>;
}
