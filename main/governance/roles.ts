/**
 * Per-tenant role grants, stored in the tenant database. Every grant and revocation is on the audit
 * log BEFORE it takes effect (an audit failure leaves the grants unchanged). Only admins grant and
 * revoke; the very first admin of a tenant is bootstrapped by a user holding a key slot.
 */
import type { Database } from '../data/sqlite.ts';
import { isRole, ROLES, type Authorizer, type Role } from './actions.ts';
import { GovernanceDenied } from './errors.ts';
import type { AuditSink } from './ports.ts';

export interface RoleGrant {
  readonly user: string;
  readonly role: Role;
  readonly grantedBy: string;
  readonly grantedAt: string;
}

/** Read access to grants: what the decision point consults. */
export class RoleGrants {
  constructor(private readonly db: Database) {}

  rolesOf(user: string): Role[] {
    const rows = this.db.prepare('SELECT role FROM gov_role_grants WHERE user = ?').all(user) as { role: string }[];
    return ROLES.filter((r) => rows.some((row) => row.role === r));
  }

  hasRole(user: string, role: Role): boolean {
    return this.db.prepare('SELECT 1 FROM gov_role_grants WHERE user = ? AND role = ?').get(user, role) !== undefined;
  }

  holders(role: Role): string[] {
    return (this.db.prepare('SELECT user FROM gov_role_grants WHERE role = ? ORDER BY user').all(role) as { user: string }[]).map((r) => r.user);
  }

  all(): RoleGrant[] {
    const rows = this.db.prepare('SELECT user, role, granted_by, granted_at FROM gov_role_grants ORDER BY user, role').all() as {
      user: string;
      role: Role;
      granted_by: string;
      granted_at: string;
    }[];
    return rows.map((r) => ({ user: r.user, role: r.role, grantedBy: r.granted_by, grantedAt: r.granted_at }));
  }

  /** Ungoverned write; RoleAdministration is the governed way in. */
  insert(user: string, role: Role, by: string): boolean {
    return this.db.prepare('INSERT OR IGNORE INTO gov_role_grants (user, role, granted_by, granted_at) VALUES (?, ?, ?, ?)').run(user, role, by, new Date().toISOString()).changes > 0;
  }

  delete(user: string, role: Role): boolean {
    return this.db.prepare('DELETE FROM gov_role_grants WHERE user = ? AND role = ?').run(user, role).changes > 0;
  }
}

const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,127}$/;

export class RoleAdministration {
  constructor(
    private readonly grants: RoleGrants,
    private readonly authorizer: Authorizer,
    private readonly audit: AuditSink,
  ) {}

  /**
   * Makes `actor` the tenant's first admin. Allowed only while the tenant has no admin at all; the
   * caller must have unlocked the tenant as `actor` (holding a key slot is the only authority then).
   */
  async bootstrapAdmin(actor: string): Promise<void> {
    if (this.grants.holders('admin').length > 0) {
      throw new GovernanceDenied(actor, 'bootstrap the first admin', 'this tenant already has an admin; ask them to grant roles with `airlock role grant`');
    }
    await this.audit.append({ actor, action: 'governance.role.grant', subject: actor, outcome: 'ok', fields: { role: 'admin', bootstrap: 'true' } });
    this.grants.insert(actor, 'admin', actor);
  }

  async grant(actor: string, user: string, role: string): Promise<boolean> {
    const checked = this.#check(actor, user, role);
    await this.authorizer.enforce(actor, 'role.grant');
    if (this.grants.hasRole(user, checked)) return false;
    await this.audit.append({ actor, action: 'governance.role.grant', subject: user, outcome: 'ok', fields: { role: checked } });
    return this.grants.insert(user, checked, actor);
  }

  async revoke(actor: string, user: string, role: string): Promise<boolean> {
    const checked = this.#check(actor, user, role);
    await this.authorizer.enforce(actor, 'role.revoke');
    if (!this.grants.hasRole(user, checked)) return false;
    if (checked === 'admin' && this.grants.holders('admin').length === 1) {
      throw new GovernanceDenied(actor, 'revoke the admin role', `"${user}" is the last admin of this tenant; grant admin to someone else first`);
    }
    await this.audit.append({ actor, action: 'governance.role.revoke', subject: user, outcome: 'ok', fields: { role: checked } });
    return this.grants.delete(user, checked);
  }

  #check(actor: string, user: string, role: string): Role {
    if (!isRole(role)) throw new GovernanceDenied(actor, `grant "${role}"`, `there is no such role (roles: ${ROLES.join(', ')})`);
    if (!USER_NAME.test(user)) throw new GovernanceDenied(actor, `grant ${role}`, `"${user}" is not a valid user name`);
    return role;
  }
}
