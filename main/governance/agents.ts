/**
 * The governed agent lifecycle: author a version, edit it, approve its halted actions, deploy it.
 * Each step asks the decision point (roles, separation of duties, step-up) and is on the audit log
 * before it is recorded in the ledger.
 */
import type { Authorizer } from './actions.ts';
import { GovernanceDenied } from './errors.ts';
import { scopeIdProblem } from './scope-id.ts';
import type { AuditSink } from './ports.ts';
import type { AgentLedger } from './separation-of-duties.ts';

export class AgentActions {
  constructor(
    private readonly ledger: AgentLedger,
    private readonly authorizer: Authorizer,
    private readonly audit: AuditSink,
  ) {}

  /** Records a new version of `agent` authored by `actor`; returns its number. */
  async authorVersion(actor: string, agent: string, team?: string): Promise<number> {
    const problem = scopeIdProblem(agent);
    if (problem !== undefined) throw new GovernanceDenied(actor, 'author an agent', `the agent's name ${problem}`);
    await this.authorizer.enforce(actor, 'agent.author', { agent, team });
    const version = this.ledger.nextVersion(agent);
    await this.audit.append({ actor, action: 'governance.agent.author', subject: `${agent}@${version}`, outcome: 'ok', fields: { agent, version: String(version) } });
    this.ledger.recordVersion(agent, version, actor);
    return version;
  }

  async edit(actor: string, agent: string, version: number): Promise<void> {
    this.#known(actor, 'edit', agent, version);
    await this.authorizer.enforce(actor, 'agent.edit', { agent, version });
    await this.audit.append({ actor, action: 'governance.agent.edit', subject: `${agent}@${version}`, outcome: 'ok', fields: { agent, version: String(version) } });
    this.ledger.recordEdit(agent, version, actor);
  }

  /** Approves one halted action (`ref`) of an agent version; needs the approver's passphrase again. */
  async approve(actor: string, target: { agent: string; version: number; ref: string }, passphrase: string): Promise<void> {
    this.#known(actor, 'approve an action of', target.agent, target.version);
    await this.authorizer.enforce(actor, 'action.approve', target, { passphrase });
    await this.audit.append({
      actor,
      action: 'governance.action.approve',
      subject: target.ref,
      outcome: 'ok',
      fields: { agent: target.agent, version: String(target.version) },
    });
    this.ledger.recordApproval(target.agent, target.version, actor, target.ref);
  }

  async deploy(actor: string, target: { agent: string; version: number }, passphrase: string): Promise<void> {
    this.#known(actor, 'deploy', target.agent, target.version);
    await this.authorizer.enforce(actor, 'agent.deploy', target, { passphrase });
    await this.audit.append({ actor, action: 'governance.agent.deploy', subject: `${target.agent}@${target.version}`, outcome: 'ok' });
  }

  #known(actor: string, what: string, agent: string, version: number): void {
    if (!this.ledger.versionExists(agent, version)) {
      throw new GovernanceDenied(actor, `${what} agent "${agent}" version ${version}`, 'no such agent version is on record; author it first');
    }
  }
}
