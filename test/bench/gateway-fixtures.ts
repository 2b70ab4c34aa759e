/** What the two gateway benches share: percentiles, a zero-cost provider and an fsync-free audit sink. */
import type { AuditEntry } from '../../main/audit/canonical.ts';
import type { AppendOptions, AppendResult, AuditEvent, GatewayCallRecord } from '../../main/audit/log.ts';
import type { Transaction } from 'better-sqlite3';
import type { Database } from '../../main/data/sqlite.ts';
import type { GatewayAudit } from '../../main/gateway/index.ts';
import type { GenerateResult, ModelProvider } from '../../main/providers/provider.ts';
import { piiDensePrompt } from './pii-corpus.ts';

/** Nearest-rank percentile. */
export const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
export const f3 = (x: number): string => x.toFixed(3);

const ANSWER = 'Noted. I will follow up with the people named above. ';
/**
 * Answers at once with a fixed text: the model call costs nothing, so the bench sees only the
 * gateway. It reports what a tokenizer would (about 3 bytes of a PII-dense prompt per token): a
 * count below the text's floor would send stage 10 down its implausible-usage path, which an
 * honest provider never takes.
 */
export const zeroCost: ModelProvider = {
  kind: 'llama-cpp',
  modelId: 'zero-cost',
  generate: (request) => {
    let bytes = 0;
    for (const m of request.messages ?? []) bytes += Buffer.byteLength(m.content, 'utf8');
    return Promise.resolve({ text: ANSWER, tokens: 12, promptTokens: Math.ceil(bytes / 3), stopReason: 'eos' } satisfies GenerateResult);
  },
  dispose: () => Promise.resolve(),
};

/**
 * Entries dropped; `withinCommit` (the budget ledger's writes) run in a transaction of an in-memory
 * database, through one transaction wrapper made once, as the real log does.
 */
export class MemoryAudit implements GatewayAudit {
  #seq = 0;
  readonly #transaction: Transaction<(run: () => void) => void>;
  constructor(private readonly db: Database) {
    this.#transaction = db.transaction((run: () => void) => run());
  }
  append(_event: AuditEvent, options: AppendOptions = {}): Promise<AppendResult> {
    const hook = options.withinCommit;
    if (hook) this.#transaction.immediate(() => hook(this.db));
    return Promise.resolve({ seq: ++this.#seq, chainHash: '' });
  }
  recordGatewayCall(_call: GatewayCallRecord, options: AppendOptions = {}): Promise<AppendResult> {
    return this.append({ actor: '', action: '' }, options);
  }
  /** A log of nothing: its last seq, and no entries to read back (no kill is engaged in the bench). */
  lastSeq(): number {
    return this.#seq;
  }
  entriesAfter(): Iterable<AuditEntry> {
    return [];
  }
}

/**
 * Distinct PII-dense prompts of one size (`piiDensePrompt(seed, bytes)` for `count` seeds from
 * `firstSeed`), for a bench to rotate through. One prompt sent over and over measured 10–20 % fast:
 * its cost depends on its mix of PII (seed 7 was among the cheapest of 64), and repeating the same
 * text trains the CPU's caches and branch predictors on it (bench/RESULTS.md, pipeline 7).
 */
export function promptSet(bytes: number, firstSeed: number, count = 64): string[] {
  return Array.from({ length: count }, (_, i) => piiDensePrompt(firstSeed + i, bytes));
}

/** Seeds of the prompts measured, and of the different ones that warm the code up first. */
export const MEASURED_SEEDS = 2000;
export const WARM_UP_SEEDS = 1000;
