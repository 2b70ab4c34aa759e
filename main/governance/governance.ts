/**
 * The governance layer of one unlocked tenant, built in one place:
 *
 *   const governance = openGovernance({ tenant, audit });   // tenant: UnlockedTenant, audit: AuditLog
 *   await governance.enforce('alice', 'agent.run', { team: 'claims', agent: 'triage' });
 *   const { signal, release } = governance.kills.register({ team: 'claims', agent: 'triage' });
 *
 * Applies the `governance` migrations on open, and brings team and agent ids stored before their
 * one spelling to it (legacy-ids.ts). Kill-switch registries are per tenant and per
 * process, so every Governance opened on the same tenant aborts the same in-flight work.
 */
import type { EnvelopeEncryption } from '../data/envelope.ts';
import type { FieldEncryption } from '../data/field-encryption.ts';
import type { KeyStore } from '../data/keystore.ts';
import type { Database } from '../data/sqlite.ts';
import type { Action, Decision, DecisionOptions, Resource } from './actions.ts';
import { AgentActions } from './agents.ts';
import { DecisionPoint } from './decision.ts';
import { KillSwitches, KillSwitchRegistry, KillSwitchStore } from './kill-switch.ts';
import { canonicaliseStoredIds, flushPendingAudit, type CanonicalisationReport } from './legacy-ids.ts';
import { GdprPack } from './packs/gdpr.ts';
import { PackService, syncFieldEncryption } from './packs.ts';
import type { ResolvedPolicy } from './policy/cascade.ts';
import { PolicyChanges } from './policy/change.ts';
import { PolicyResolver, PolicyStore, type PolicyScope } from './policy/resolver.ts';
import type { AuditSink, Clock, PayloadShredder, StepUpVerifier } from './ports.ts';
import { RoleAdministration, RoleGrants } from './roles.ts';
import { migrateGovernance } from './schema.ts';
import { AgentLedger } from './separation-of-duties.ts';
import { KeySlotStepUp, SqliteStepUpFailures } from './step-up.ts';

/** What governance needs of an unlocked tenant (the data layer's UnlockedTenant has all of it). */
export interface GovernedTenant {
  readonly db: Database;
  readonly tenantId: string;
  readonly envelope: EnvelopeEncryption;
  readonly fieldEncryption: FieldEncryption;
  readonly hsm: { identityToken(externalId: string): string; readonly keyStore: KeyStore };
}

export interface OpenGovernanceOptions {
  readonly tenant: GovernedTenant;
  /** The tenant's audit log (AuditLog), or any sink with the same durability promise. */
  readonly audit: AuditSink & Partial<PayloadShredder>;
  /** Defaults to re-deriving the user's key slot (KeySlotStepUp). */
  readonly stepUp?: StepUpVerifier;
  readonly clock?: Clock;
  readonly policyTtlMs?: number;
}

const registries = new Map<string, KillSwitchRegistry>();

export function killSwitchRegistryFor(tenantId: string): KillSwitchRegistry {
  let registry = registries.get(tenantId);
  if (!registry) {
    registry = new KillSwitchRegistry();
    registries.set(tenantId, registry);
  }
  return registry;
}

export class Governance {
  readonly policyStore: PolicyStore;
  readonly policy: PolicyResolver;
  readonly decisions: DecisionPoint;
  readonly policyChanges: PolicyChanges;
  readonly grants: RoleGrants;
  readonly roles: RoleAdministration;
  readonly ledger: AgentLedger;
  readonly agents: AgentActions;
  readonly kills: KillSwitches;
  readonly packs: PackService;
  readonly gdpr: GdprPack;
  /** What opening changed in stored team/agent ids (see legacy-ids.ts); undefined when nothing. */
  canonicalised: CanonicalisationReport | undefined;
  /**
   * Settles once the audit entries governance owed the log at open are on it (how many were
   * written). A rejection leaves them pending for the next open; nobody has to await this.
   */
  pendingAudit: Promise<number> = Promise.resolve(0);

  constructor(options: OpenGovernanceOptions) {
    const { tenant, audit } = options;
    const stepUp = options.stepUp ?? new KeySlotStepUp(() => tenant.hsm.keyStore, options.clock ?? Date.now, new SqliteStepUpFailures(tenant.db));
    this.policyStore = new PolicyStore(tenant.db, tenant.tenantId);
    this.policy = new PolicyResolver(this.policyStore, {
      ...(options.clock ? { clock: options.clock } : {}),
      ...(options.policyTtlMs !== undefined ? { ttlMs: options.policyTtlMs } : {}),
    });
    this.grants = new RoleGrants(tenant.db);
    this.ledger = new AgentLedger(tenant.db);
    const killStore = new KillSwitchStore(tenant.db);
    this.decisions = new DecisionPoint({ roles: this.grants, ledger: this.ledger, kills: killStore, policy: this.policy, stepUp, audit });
    this.policyChanges = new PolicyChanges(this.policyStore, this.decisions, audit, (change) => {
      if (change.dimension === 'packs') syncFieldEncryption(tenant, this.policyStore);
    });
    this.roles = new RoleAdministration(this.grants, this.decisions, audit);
    this.agents = new AgentActions(this.ledger, this.decisions, audit);
    this.kills = new KillSwitches(killStore, killSwitchRegistryFor(tenant.tenantId), this.decisions, audit);
    this.packs = new PackService(this.policyStore, this.policyChanges);
    const payloads = audit.shredPayload ? { shredPayload: audit.shredPayload.bind(audit) } : undefined;
    this.gdpr = new GdprPack({
      db: tenant.db,
      tenantId: tenant.tenantId,
      envelope: tenant.envelope,
      fieldEncryption: tenant.fieldEncryption,
      authorizer: this.decisions,
      audit,
      subjectToken: (id) => tenant.hsm.identityToken(`gdpr-subject:${id}`),
      payloads,
    });
  }

  can(actor: string, action: Action, resource?: Resource, options?: DecisionOptions): Promise<Decision> {
    return this.decisions.can(actor, action, resource, options);
  }

  enforce(actor: string, action: Action, resource?: Resource, options?: DecisionOptions): Promise<Decision> {
    return this.decisions.enforce(actor, action, resource, options);
  }

  policyFor(scope: PolicyScope = {}): ResolvedPolicy {
    return this.decisions.policyFor(scope);
  }
}

export function openGovernance(options: OpenGovernanceOptions): Governance {
  migrateGovernance(options.tenant.db);
  // Ids stored before the one spelling (a kill on `Claims`) would govern nothing: renamed before
  // anything reads them, with the audit entry that says so owed to the log in the same commit.
  const canonicalised = canonicaliseStoredIds(options.tenant.db);
  const governance = new Governance(options);
  governance.canonicalised = canonicalised;
  if (canonicalised !== undefined) governance.policy.invalidate();
  governance.pendingAudit = flushPendingAudit(options.tenant.db, options.audit);
  governance.pendingAudit.catch(() => undefined); // stays pending in the database; retried at the next open
  return governance;
}
