import type { Command } from 'commander';
import { initAppliance, type UnlockOptions } from '../../appliance.ts';
import { DataLayerError, RecoveryShareError } from '../../data/errors.ts';
import { passphraseReader } from '../passphrase.ts';
import { UserFacingError } from '../user-facing-error.ts';

/** Runs a data-layer action, turning its typed errors into messages for the terminal. */
export async function dataCommand(action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (error instanceof DataLayerError || error instanceof RangeError) throw new UserFacingError(error.message, 1, { cause: error });
    throw error;
  }
}

/** Progress lines on stderr while the (deliberately slow) key derivation runs. */
export const unlockProgress: UnlockOptions['onProgress'] = ({ phase }) => {
  const text: Record<string, string> = {
    'deriving-key': 'Deriving the key from the passphrase (scrypt, N=2^17; this takes a moment)…',
    'opening-database': 'Opening the encrypted tenant database…',
  };
  if (text[phase]) process.stderr.write(`${text[phase]}\n`);
};

export function parseShares(option: string | undefined): { threshold: number; shares: number } | undefined {
  if (option === undefined) return undefined;
  const match = /^(\d+)\/(\d+)$/.exec(option);
  if (!match) throw new RecoveryShareError('write --recovery-shares as M/N, e.g. 2/3');
  return { threshold: Number(match[1]), shares: Number(match[2]) };
}

export const RECOVERY_EXPLANATION =
  'Recovery shares: any M of these N lines together rebuild the tenant root key and let `airlock recover` add a new user.\n' +
  'Give each line to a different trusted person and store it offline; fewer than M reveal nothing. They are shown ONCE.\n';

export function printShares(shares: string[] | undefined, threshold: number | undefined): void {
  if (!shares) return;
  process.stderr.write(`\n${RECOVERY_EXPLANATION}Threshold: ${threshold} of ${shares.length}\n`);
  for (const share of shares) process.stdout.write(`${share}\n`);
}

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create an appliance directory with its first tenant and user')
    .requiredOption('--data <dir>', 'appliance directory to create')
    .requiredOption('--tenant <name>', 'name of the first tenant')
    .requiredOption('--user <name>', 'name of the first user')
    .option('--passphrase-stdin', 'read the passphrase as one line from standard input instead of a prompt')
    .option('--recovery-shares <M/N>', 'also print M-of-N recovery shares of the tenant key (off by default)')
    .action((options: { data: string; tenant: string; user: string; passphraseStdin?: boolean; recoveryShares?: string }) =>
      dataCommand(async () => {
        const recovery = parseShares(options.recoveryShares);
        const reader = passphraseReader(Boolean(options.passphraseStdin));
        try {
          const passphrase = await reader.fresh(`New passphrase for ${options.user}: `);
          process.stderr.write('Deriving the key-slot key (scrypt, N=2^17)…\n');
          const { appliance, tenantId, recoveryShares } = await initAppliance({
            dir: options.data, tenant: options.tenant, user: options.user, passphrase, ...(recovery ? { recoveryShares: recovery } : {}),
          });
          appliance.close();
          process.stderr.write(`Created appliance ${appliance.dir} with tenant ${options.tenant} (${tenantId}) and user ${options.user}.\n`);
          printShares(recoveryShares, recovery?.threshold);
        } finally {
          reader.close();
        }
      }),
    );
}
