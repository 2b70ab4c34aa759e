import type { Command } from 'commander';
import { openAppliance } from '../../appliance.ts';
import { RecoveryShareError } from '../../data/errors.ts';
import { passphraseReader } from '../passphrase.ts';
import { dataCommand } from './init.ts';

export function registerRecover(program: Command): void {
  program
    .command('recover')
    .description('restore access with M recovery shares (from `init --recovery-shares`) by adding a new user slot')
    .requiredOption('--data <dir>', 'appliance directory')
    .requiredOption('--tenant <name>', 'tenant name')
    .requiredOption('--user <name>', 'name of the new user to add')
    .option('--shares <M>', 'how many shares you will enter', '2')
    .option('--passphrase-stdin', 'read the shares, then the new passphrase, one line each from standard input')
    .action((options: { data: string; tenant: string; user: string; shares: string; passphraseStdin?: boolean }) =>
      dataCommand(async () => {
        const count = Number(options.shares);
        if (!Number.isInteger(count) || count < 2 || count > 255) throw new RecoveryShareError('--shares must be a whole number from 2 to 255');
        const appliance = openAppliance(options.data);
        const reader = passphraseReader(Boolean(options.passphraseStdin));
        try {
          const shares: string[] = [];
          for (let i = 1; i <= count; i++) shares.push(await reader.line(`Recovery share ${i} of ${count}: `));
          const passphrase = await reader.fresh(`New passphrase for ${options.user}: `);
          process.stderr.write('Deriving the key-slot key (scrypt, N=2^17)…\n');
          await appliance.recoverTenant(options.tenant, shares, options.user, passphrase);
          process.stderr.write(`Recovered: user ${options.user} can now unlock tenant ${options.tenant}.\n`);
        } finally {
          reader.close();
          appliance.close();
        }
      }),
    );
}
