import type { Command } from 'commander';
import { ROLES } from '../../governance/actions.ts';
import { renderTable } from '../table.ts';
import { governanceCommand, governanceOptions, withGovernance, type GovernanceFlags } from './policy.ts';

interface RoleFlags extends GovernanceFlags {
  role: string;
  to: string;
}

export function registerRole(program: Command): void {
  const role = program.command('role').description(`grant, revoke and list per-tenant roles (${ROLES.join(', ')})`);

  governanceOptions(role.command('grant').description('grant a role (admin); the first admin of a tenant may grant admin to themselves'))
    .requiredOption('--role <role>', ROLES.join(' | '))
    .requiredOption('--to <user>', 'who receives the role')
    .action((flags: RoleFlags) =>
      governanceCommand(() =>
        withGovernance(flags, async ({ governance }) => {
          if (flags.role === 'admin' && flags.to === flags.user && governance.grants.holders('admin').length === 0) {
            await governance.roles.bootstrapAdmin(flags.user);
            process.stdout.write(`${flags.user} is now the first admin of tenant ${flags.tenant}.\n`);
            return;
          }
          const changed = await governance.roles.grant(flags.user, flags.to, flags.role);
          process.stdout.write(changed ? `Granted ${flags.role} to ${flags.to}.\n` : `${flags.to} already holds ${flags.role}.\n`);
        }),
      ),
    );

  governanceOptions(role.command('revoke').description('revoke a role (admin)'))
    .requiredOption('--role <role>', ROLES.join(' | '))
    .requiredOption('--to <user>', 'whose role is revoked')
    .action((flags: RoleFlags) =>
      governanceCommand(() =>
        withGovernance(flags, async ({ governance }) => {
          const changed = await governance.roles.revoke(flags.user, flags.to, flags.role);
          process.stdout.write(changed ? `Revoked ${flags.role} from ${flags.to}.\n` : `${flags.to} did not hold ${flags.role}.\n`);
        }),
      ),
    );

  governanceOptions(role.command('list').description('list role grants')).action((flags: GovernanceFlags) =>
    governanceCommand(() =>
      withGovernance(flags, async ({ governance }) => {
        const rows = governance.grants.all().map((g) => [g.user, g.role, g.grantedBy, g.grantedAt]);
        process.stdout.write(rows.length === 0 ? 'No roles are granted yet.\n' : `${renderTable(['user', 'role', 'granted by', 'granted at'], rows)}\n`);
      }),
    ),
  );
}
