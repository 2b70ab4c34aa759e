/**
 * The sweep of budget reservations that crashed calls left open, on a real tenant: the real
 * gateway reserves through stage 5 with a model that does not answer (in this process, standing
 * in for a process that died there, and in a child process that is SIGKILLed there), then a
 * later open of the gateway — with an injected clock — settles what is stale and records it.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openGateway, BudgetExceeded, GatewayReservationSwept, PRE_CALL_ACTION, type GatewayRequest, type GatewayResult } from '../../../main/gateway/index.ts';
import type { GatewayAudit } from '../../../main/gateway/ports.ts';
import {
  BUDGET_SWEPT_ACTION,
  DEFAULT_STALE_RESERVATION_MS,
  GATEWAY_ACTOR,
  ReservationSweepError,
} from '../../../main/gateway/reservation-sweep.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { restart, type GovernedTenant } from '../governance/helpers.ts';
import { close, EchoProvider, entries, gatewayFixture, MICRO_PER_TOKEN, PASS, UNIT_PRICE, verify, type GatewayFixture } from './helpers.ts';

/** Midday UTC, so the stale age never carries the sweep into the next budget day. */
const T0 = Date.parse('2031-03-04T12:00:00.000Z');
const STALE = DEFAULT_STALE_RESERVATION_MS;
const PROMPT = 'a question the model is slow to answer';

/** A model that has started and does not answer until released: its call sits between stage 5 and stage 10. */
class StalledProvider implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  readonly modelId = 'stalled';
  readonly entered: Promise<void>;
  #enter!: () => void;
  #answer: ((result: GenerateResult) => void) | undefined;

  constructor() {
    this.entered = new Promise((resolve) => (this.#enter = resolve));
  }

  generate(_request: GenerateRequest): Promise<GenerateResult> {
    this.#enter();
    return new Promise((resolve) => (this.#answer = resolve));
  }

  answer(text: string): void {
    if (this.#answer === undefined) throw new Error('the stalled model was not called');
    this.#answer({ text, tokens: 3, promptTokens: 9, stopReason: 'eos' });
  }

  async dispose(): Promise<void> {}
}

const ask = (agent: string, extra: Partial<GatewayRequest> = {}): GatewayRequest => ({
  actor: 'ann',
  agent,
  messages: [{ role: 'user', content: PROMPT }],
  maxTokens: 100,
  ...extra,
});

interface ReservationRow {
  id: string;
  call_id: string | null;
  state: string;
  reserved_micro: number;
  settled_micro: number | null;
}

const reservations = (t: GovernedTenant): ReservationRow[] =>
  t.tenant.db.prepare('SELECT id, call_id, state, reserved_micro, settled_micro FROM gateway_budget_reservations ORDER BY created_at').all() as ReservationRow[];

/** A call started on a gateway at T0 whose model has not answered: the reservation is open. */
async function stalledCall(agent: string, clock: () => number = () => T0): Promise<{ f: GatewayFixture<StalledProvider>; pending: Promise<GatewayResult | unknown>; callId: string; preCallSeq: number }> {
  const f = await gatewayFixture(new StalledProvider(), { clock });
  const pending = f.gateway.call(ask(agent)).catch((e: unknown) => e);
  await f.provider.entered;
  const preCall = entries(f).find((e) => e.action === PRE_CALL_ACTION && e.fields.agent === agent);
  if (preCall === undefined) throw new Error('no pre-call entry');
  return { f, pending, callId: preCall.subject, preCallSeq: preCall.seq };
}

const open: GovernedTenant[] = [];
afterEach(async () => {
  for (const t of open.splice(0)) await close(t);
});

describe('sweeping stale budget reservations', () => {
  it('settles a reservation left open by a call that never finished at its full amount once stale, recording the sweep in the same commit; the log verifies', async () => {
    const { f, pending, callId, preCallSeq } = await stalledCall('crashed');
    open.push(f);
    const period = f.gateway.ledger.period(T0);
    const reservedMicro = f.gateway.ledger.committed('agent', 'agent:crashed', period);
    expect(reservedMicro).toBeGreaterThan(0);
    expect(reservations(f)).toEqual([expect.objectContaining({ call_id: callId, state: 'open', reserved_micro: reservedMicro })]);

    // The next open of the gateway, after the stale age (another process, as after a restart).
    const later = await gatewayFixture(new EchoProvider(), { clock: () => T0 + STALE + 1 }, f);
    const reservationId = reservations(f)[0]?.id;
    const sweptEntry = entries(f).find((e) => e.action === BUDGET_SWEPT_ACTION);
    expect(later.gateway.lastSweep?.swept).toEqual([
      { reservationId, callId, cost: reservedMicro / 1_000_000, reservedAt: new Date(T0).toISOString(), auditSeq: sweptEntry?.seq },
    ]);
    expect(sweptEntry).toMatchObject({
      actor: GATEWAY_ACTOR,
      subject: reservationId,
      outcome: 'ok',
      fields: { reservation: reservationId, callId, cost: String(reservedMicro / 1_000_000), usageKnown: 'false', agentKey: 'agent:crashed', period },
    });
    expect(sweptEntry?.seq).toBeGreaterThan(preCallSeq);
    expect(JSON.stringify(sweptEntry)).not.toContain(PROMPT);

    // Charged in full (usage is unknown), nothing released; the reservation is closed.
    expect(reservations(f)).toEqual([expect.objectContaining({ state: 'settled', settled_micro: reservedMicro })]);
    expect(later.gateway.ledger.openReservations()).toBe(0);
    expect(later.gateway.ledger.committed('agent', 'agent:crashed', period)).toBe(reservedMicro);
    expect((await verify(f)).ok).toBe(true);

    // What is left of the agent's day is the limit less the swept charge: a call that fits in it
    // passes, one that needs a token more is refused against exactly that charge.
    const room = 192 * MICRO_PER_TOKEN; // PROMPT's estimate (at most 86 tokens) + 64 fits; + 400 does not
    await f.governance.policyChanges.set('alice', { level: 'agent', id: 'crashed' }, 'budget.perAgent', String((reservedMicro + room) / 1_000_000));
    const fits = await later.gateway.call(ask('crashed', { maxTokens: 64 }));
    const fitsMicro = Math.round(fits.usage.cost * 1_000_000);
    expect(fitsMicro).toBeGreaterThan(0);
    const refused = await later.gateway.call(ask('crashed', { maxTokens: 400 })).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BudgetExceeded);
    expect(refused).toMatchObject({ scope: 'agent', committed: (reservedMicro + fitsMicro) / 1_000_000 });

    // The stalled call was only slow, not dead: when it returns, its reservation is already
    // charged, so it is not charged twice; it fails closed and its output is withheld.
    f.provider.answer('too late');
    const lateError = await pending;
    expect(lateError).toBeInstanceOf(GatewayReservationSwept);
    expect(lateError).toMatchObject({ stage: 'billing-post-call-audit', code: 'GATEWAY_RESERVATION_SWEPT', message: expect.stringMatching(/swept and charged in full.*staleReservationMs/) });
    expect(entries(f).filter((e) => e.action === 'gateway.call' && e.subject === callId)).toEqual([]);
    expect(reservations(f)[0]).toMatchObject({ state: 'settled', settled_micro: reservedMicro });
    expect((await verify(f)).ok).toBe(true);
  });

  it('leaves an open reservation alone until it is older than the stale age, and never sweeps a call in flight through the sweeping gateway', async () => {
    let now = T0;
    const { f, pending } = await stalledCall('in-flight', () => now);
    open.push(f);

    // Exactly the stale age is not older than it: another process may still be in that call.
    const elsewhere = await gatewayFixture(new EchoProvider(), { clock: () => T0 + STALE }, f);
    expect(elsewhere.gateway.lastSweep).toEqual({ staleBefore: new Date(T0).toISOString(), swept: [], skipped: [] });
    expect(elsewhere.gateway.ledger.openReservations()).toBe(1);

    // The gateway running the call knows it is in flight, however long it has run.
    now = T0 + 10 * STALE;
    expect((await f.gateway.sweepStaleReservations()).swept).toEqual([]);
    expect(entries(f).some((e) => e.action === BUDGET_SWEPT_ACTION)).toBe(false);

    f.provider.answer('done at last');
    const result = (await pending) as GatewayResult;
    expect(result.text).toBe('done at last');
    expect(result.usage.cost).toBe(((9 + 3) * MICRO_PER_TOKEN) / 1_000_000);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect(reservations(f)[0]).toMatchObject({ state: 'settled', settled_micro: (9 + 3) * MICRO_PER_TOKEN });
  });

  it('keeps the reservation open when the audit log does not take the sweep entry (fail closed), and sweeps it once the log does', async () => {
    const { f } = await stalledCall('unrecorded');
    open.push(f);
    const before = reservations(f);
    const committedBefore = f.gateway.ledger.committed('agent', 'agent:unrecorded', f.gateway.ledger.period(T0));
    // The settlement runs in the log's real transaction, then the entry write fails after it:
    // the log rolls both back.
    const audit: GatewayAudit = {
      append: (event, options) =>
        event.action === BUDGET_SWEPT_ACTION
          ? f.tenant.audit.append(event, {
              withinCommit: (db) => {
                options?.withinCommit?.(db);
                throw new Error('disk full after the settlement');
              },
            })
          : f.tenant.audit.append(event, options),
      recordGatewayCall: (call, options) => f.tenant.audit.recordGatewayCall(call, options),
    };
    const options = { tenant: f.tenant, audit, governance: f.governance, providers: async () => new EchoProvider(), pricing: () => UNIT_PRICE, clock: () => T0 + STALE + 1 };
    const error = await openGateway(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReservationSweepError);
    expect(error).toMatchObject({ failed: [before[0]?.id], causeName: 'Error', report: { swept: [] } });
    expect((error as Error).message).toMatch(/stay open .* Run `airlock audit verify`/);
    expect(reservations(f)).toEqual(before);
    expect(f.gateway.ledger.committed('agent', 'agent:unrecorded', f.gateway.ledger.period(T0))).toBe(committedBefore);
    expect(entries(f).some((e) => e.action === BUDGET_SWEPT_ACTION)).toBe(false);
    expect((await verify(f)).ok).toBe(true);

    const recovered = await openGateway({ ...options, audit: f.tenant.audit });
    expect(recovered.lastSweep?.swept.map((s) => s.reservationId)).toEqual([before[0]?.id]);
    expect(recovered.ledger.openReservations()).toBe(0);
  });

  it('refuses a stale age too short to tell a crashed call from a running one', async () => {
    const f = await gatewayFixture();
    open.push(f);
    await expect(gatewayFixture(new EchoProvider(), { staleReservationMs: 5_000 }, f)).rejects.toThrow(/staleReservationMs must be .* at least 60000/);
  });

  it('sweeps the reservation of a process SIGKILLed inside the model call, at the next open after the stale age', async () => {
    const f = await gatewayFixture();
    open.push(f);
    const { signal, out } = await killInModelCall(f.dir);
    expect(signal).toBe('SIGKILL');
    expect(out).toContain('IN_MODEL');
    expect(out).not.toContain('RETURNED');

    const back = await restart(f);
    open.splice(open.indexOf(f), 1, back);
    const preCall = entries(back).find((e) => e.action === PRE_CALL_ACTION && e.fields.agent === 'killed-mid-call');
    expect(preCall).toBeDefined();
    expect(entries(back).some((e) => e.action === 'gateway.call' && e.subject === preCall?.subject)).toBe(false);

    const fresh = await gatewayFixture(new EchoProvider(), {}, back);
    expect(fresh.gateway.lastSweep?.swept).toEqual([]);
    expect(fresh.gateway.ledger.openReservations()).toBe(1);

    const stale = await gatewayFixture(new EchoProvider(), { clock: () => Date.now() + STALE + 60_000 }, back);
    expect(stale.gateway.lastSweep?.swept).toEqual([expect.objectContaining({ callId: preCall?.subject })]);
    expect(entries(back).find((e) => e.action === BUDGET_SWEPT_ACTION)).toMatchObject({ fields: { callId: preCall?.subject, agentKey: 'agent:killed-mid-call', session: '["agent:killed-mid-call","crash-session"]' } });
    expect(stale.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(back)).ok).toBe(true);
  }, 60_000);
});

const child = join(import.meta.dirname, 'fixtures', 'crash-mid-call.ts');
const tsx = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs');

/** Runs the child until its call is in the model, then SIGKILLs it. */
function killInModelCall(dir: string): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', tsx, child, dir], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('IN_MODEL\n')) proc.kill('SIGKILL');
    });
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === null) reject(new Error(`the crash child exited by itself (${code}): ${err}`));
      else resolve({ signal, out });
    });
    proc.stdin.end(`${PASS.alice}\n`);
  });
}
