/**
 * A per-call context for unit tests of single stages: a real budget ledger on an in-memory
 * database, a real redaction session, and doubles for the neighbours (audit log, provider).
 */
import { Database } from '../../../../main/data/sqlite.ts';
import { KillSwitchStore } from '../../../../main/governance/kill-switch.ts';
import { migrateGovernance } from '../../../../main/governance/schema.ts';
import { BudgetLedger, migrateGateway, Trace, type CallContext, type GatewayRequest } from '../../../../main/gateway/index.ts';
import type { AppendOptions, AppendResult, AuditEvent, GatewayCallRecord } from '../../../../main/audit/log.ts';
import { APPLIANCE_BASELINE } from '../../../../main/governance/policy/dimensions.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/index.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../../../../main/providers/provider.ts';

/** Keeps entries in memory; runs `withinCommit` in a transaction of the test database, as AuditLog does. */
export class MemoryAudit {
  readonly events: AuditEvent[] = [];
  readonly calls: GatewayCallRecord[] = [];
  fail = false;
  /** Drops `withinCommit` on the floor, like a port that does not support it. */
  ignoreWithinCommit = false;
  constructor(private readonly db: Database) {}
  #commit(options: AppendOptions): void {
    const hook = options.withinCommit;
    if (hook && !this.ignoreWithinCommit) this.db.transaction(() => hook(this.db)).immediate();
  }
  append(event: AuditEvent, options: AppendOptions = {}): Promise<AppendResult> {
    if (this.fail) return Promise.reject(new Error('audit down'));
    try {
      this.#commit(options);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    this.events.push(event);
    return Promise.resolve({ seq: this.events.length + this.calls.length, chainHash: '0'.repeat(64) });
  }
  recordGatewayCall(call: GatewayCallRecord, options: AppendOptions = {}): Promise<AppendResult> {
    if (this.fail) return Promise.reject(new Error('audit down'));
    try {
      this.#commit(options);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    this.calls.push(call);
    return Promise.resolve({ seq: this.events.length + this.calls.length, chainHash: '0'.repeat(64) });
  }
}

export class ScriptedProvider implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  readonly modelId = 'scripted';
  requests: GenerateRequest[] = [];
  constructor(private readonly reply: (request: GenerateRequest) => Promise<GenerateResult> | GenerateResult) {}
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    this.requests.push(request);
    return this.reply(request);
  }
  async dispose(): Promise<void> {}
}

export const textReply = (text: string): ScriptedProvider =>
  new ScriptedProvider(() => ({ text, tokens: text.split(' ').length, promptTokens: 10, stopReason: 'eos' }));

export interface TestContext extends CallContext {
  readonly trace: Trace;
  readonly audit: MemoryAudit;
  readonly db: Database;
}

export function testContext(
  options: {
    request?: Partial<GatewayRequest>;
    mode?: 'audit' | 'warn' | 'enforce';
    provider?: ModelProvider;
    perCall?: number;
    hipaa?: boolean;
    killSignal?: AbortSignal;
  } = {},
): TestContext {
  const db = new Database(':memory:');
  migrateGateway(db);
  // Stage 10 reads the kill switches at the record's commit.
  migrateGovernance(db);
  const limit = (value: number) => ({ value, decidedBy: 'appliance' });
  const killSignal = options.killSignal ?? new AbortController().signal;
  const packs = { gdpr: false, hipaa: options.hipaa ?? false };
  return {
    callId: 'call-1',
    request: { actor: 'ann', messages: [{ role: 'user', content: 'hello' }], maxTokens: 16, ...options.request },
    policy: {
      mode: options.mode ?? 'enforce',
      packs: { packs, piiRedaction: true, consentTracking: false, protectedCategories: [], moderationThresholds: {} },
      limits: {
        perCall: limit(options.perCall ?? APPLIANCE_BASELINE['budget.perCall']),
        perSession: limit(APPLIANCE_BASELINE['budget.perSession']),
        perAgent: limit(APPLIANCE_BASELINE['budget.perAgent']),
        perTenant: limit(APPLIANCE_BASELINE['budget.perTenant']),
      },
    },
    audit: new MemoryAudit(db),
    ledger: new BudgetLedger(db),
    provider: options.provider ?? textReply('fine thanks'),
    price: { input: 1, output: 1 }, // one unit per 1,000 tokens
    pricing: () => ({ input: 1, output: 1 }),
    pii: createRedactionSession({ packs, region: 'US' }),
    signal: killSignal,
    killSignal,
    kills: new KillSwitchStore(db),
    trace: new Trace(),
    startedMs: performance.now(),
    warnings: [],
    findings: new Set(),
    db,
  };
}

/** A message whose content throws when read: makes the real stage under test fail. */
export function exploding(role: 'user' | 'assistant' = 'user'): { role: 'user' | 'assistant'; content: string } {
  return Object.defineProperty({ role } as { role: 'user' | 'assistant'; content: string }, 'content', {
    get() {
      throw new RangeError('boom');
    },
    enumerable: true,
  });
}
