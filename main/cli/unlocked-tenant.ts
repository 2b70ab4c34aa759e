import { openAppliance, type UnlockedTenant } from '../appliance.ts';
import { unlockProgress } from './commands/init.ts';
import { passphraseReader, type PassphraseReader } from './passphrase.ts';

export interface UnlockFlags {
  readonly data: string;
  readonly tenant: string;
  /** The user whose key slot unlocks the tenant. */
  readonly user: string;
  readonly passphraseStdin?: boolean;
}

/**
 * Opens the appliance, asks for the user's passphrase (no-echo prompt or one stdin line), unlocks
 * the tenant, runs `action`, then flushes the audit log and locks — whatever `action` did. The
 * reader stays open for the action's further passphrases (a new user's, a step-up).
 */
export async function withUnlockedTenant<T>(
  flags: UnlockFlags,
  action: (tenant: UnlockedTenant, reader: PassphraseReader) => Promise<T>,
): Promise<T> {
  const appliance = openAppliance(flags.data);
  const reader = passphraseReader(Boolean(flags.passphraseStdin));
  try {
    const passphrase = await reader.existing(`Passphrase of ${flags.user}: `);
    const tenant = await appliance.unlockTenant(flags.tenant, flags.user, passphrase, { onProgress: unlockProgress });
    try {
      return await action(tenant, reader);
    } finally {
      await tenant.close();
    }
  } finally {
    reader.close();
    appliance.close();
  }
}
