import type { Command } from 'commander';
import { KILL_SCOPES, isKillScope, type KillScope } from '../../governance/kill-switch.ts';
import { renderTable } from '../table.ts';
import { UserFacingError } from '../user-facing-error.ts';
import { governanceCommand, governanceOptions, withGovernance, type GovernanceFlags } from './policy.ts';

interface KillFlags extends GovernanceFlags {
  scope: string;
  id?: string;
  reason?: string;
}

function scopeOf(flags: KillFlags): { scope: KillScope; id: string } {
  if (!isKillScope(flags.scope)) throw new UserFacingError(`--scope must be one of ${KILL_SCOPES.join(', ')}, not "${flags.scope}"`);
  if (flags.scope !== 'tenant' && !flags.id) throw new UserFacingError(`--scope ${flags.scope} needs --id naming the ${flags.scope}`);
  return { scope: flags.scope, id: flags.scope === 'tenant' ? '' : (flags.id ?? '') };
}

export function registerKill(program: Command): void {
  const kill = program.command('kill').description('emergency stop: engage, release (two people) and list kill switches');

  governanceOptions(kill.command('engage').description('stop all model and tool calls of a tenant, team or agent at once (approver or admin)'))
    .requiredOption('--scope <scope>', KILL_SCOPES.join(' | '))
    .option('--id <id>', 'team or agent id (the tenant switch needs none)')
    .option('--reason <text>', 'why (goes on the audit log)', 'emergency stop')
    .action((flags: KillFlags) =>
      governanceCommand(() => {
        const { scope, id } = scopeOf(flags);
        return withGovernance(flags, async ({ governance }) => {
          const { state, fresh } = await governance.kills.engage(flags.user, scope, id, flags.reason);
          process.stdout.write(
            fresh
              ? `ENGAGED the ${scope} kill switch${id ? ` for ${id}` : ''} (${state.engagement}). Release needs two different approvers or admins.\n`
              : `The ${scope} kill switch${id ? ` for ${id}` : ''} was already engaged by ${state.engagedBy} at ${state.engagedAt}.\n`,
          );
        });
      }),
    );

  governanceOptions(kill.command('release').description('ask to release a kill switch; a second, different person must ask too'))
    .requiredOption('--scope <scope>', KILL_SCOPES.join(' | '))
    .option('--id <id>', 'team or agent id')
    .action((flags: KillFlags) =>
      governanceCommand(() => {
        const { scope, id } = scopeOf(flags);
        return withGovernance(flags, async ({ governance, stepUp }) => {
          const passphrase = await stepUp(`release the ${scope} kill switch`);
          const outcome = await governance.kills.release(flags.user, scope, id, passphrase);
          if (outcome.released) process.stdout.write(`RELEASED the ${scope} kill switch${id ? ` for ${id}` : ''} (by ${outcome.by.join(' and ')}).\n`);
          else process.stdout.write(`Still ENGAGED: ${outcome.reason} (${outcome.votes.length} of ${outcome.needed}: ${outcome.votes.join(', ')}).\n`);
        });
      }),
    );

  governanceOptions(kill.command('status').description('list engaged kill switches and pending release requests')).action((flags: GovernanceFlags) =>
    governanceCommand(() =>
      withGovernance(flags, async ({ governance }) => {
        const states = governance.kills.status();
        if (states.length === 0) {
          process.stdout.write('No kill switch is engaged.\n');
          return;
        }
        const rows = states.map((s) => [s.scope, s.target || '(whole tenant)', s.engagedBy, s.engagedAt, s.reason, s.releaseVotes.join(', ') || '-']);
        process.stdout.write(`${renderTable(['scope', 'id', 'engaged by', 'engaged at', 'reason', 'release requested by'], rows)}\n`);
      }),
    ),
  );
}
