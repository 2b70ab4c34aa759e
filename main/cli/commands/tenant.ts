import type { Command } from 'commander';
import { openAppliance } from '../../appliance.ts';
import { passphraseReader } from '../passphrase.ts';
import { dataCommand, parseShares, printShares } from './init.ts';

export function registerTenant(program: Command): void {
  const tenant = program.command('tenant').description('add or show tenants');
  tenant
    .command('add')
    .description('add a tenant with its first user')
    .requiredOption('--data <dir>', 'appliance directory')
    .requiredOption('--tenant <name>', 'name of the new tenant')
    .requiredOption('--user <name>', 'name of its first user')
    .option('--passphrase-stdin', 'read the passphrase as one line from standard input')
    .option('--recovery-shares <M/N>', 'also print M-of-N recovery shares of the tenant key (off by default)')
    .action((options: { data: string; tenant: string; user: string; passphraseStdin?: boolean; recoveryShares?: string }) =>
      dataCommand(async () => {
        const recovery = parseShares(options.recoveryShares);
        const appliance = openAppliance(options.data);
        const reader = passphraseReader(Boolean(options.passphraseStdin));
        try {
          const passphrase = await reader.fresh(`New passphrase for ${options.user}: `);
          process.stderr.write('Deriving the key-slot key (scrypt, N=2^17)…\n');
          const created = await appliance.addTenant(options.tenant, options.user, passphrase, recovery);
          process.stderr.write(`Created tenant ${options.tenant} (${created.tenantId}) with user ${options.user}.\n`);
          printShares(created.recoveryShares, recovery?.threshold);
        } finally {
          reader.close();
          appliance.close();
        }
      }),
    );
  tenant
    .command('show')
    .description('show a tenant: id, users, key versions and the signing-key fingerprint (no passphrase needed)')
    .requiredOption('--data <dir>', 'appliance directory')
    .requiredOption('--tenant <name>', 'tenant name')
    .option('--json', 'print as JSON')
    .action((options: { data: string; tenant: string; json?: boolean }) =>
      dataCommand(async () => {
        const appliance = openAppliance(options.data);
        try {
          const d = appliance.describeTenant(options.tenant);
          if (options.json) {
            process.stdout.write(`${JSON.stringify(d, null, 2)}\n`);
            return;
          }
          process.stdout.write(
            `tenant:               ${d.name}\n` +
              `id:                   ${d.id}\n` +
              `created:              ${d.createdAt}\n` +
              `users:                ${d.users.join(', ')}\n` +
              `key version:          ${d.currentKeyVersion} (${d.keyVersions.filter((v) => v.state === 'live').length} live, ${d.keyVersions.length} recorded)\n` +
              `signing fingerprint:  ${d.signingKeyFingerprint}\n`,
          );
        } finally {
          appliance.close();
        }
      }),
    );
}
