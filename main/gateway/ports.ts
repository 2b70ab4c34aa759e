/**
 * What the gateway needs from the layers below, as ports. The tenant's AuditLog, Governance and
 * the providers satisfy them; tests may hand in doubles for a neighbour of the stage under test.
 */
import type { AuditEntry } from '../audit/canonical.ts';
import type { AppendOptions, AppendResult, AuditEvent, GatewayCallRecord } from '../audit/log.ts';
import type { Database } from '../data/sqlite.ts';
import type { Action, Decision, Resource } from '../governance/actions.ts';
import type { KillSwitchState, Registration, WorkScope } from '../governance/kill-switch.ts';
import type { ResolvedPolicy } from '../governance/policy/cascade.ts';
import type { PolicyScope } from '../governance/policy/resolver.ts';
import type { ModelProvider } from '../providers/provider.ts';
import type { RouteHop, RouteOutcome } from '../providers/router.ts';

/**
 * Durable when the promise resolves; a rejection means the call must fail (fail closed).
 * `withinCommit` must run in the transaction that commits the entry, on the tenant database
 * connection (the budget ledger writes there); the stages check that it ran.
 */
export interface GatewayAudit {
  append(event: AuditEvent, options?: AppendOptions): Promise<AppendResult>;
  recordGatewayCall(call: GatewayCallRecord, options?: AppendOptions): Promise<AppendResult>;
  /**
   * The seq of the last entry on the log (-1 when empty), and, read inside a commit (`withinCommit`),
   * the entries after a seq: stage 10 orders a call's record against a kill switch's entry with them.
   * A sink without them is not a log to order against: a call it records under a kill is blocked.
   */
  lastSeq?(): number;
  entriesAfter?(seq: number): Iterable<AuditEntry>;
}

export interface GatewayGovernance {
  policyFor(scope: PolicyScope): ResolvedPolicy;
  /** Refuses (and records) a call under an engaged kill switch by throwing KillSwitchEngaged. */
  enforce(actor: string, action: Action, resource?: Resource): Promise<Decision>;
  /** `track`: registration without a lookup, for work checked by `enforce` right after. */
  /** `covering`: the engaged switch that covers the work, read now (stage 10 asks it at the record's commit). */
  readonly kills: { track(work: WorkScope): Registration; covering(work: WorkScope): KillSwitchState | undefined };
}

export interface ProviderScope {
  readonly team?: string | undefined;
  readonly agent?: string | undefined;
  /** The task the call serves; a routed resolver picks the task's aliases first. */
  readonly task?: string | undefined;
}

/** Where one call went (the router's outcome for it). */
export type CallRoute = RouteOutcome;

/**
 * A provider handed out for one call by a routing resolver: `route()` is that call's routing
 * outcome. One object per call, so concurrent calls never read each other's route.
 */
export interface RoutedModelProvider extends ModelProvider {
  route(): CallRoute;
  /**
   * Every model that may serve this call: the route's model, then its fallbacks in order. The
   * gateway reserves budget at the highest of their prices and charges at the one that served.
   */
  candidates?(): readonly string[];
}

export function routeOf(provider: ModelProvider): CallRoute | undefined {
  const route = (provider as Partial<RoutedModelProvider>).route;
  return typeof route === 'function' ? route.call(provider) : undefined;
}

/** The models that may serve a call through `provider`: its candidates when routed, else its own model. */
export function candidatesOf(provider: ModelProvider): readonly string[] {
  const candidates = (provider as Partial<RoutedModelProvider>).candidates;
  const listed = typeof candidates === 'function' ? candidates.call(provider) : [];
  return listed.length > 0 ? listed : [provider.modelId];
}

/** "old-7b → llama-8b (deprecated); llama-8b → qwen (fallback)": the hops as an auditor reads them. */
export function describeHops(hops: readonly RouteHop[]): string {
  return hops.map((h) => `${h.from} → ${h.to} (${h.reason})`).join('; ');
}

/** Resolves a model alias ('default', 'fast', a manifest id) to a provider for one call. */
export type ProviderResolver = (alias: string, scope: ProviderScope) => Promise<ModelProvider>;

/** Cost units per 1,000 tokens. */
export interface Price {
  readonly input: number;
  readonly output: number;
}

export type PriceResolver = (modelId: string) => Price;

export interface GatewayTenant {
  readonly db: Database;
  readonly tenantId: string;
}
