/**
 * A kill switch engaged while stage 10 waits — for its overrun turn (other calls' records of a
 * charge past their reservation) or for the log to take its record — stops the call: the record
 * comes after the engagement on the log, blocked by the kill, with the charge for the model's work;
 * the caller gets KillSwitchEngaged and none of the text. A kill engaged once the record committed
 * is after the call: it stays ok. The real gateway, tenant database and audit log; the audit port
 * is the real one, only held before `recordGatewayCall` so the test can act while the call waits.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { KillSwitchEngaged } from '../../../main/governance/errors.ts';
import { gatewayRecordOf, openGateway, type GatewayRequest } from '../../../main/gateway/index.ts';
import type { GatewayAudit } from '../../../main/gateway/ports.ts';
import { KillSwitchStore } from '../../../main/governance/kill-switch.ts';
import { close, entries, gatewayFixture, MICRO_PER_TOKEN, OverReportingProvider, PASS, UNIT_PRICE, verify, type GatewayFixture } from './helpers.ts';

const CHARGED = (200 + 4) * MICRO_PER_TOKEN;
const ask = (agent: string): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content: 'hi' }], maxTokens: 8 });

let f: GatewayFixture<OverReportingProvider>;
afterEach(async () => {
  await close(f);
});

/**
 * The gateway over the fixture's tenant with its real audit port. `arm(agent)` holds that agent's
 * `recordGatewayCall` (before the real one runs) until the test releases it; `after` runs once a
 * record has committed, before the gateway sees it.
 */
async function heldGateway(after?: (agent: string) => Promise<void>) {
  f = await gatewayFixture(new OverReportingProvider(200, 2));
  const real = f.tenant.audit as unknown as GatewayAudit;
  const holds = new Map<string, { enter: () => void; released: Promise<void> }>();
  const audit: GatewayAudit = {
    append: (e, o) => real.append(e, o),
    recordGatewayCall: async (call, options) => {
      const agent = call.fields?.agent ?? '';
      const hold = holds.get(agent);
      if (hold !== undefined) {
        hold.enter();
        await hold.released;
      }
      const result = await real.recordGatewayCall(call, options);
      await after?.(agent);
      return result;
    },
  };
  const gateway = await openGateway({ tenant: f.tenant, audit, governance: f.governance, providers: async () => f.provider, pricing: () => UNIT_PRICE });
  f = { ...f, gateway };
  const arm = (agent: string): { entered: Promise<void>; release: () => void } => {
    let enter!: () => void;
    let release!: () => void;
    const entered = new Promise<void>((r) => (enter = r));
    const released = new Promise<void>((r) => (release = r));
    holds.set(agent, { enter, released });
    return { entered, release };
  };
  return { gateway, arm };
}

const logOf = () => entries(f).filter((e) => e.action.startsWith('gateway.call') || e.action === 'governance.kill.engage');

describe('a kill switch engaged while stage 10 records the call', () => {
  it('at the commit: the call is refused with KillSwitchEngaged, recorded blocked after the kill, charged its usage, no text released', async () => {
    const { gateway, arm } = await heldGateway();
    // Room for the charge past the reservation: the call would pass but for the kill.
    await f.governance.policyChanges.set('erin', { level: 'appliance' }, 'budget.perCall', '1', { passphrase: PASS.erin as string });
    const victim = arm('victim');
    const received: string[] = [];
    const call = gateway.stream(ask('victim'), (t) => received.push(t), { holdUntilVerdict: true }).catch((e: unknown) => e);
    await victim.entered;
    const engaged = await f.governance.kills.engage('erin', 'agent', 'victim', 'drill');
    expect(engaged.aborted).toBe(1);
    victim.release();
    const error = await call;
    expect(error).toBeInstanceOf(KillSwitchEngaged);
    expect(received).toEqual([]);
    expect((error as Error).message).not.toContain('answer');

    const record = gatewayRecordOf(error);
    expect(record?.verdicts.at(-1)).toMatchObject({ stage: 'billing-post-call-audit', outcome: 'block', detail: { error: 'KILL_SWITCH_ENGAGED' } });
    const log = logOf();
    const kill = log.find((e) => e.action === 'governance.kill.engage');
    const entry = log.find((e) => e.seq === record?.auditSeq);
    expect(entry).toMatchObject({ action: 'gateway.call', outcome: 'blocked', fields: { blockedBy: 'KILL_SWITCH_ENGAGED', cost: String(CHARGED / 1e6) } });
    expect(entry!.seq).toBeGreaterThan(kill!.seq);
    // One record of the call, none of it ok.
    expect(log.filter((e) => e.action === 'gateway.call')).toHaveLength(1);
    expect(f.gateway.ledger.committed('agent', 'agent:victim')).toBe(CHARGED);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });

  it('while it waits for its overrun turn: refused and recorded blocked by the kill; the call ahead of it passes', async () => {
    const { gateway, arm } = await heldGateway();
    await f.governance.policyChanges.set('erin', { level: 'appliance' }, 'budget.perCall', '1', { passphrase: PASS.erin as string });
    const ahead = arm('ahead');
    const first = gateway.call(ask('ahead'));
    await ahead.entered;
    const received: string[] = [];
    const victim = gateway.stream(ask('victim'), (t) => received.push(t), { holdUntilVerdict: true }).catch((e: unknown) => e);
    // The victim's model ran and its stage 10 waits behind the held record.
    await new Promise((r) => setTimeout(r, 200));
    const engaged = await f.governance.kills.engage('erin', 'agent', 'victim', 'drill');
    expect(engaged.aborted).toBe(1);
    ahead.release();
    const passed = await first;
    expect(passed.text).toBe('The answer is 42.');
    const error = await victim;
    expect(error).toBeInstanceOf(KillSwitchEngaged);
    expect(received).toEqual([]);

    const record = gatewayRecordOf(error);
    const log = logOf();
    const kill = log.find((e) => e.action === 'governance.kill.engage');
    const entry = log.find((e) => e.seq === record?.auditSeq);
    expect(entry).toMatchObject({ action: 'gateway.call', outcome: 'blocked', fields: { agent: 'victim', blockedBy: 'KILL_SWITCH_ENGAGED', cost: String(CHARGED / 1e6) } });
    expect(entry!.seq).toBeGreaterThan(kill!.seq);
    expect(log.filter((e) => e.action === 'gateway.call').map((e) => [e.fields.agent, e.outcome])).toEqual([
      ['ahead', 'ok'],
      ['victim', 'blocked'],
    ]);
    expect(f.gateway.ledger.committed('tenant', '')).toBe(2 * CHARGED);
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });

  it('after the record committed: the call stays ok (the kill is after it)', async () => {
    const { gateway } = await heldGateway(async (agent) => {
      if (agent === 'done') await f.governance.kills.engage('erin', 'agent', 'done', 'drill');
    });
    await f.governance.policyChanges.set('erin', { level: 'appliance' }, 'budget.perCall', '1', { passphrase: PASS.erin as string });
    const result = await gateway.call(ask('done'));
    expect(result.text).toBe('The answer is 42.');
    const log = logOf();
    expect(log.map((e) => [e.action, e.outcome])).toEqual([
      ['gateway.call.pre', 'pending'],
      ['gateway.call', 'ok'],
      ['governance.kill.engage', 'engaged'],
    ]);
    expect((await verify(f)).ok).toBe(true);
  });
});

/**
 * Another process (`airlock kill engage` while the app runs) shares the tenant database but not this
 * process's signals: it writes the switch, then logs it. Nothing aborts the call here (no watcher
 * polls in these tests); stage 10 reads the switches under the log's write lock.
 */
describe('a kill switch engaged by another process while stage 10 records the call', () => {
  const cases = [
    ['call', 'agent', 'victim'],
    ['stream', 'agent', 'victim'],
    ['call', 'team', 'claims'],
    ['stream', 'tenant', ''],
  ] as const;
  for (const [mode, scope, target] of cases) {
    it(`${mode}, ${scope} switch: refused with that switch's KillSwitchEngaged, recorded blocked after the kill, charged, no text released`, async () => {
      const { gateway, arm } = await heldGateway();
      await f.governance.policyChanges.set('erin', { level: 'appliance' }, 'budget.perCall', '1', { passphrase: PASS.erin as string });
      const victim = arm('victim');
      const received: string[] = [];
      const request: GatewayRequest = { ...ask('victim'), team: 'claims' };
      const call = (mode === 'call' ? gateway.call(request) : gateway.stream(request, (t) => received.push(t), { holdUntilVerdict: true })).catch((e: unknown) => e);
      await victim.entered;
      // The other process: its own store on the tenant database, then its entry on the log.
      const { state } = new KillSwitchStore(f.tenant.db).engage(scope, target, 'erin', 'drill');
      const logged = await f.tenant.audit.append({ actor: 'erin', action: 'governance.kill.engage', subject: `${scope}:${target}`, outcome: 'engaged', fields: { scope, target, engagement: state.engagement } });
      victim.release();
      const error = await call;
      expect(error).toBeInstanceOf(KillSwitchEngaged);
      expect(error).toMatchObject({ scope, target });
      expect(received).toEqual([]);
      expect((error as Error).message).not.toContain('answer');

      const record = gatewayRecordOf(error);
      expect(record?.verdicts.at(-1)).toMatchObject({ stage: 'billing-post-call-audit', outcome: 'block', detail: { error: 'KILL_SWITCH_ENGAGED' } });
      const log = logOf();
      const entry = log.find((e) => e.seq === record?.auditSeq);
      expect(entry).toMatchObject({ action: 'gateway.call', outcome: 'blocked', fields: { agent: 'victim', blockedBy: 'KILL_SWITCH_ENGAGED', cost: String(CHARGED / 1e6) } });
      expect(entry!.seq).toBeGreaterThan(logged.seq);
      expect(log.filter((e) => e.action === 'gateway.call')).toHaveLength(1);
      expect(f.gateway.ledger.committed('agent', 'agent:victim')).toBe(CHARGED);
      expect(f.gateway.ledger.openReservations()).toBe(0);
      expect((await verify(f)).ok).toBe(true);
    });
  }
});
