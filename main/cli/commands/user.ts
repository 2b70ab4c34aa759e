import type { Command } from 'commander';
import { openAppliance } from '../../appliance.ts';
import { passphraseReader } from '../passphrase.ts';
import { dataCommand, unlockProgress } from './init.ts';

interface UserOptions {
  data: string;
  tenant: string;
  by: string;
  passphraseStdin?: boolean;
}

export function registerUser(program: Command): void {
  const user = program.command('user').description('add or remove users (key slots) of a tenant');
  const common = (cmd: Command) =>
    cmd
      .requiredOption('--data <dir>', 'appliance directory')
      .requiredOption('--tenant <name>', 'tenant name')
      .requiredOption('--by <user>', 'an existing user who unlocks the tenant for this change')
      .option('--passphrase-stdin', 'read passphrases from standard input, one line each (yours first)');
  common(user.command('add <name>').description('add a user with their own passphrase (needs an unlocked slot)')).action(
    (name: string, options: UserOptions) =>
      dataCommand(async () => {
        const appliance = openAppliance(options.data);
        const reader = passphraseReader(Boolean(options.passphraseStdin));
        try {
          const own = await reader.existing(`Passphrase of ${options.by}: `);
          const tenant = await appliance.unlockTenant(options.tenant, options.by, own, { onProgress: unlockProgress });
          try {
            const fresh = await reader.fresh(`New passphrase for ${name}: `);
            await tenant.addUser(name, fresh);
          } finally {
            await tenant.close();
          }
          process.stderr.write(`Added user ${name} to tenant ${options.tenant}.\n`);
        } finally {
          reader.close();
          appliance.close();
        }
      }),
  );
  common(user.command('remove <name>').description('remove a user\'s key slot (the last slot cannot be removed)')).action(
    (name: string, options: UserOptions) =>
      dataCommand(async () => {
        const appliance = openAppliance(options.data);
        const reader = passphraseReader(Boolean(options.passphraseStdin));
        try {
          const own = await reader.existing(`Passphrase of ${options.by}: `);
          const tenant = await appliance.unlockTenant(options.tenant, options.by, own, { onProgress: unlockProgress });
          try {
            await tenant.removeUser(name);
          } finally {
            await tenant.close();
          }
          process.stderr.write(`Removed user ${name} from tenant ${options.tenant}.\n`);
        } finally {
          reader.close();
          appliance.close();
        }
      }),
  );
}
