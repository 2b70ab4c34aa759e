/**
 * Step-up re-authentication over the tenant's key slots: the passphrase is right when it re-derives
 * the user's slot key (scrypt, the slot's own parameters) and that key unwraps the root key. The
 * unwrapped copy is wiped at once; nothing is cached, so each privileged action pays one KDF.
 */
import { utf8, wipe } from '../data/bytes.ts';
import { openSlot } from '../data/key-slots.ts';
import type { KeyStore } from '../data/keystore.ts';
import type { StepUpVerifier } from './ports.ts';

export class KeySlotStepUp implements StepUpVerifier {
  /** `keyStore` returns the current key store (slots are added and removed while unlocked). */
  constructor(private readonly keyStore: () => KeyStore) {}

  async verify(user: string, passphrase: string): Promise<boolean> {
    const store = this.keyStore();
    const slot = store.slots.find((s) => s.user === user);
    if (!slot) return false;
    const bytes = utf8(passphrase.normalize('NFC'));
    try {
      const opened = await openSlot(store.tenantId, slot, bytes);
      if (opened.ok) wipe(opened.root);
      return opened.ok;
    } finally {
      wipe(bytes);
    }
  }
}
