import type { Command } from 'commander';
import { openAppliance } from '../../appliance.ts';
import { passphraseReader } from '../passphrase.ts';
import { dataCommand, unlockProgress } from './init.ts';

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
      dataCommand(async () => {
        const appliance = openAppliance(options.data);
        const reader = passphraseReader(Boolean(options.passphraseStdin));
        try {
          const passphrase = await reader.existing(`Passphrase of ${options.user}: `);
          const tenant = await appliance.unlockTenant(options.tenant, options.user, passphrase, { onProgress: unlockProgress });
          try {
            const result = await tenant.rotateKeys();
            process.stdout.write(
              `Key version ${result.newVersion} is current; re-wrapped ${result.rewrapped} data keys; ` +
                `retired version(s) ${result.retiredVersions.join(', ') || 'none'}.\n`,
            );
          } finally {
            await tenant.close();
          }
        } finally {
          reader.close();
          appliance.close();
        }
      }),
    );
}
