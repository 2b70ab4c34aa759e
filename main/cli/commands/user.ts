import type { Command } from 'commander';
import { withUnlockedTenant } from '../unlocked-tenant.ts';
import { dataCommand } from './init.ts';

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
        await withUnlockedTenant({ ...options, user: options.by }, async (tenant, reader) => {
          const fresh = await reader.fresh(`New passphrase for ${name}: `);
          await tenant.addUser(name, fresh);
        });
        process.stderr.write(`Added user ${name} to tenant ${options.tenant}.\n`);
      }),
  );
  common(user.command('remove <name>').description('remove a user\'s key slot (the last slot cannot be removed)')).action(
    (name: string, options: UserOptions) =>
      dataCommand(async () => {
        await withUnlockedTenant({ ...options, user: options.by }, (tenant) => tenant.removeUser(name));
        process.stderr.write(`Removed user ${name} from tenant ${options.tenant}.\n`);
      }),
  );
}
