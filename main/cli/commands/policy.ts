import type { Command } from 'commander';
import { openAppliance, type UnlockedTenant } from '../../appliance.ts';
import { AuditWriteError } from '../../audit/log.ts';
import { GovernanceError } from '../../governance/errors.ts';
import { openGovernance, type Governance } from '../../governance/governance.ts';
import { allowedValues, DIMENSIONS, formatValue, isDimension, parseValue, POLICY_LEVELS } from '../../governance/policy/dimensions.ts';
import type { PolicyTarget } from '../../governance/policy/resolver.ts';
import { SCOPE_ID } from '../../governance/scope-id.ts';
import { passphraseReader, type PassphraseReader } from '../passphrase.ts';
import { renderTable } from '../table.ts';
import { UserFacingError } from '../user-facing-error.ts';
import { dataCommand, unlockProgress } from './init.ts';

export interface GovernanceFlags {
  data: string;
  tenant: string;
  user: string;
  passphraseStdin?: boolean;
}

export interface GovernanceSession {
  readonly tenant: UnlockedTenant;
  readonly governance: Governance;
  /** The unlocking user's passphrase again, for a step-up (a second stdin line in stdin mode). */
  stepUp(why: string): Promise<string>;
}

/**
 * Unlocks the tenant, opens its audit log and governance, runs `action`, and closes everything.
 * `reader` is where passphrases come from (a command that has read stdin itself passes its own).
 */
export async function withGovernance<T>(
  flags: GovernanceFlags,
  action: (session: GovernanceSession) => Promise<T>,
  reader: PassphraseReader = passphraseReader(Boolean(flags.passphraseStdin)),
): Promise<T> {
  const appliance = openAppliance(flags.data);
  try {
    const passphrase = await reader.existing(`Passphrase for ${flags.user}: `);
    const tenant = await appliance.unlockTenant(flags.tenant, flags.user, passphrase, { onProgress: unlockProgress });
    try {
      // The tenant owns its audit log (opened at unlock); see main/appliance.ts.
      const governance = openGovernance({ tenant, audit: tenant.audit });
      return await action({ tenant, governance, stepUp: (why) => reader.existing(`Re-enter the passphrase of ${flags.user} to ${why}: `) });
    } finally {
      await tenant.close();
    }
  } finally {
    reader.close();
    appliance.close();
  }
}

/** Runs a governance command; typed governance and audit failures become messages for the user. */
export function governanceCommand(action: () => Promise<void>): Promise<void> {
  return dataCommand(action).catch((error: unknown) => {
    if (error instanceof GovernanceError || error instanceof AuditWriteError) throw new UserFacingError(error.message, 1, { cause: error });
    throw error;
  });
}

export const governanceOptions = (c: Command): Command =>
  c
    .requiredOption('--data <dir>', 'appliance directory')
    .requiredOption('--tenant <name>', 'tenant name')
    .requiredOption('--user <name>', 'who you are (your passphrase unlocks the tenant)')
    .option('--passphrase-stdin', 'read passphrases from standard input, one line each (unlock first, then any step-up)');

function parseTarget(level: string, id: string | undefined): PolicyTarget {
  if (!(POLICY_LEVELS as readonly string[]).includes(level)) throw new UserFacingError(`--level must be one of ${POLICY_LEVELS.join(', ')}, not "${level}"`);
  if (level === 'team' || level === 'agent') {
    if (!id) throw new UserFacingError(`--level ${level} needs --id naming the ${level}`);
    return { level, id };
  }
  if (id) throw new UserFacingError(`--level ${level} takes no --id`);
  return { level: level as 'appliance' | 'tenant' };
}

export function registerPolicy(program: Command): void {
  const policy = program.command('policy').description('show and change the cascading governance policy (appliance → tenant → team → agent)');

  governanceOptions(policy.command('show').description('print the effective policy with the level that decided each dimension'))
    .option('--team <id>', 'resolve for this team')
    .option('--agent <id>', 'resolve for this agent')
    .option('--json', 'print as JSON')
    .action((flags: GovernanceFlags & { team?: string; agent?: string; json?: boolean }) =>
      governanceCommand(() =>
        withGovernance(flags, async ({ governance }) => {
          const resolved = governance.policy.resolveUncached({ team: flags.team, agent: flags.agent });
          if (flags.json) {
            process.stdout.write(`${JSON.stringify(resolved, null, 2)}\n`);
            return;
          }
          const rows = DIMENSIONS.map((d) => {
            const r = resolved[d];
            const sources = d === 'packs' ? Object.entries(resolved.packs.sources).map(([p, l]) => `${p}←${l}`).join(' ') : '';
            return [d, formatValue(d, r.value), r.decidedBy, sources, allowedValues(d)];
          });
          const scope = [flags.team ? `team ${flags.team}` : '', flags.agent ? `agent ${flags.agent}` : ''].filter(Boolean).join(', ') || 'tenant-wide';
          process.stdout.write(`Effective policy of tenant ${flags.tenant} (${scope}):\n`);
          process.stdout.write(`${renderTable(['dimension', 'value', 'decided by', 'pack sources', 'order (least → most restrictive)'], rows)}\n`);
          // Rows stored under a team/agent id no call can carry (older than the one spelling, and not
          // renamable): they govern nothing, so say so, and how to remove them.
          const stranded = governance.policyStore.rows().filter((r) => (r.level === 'team' || r.level === 'agent') && !SCOPE_ID.test(r.scope));
          if (stranded.length > 0) {
            process.stdout.write(`\nStored settings under ids no call can carry (they govern nothing; remove with \`airlock policy set --level <level> --id '<id>' --dimension <d> --unset\`):\n`);
            process.stdout.write(`${renderTable(['level', 'id', 'dimension', 'value'], stranded.map((r) => [r.level, JSON.stringify(r.scope), r.dimension, r.value]))}\n`);
          }
        }),
      ),
    );

  governanceOptions(policy.command('set').description('change one dimension at one level (loosening needs the approver role and your passphrase again)'))
    .requiredOption('--level <level>', POLICY_LEVELS.join(' | '))
    .option('--id <id>', 'team or agent id (for --level team|agent)')
    .requiredOption('--dimension <name>', DIMENSIONS.join(', '))
    .option('--value <value>', 'new value (see `airlock policy show` for each order)')
    .option('--unset', 'remove this level\'s setting')
    .action((flags: GovernanceFlags & { level: string; id?: string; dimension: string; value?: string; unset?: boolean }) =>
      governanceCommand(() => {
        if (!isDimension(flags.dimension)) throw new UserFacingError(`unknown dimension "${flags.dimension}"; use one of ${DIMENSIONS.join(', ')}`);
        if ((flags.value === undefined) === !flags.unset) throw new UserFacingError('give exactly one of --value or --unset');
        const dimension = flags.dimension;
        const target = parseTarget(flags.level, flags.id);
        return withGovernance(flags, async ({ governance, stepUp }) => {
          const value = flags.unset ? undefined : flags.value;
          const classification = governance.policyChanges.classify(target, dimension, value === undefined ? undefined : parseValue(dimension, value));
          const passphrase = classification.loosening ? await stepUp(`confirm LOOSENING ${dimension}`) : undefined;
          const change = await governance.policyChanges.set(flags.user, target, dimension, value, passphrase !== undefined ? { passphrase } : {});
          process.stdout.write(
            `${change.loosening ? 'Loosened' : 'Tightened'} ${dimension} at ${flags.level}${flags.id ? ` ${flags.id}` : ''}: ${change.before ?? '(unset)'} → ${change.after ?? '(unset)'}` +
              `${change.latent ? ' (latent: a stricter level above still decides)' : ''}; audit seq ${change.auditSeq}.\n`,
          );
        });
      }),
    );
}
