/**
 * Separation of duties BY IDENTITY (reference 001): roles alone are not enough, because one person
 * may hold several. The ledger records who authored and edited each agent version and who approved
 * its actions; the rule below is pure and reads only those facts.
 *
 *   approve an action of agent A version v  — refused to anyone who authored or edited v, and to
 *                                             anyone who authored or edited any version of A
 *                                             (an approver cannot edit the agent whose action they approve);
 *   deploy A version v                      — refused to anyone who authored or edited v;
 *   edit agent A                            — refused to anyone who approved actions of A.
 */
import type { Database } from '../data/sqlite.ts';
import type { IdentityRule, Resource } from './actions.ts';

export interface AuthorshipFacts {
  /** Author and editors of the version in question. */
  readonly versionAuthors: ReadonlySet<string>;
  /** Authors and editors of any version of the agent. */
  readonly agentEditors: ReadonlySet<string>;
  /** Everyone who approved an action of any version of the agent. */
  readonly agentApprovers: ReadonlySet<string>;
}

/** The reason an identity rule refuses `actor`, or undefined when it does not. */
export function separationOfDuties(rule: IdentityRule, actor: string, resource: Resource, facts: AuthorshipFacts): string | undefined {
  const agent = resource.agent ?? '(unnamed)';
  const version = resource.version === undefined ? 'this version' : `version ${resource.version}`;
  switch (rule) {
    case 'not-author-of-approved-version':
      if (facts.versionAuthors.has(actor)) return `${actor} authored or edited ${version} of agent "${agent}"; its actions need an approver who did not write it`;
      if (facts.agentEditors.has(actor)) return `${actor} edited agent "${agent}"; an approver may not approve actions of an agent they edit`;
      return undefined;
    case 'not-author-of-deployed-version':
      if (facts.versionAuthors.has(actor)) return `${actor} authored or edited ${version} of agent "${agent}"; another deployer must promote it`;
      return undefined;
    case 'not-approver-of-edited-agent':
      if (facts.agentApprovers.has(actor)) return `${actor} approved actions of agent "${agent}"; an approver may not edit an agent whose actions they approve`;
      return undefined;
  }
}

/** Agent-version authorship, edits and approvals, in the tenant database. */
export class AgentLedger {
  constructor(private readonly db: Database) {}

  facts(resource: Resource): AuthorshipFacts {
    const agent = resource.agent ?? '';
    const version = resource.version ?? -1;
    const names = (sql: string, ...args: unknown[]): Set<string> => new Set((this.db.prepare(sql).all(...args) as { who: string }[]).map((r) => r.who));
    return {
      versionAuthors: new Set([
        ...names('SELECT author AS who FROM gov_agent_versions WHERE agent = ? AND version = ?', agent, version),
        ...names('SELECT editor AS who FROM gov_agent_edits WHERE agent = ? AND version = ?', agent, version),
      ]),
      agentEditors: new Set([
        ...names('SELECT author AS who FROM gov_agent_versions WHERE agent = ?', agent),
        ...names('SELECT editor AS who FROM gov_agent_edits WHERE agent = ?', agent),
      ]),
      agentApprovers: names('SELECT approver AS who FROM gov_agent_approvals WHERE agent = ?', agent),
    };
  }

  versionExists(agent: string, version: number): boolean {
    return this.db.prepare('SELECT 1 FROM gov_agent_versions WHERE agent = ? AND version = ?').get(agent, version) !== undefined;
  }

  authorOf(agent: string, version: number): string | undefined {
    return (this.db.prepare('SELECT author FROM gov_agent_versions WHERE agent = ? AND version = ?').get(agent, version) as { author: string } | undefined)?.author;
  }

  nextVersion(agent: string): number {
    const row = this.db.prepare('SELECT max(version) AS v FROM gov_agent_versions WHERE agent = ?').get(agent) as { v: number | null };
    return (row.v ?? 0) + 1;
  }

  recordVersion(agent: string, version: number, author: string): void {
    this.db.prepare('INSERT INTO gov_agent_versions (agent, version, author, created_at) VALUES (?, ?, ?, ?)').run(agent, version, author, new Date().toISOString());
  }

  recordEdit(agent: string, version: number, editor: string): void {
    this.db.prepare('INSERT INTO gov_agent_edits (agent, version, editor, edited_at) VALUES (?, ?, ?, ?)').run(agent, version, editor, new Date().toISOString());
  }

  recordApproval(agent: string, version: number, approver: string, ref: string): void {
    this.db
      .prepare('INSERT INTO gov_agent_approvals (agent, version, approver, action_ref, approved_at) VALUES (?, ?, ?, ?, ?)')
      .run(agent, version, approver, ref, new Date().toISOString());
  }
}
