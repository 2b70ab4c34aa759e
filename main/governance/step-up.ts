/**
 * Step-up re-authentication over the tenant's key slots: the passphrase is right when it re-derives
 * the user's slot key (scrypt, the slot's own parameters) and that key unwraps the root key. The
 * unwrapped copy is wiped at once; nothing is cached, so each privileged action pays one KDF.
 *
 * Failures back off per user: after FREE_FAILURES wrong passphrases in a row, each attempt waits,
 * doubling per failure; a success resets the count. An attempt is counted as a failure before its
 * KDF runs and cleared only by a success, so attempts made in parallel cannot slip past the
 * back-off, and a crash mid-check counts against the guesser. Governance keeps the counts in the
 * tenant database (`SqliteStepUpFailures`): a restart does not reset them, and every process
 * unlocked on the tenant shares them.
 */
import { utf8, wipe } from '../data/bytes.ts';
import { openSlot } from '../data/key-slots.ts';
import type { KeyStore } from '../data/keystore.ts';
import type { Statement } from 'better-sqlite3';
import type { Database } from '../data/sqlite.ts';
import { StepUpBackoff } from './errors.ts';
import type { Clock, StepUpVerifier } from './ports.ts';

const FREE_FAILURES = 3;
const BASE_DELAY_MS = 1_000;
const MAX_DELAY_MS = 15 * 60_000;

export interface StepUpFailure {
  readonly failures: number;
  readonly nextAllowedAt: number;
}

/** Where failure counts live. `begin` must read and write as one atomic step. */
export interface StepUpFailures {
  /** Refuses (returns the state in force) while backing off; otherwise counts one more failure and returns null. */
  begin(user: string, now: number): StepUpFailure | null;
  clear(user: string): void;
}

function nextFailure(previous: number, now: number): StepUpFailure {
  const failures = previous + 1;
  const delay = failures < FREE_FAILURES ? 0 : Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES));
  return { failures, nextAllowedAt: now + delay };
}

/** This process only (tests, and callers without a tenant database). */
export class MemoryStepUpFailures implements StepUpFailures {
  readonly #byUser = new Map<string, StepUpFailure>();
  begin(user: string, now: number): StepUpFailure | null {
    const state = this.#byUser.get(user);
    if (state && state.nextAllowedAt > now) return state;
    this.#byUser.set(user, nextFailure(state?.failures ?? 0, now));
    return null;
  }
  clear(user: string): void {
    this.#byUser.delete(user);
  }
}

/** In the tenant database: survives restarts, shared by every process with the tenant unlocked. */
export class SqliteStepUpFailures implements StepUpFailures {
  #sql: { read: Statement; write: Statement; delete: Statement } | undefined;
  /** The governance migrations must have run on `db` before the first attempt. */
  constructor(private readonly db: Database) {}
  begin(user: string, now: number): StepUpFailure | null {
    const sql = this.#statements();
    return this.db
      .transaction((): StepUpFailure | null => {
        const row = sql.read.get(user) as { failures: number; next_allowed_at: number } | undefined;
        if (row && row.next_allowed_at > now) return { failures: row.failures, nextAllowedAt: row.next_allowed_at };
        const next = nextFailure(row?.failures ?? 0, now);
        sql.write.run(user, next.failures, next.nextAllowedAt);
        return null;
      })
      .immediate();
  }
  clear(user: string): void {
    this.#statements().delete.run(user);
  }
  #statements(): { read: Statement; write: Statement; delete: Statement } {
    this.#sql ??= {
      read: this.db.prepare('SELECT failures, next_allowed_at FROM gov_step_up_failures WHERE user = ?'),
      write: this.db.prepare(
        'INSERT INTO gov_step_up_failures (user, failures, next_allowed_at) VALUES (?, ?, ?) ' +
          'ON CONFLICT (user) DO UPDATE SET failures = excluded.failures, next_allowed_at = excluded.next_allowed_at',
      ),
      delete: this.db.prepare('DELETE FROM gov_step_up_failures WHERE user = ?'),
    };
    return this.#sql;
  }
}

export class KeySlotStepUp implements StepUpVerifier {
  /** `keyStore` returns the current key store (slots are added and removed while unlocked). */
  constructor(
    private readonly keyStore: () => KeyStore,
    private readonly clock: Clock = Date.now,
    private readonly failures: StepUpFailures = new MemoryStepUpFailures(),
  ) {}

  async verify(user: string, passphrase: string): Promise<boolean> {
    const now = this.clock();
    const refused = this.failures.begin(user, now);
    if (refused) throw new StepUpBackoff(user, refused.nextAllowedAt - now);
    // Counted as a failure already: only a success (below) takes it back.
    const ok = await this.#check(user, passphrase);
    if (ok) this.failures.clear(user);
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
