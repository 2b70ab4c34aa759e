import type { Command } from 'commander';
import { withUnlockedTenant } from '../unlocked-tenant.ts';
import { dataCommand } from './init.ts';

export function registerKeys(program: Command): void {
  const keys = program.command('keys').description('manage a tenant\'s data-key hierarchy');
  keys
    .command('rotate')
    .description('make a new key-encryption key version and re-wrap every data key in one transaction (content is not re-encrypted)')
    .requiredOption('--data <dir>', 'appliance directory')
    .requiredOption('--tenant <name>', 'tenant name')
    .requiredOption('--user <name>', 'user who unlocks the tenant')
    .option('--passphrase-stdin', 'read the passphrase as one line from standard input')
    .action((options: { data: string; tenant: string; user: string; passphraseStdin?: boolean }) =>
      dataCommand(() =>
        withUnlockedTenant(options, async (tenant) => {
          const result = await tenant.rotateKeys();
          process.stdout.write(
            `Key version ${result.newVersion} is current; re-wrapped ${result.rewrapped} data keys; ` +
              `retired version(s) ${result.retiredVersions.join(', ') || 'none'}.\n`,
          );
        }),
      ),
    );
}
