/**
 * Step-up re-authentication over the tenant's key slots: the passphrase is right when it re-derives
 * the user's slot key (scrypt, the slot's own parameters) and that key unwraps the root key. The
 * unwrapped copy is wiped at once; nothing is cached, so each privileged action pays one KDF.
 *
 * Failures back off per user (in memory, this process): after FREE_FAILURES wrong passphrases in a
 * row, each attempt waits, doubling per failure; a success resets the count.
 */
import { utf8, wipe } from '../data/bytes.ts';
import { openSlot } from '../data/key-slots.ts';
import type { KeyStore } from '../data/keystore.ts';
import { StepUpBackoff } from './errors.ts';
import type { Clock, StepUpVerifier } from './ports.ts';

const FREE_FAILURES = 3;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;

export class KeySlotStepUp implements StepUpVerifier {
  readonly #failures = new Map<string, { count: number; nextAllowedAt: number }>();

  /** `keyStore` returns the current key store (slots are added and removed while unlocked). */
  constructor(
    private readonly keyStore: () => KeyStore,
    private readonly clock: Clock = Date.now,
  ) {}

  async verify(user: string, passphrase: string): Promise<boolean> {
    const state = this.#failures.get(user);
    const now = this.clock();
    if (state && state.nextAllowedAt > now) throw new StepUpBackoff(user, state.nextAllowedAt - now);
    const ok = await this.#check(user, passphrase);
    if (ok) {
      this.#failures.delete(user);
    } else {
      const count = (state?.count ?? 0) + 1;
      const delay = count < FREE_FAILURES ? 0 : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (count - FREE_FAILURES));
      this.#failures.set(user, { count, nextAllowedAt: this.clock() + delay });
    }
    return ok;
  }

  async #check(user: string, passphrase: string): Promise<boolean> {
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
