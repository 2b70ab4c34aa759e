/**
 * Whose budget a call spends, on a real tenant: agent names and session names are the caller's
 * to choose, so neither may reach another user's budget.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BudgetExceeded, sessionBudgetKey, type GatewayRequest } from '../../../main/gateway/index.ts';
import { close, EchoProvider, gatewayFixture, MICRO_PER_TOKEN, verify, type GatewayFixture } from './helpers.ts';

// The echo model answers with 100 words, so a call costs ≈ 0.1 units; a reservation at maxTokens
// 100 is ≈ 0.16. A limit of 0.2 holds one such call, and a second does not fit beside it.
const LIMIT = '0.2';
const answer = (): string => 'word '.repeat(100);
const ask = (actor: string, extra: Partial<GatewayRequest> = {}): GatewayRequest => ({
  actor,
  messages: [{ role: 'user', content: 'hello there' }],
  maxTokens: 100,
  ...extra,
});

describe('budget keys of users, agents and sessions', () => {
  let f: GatewayFixture;
  afterEach(async () => {
    await close(f);
  });

  it('does not let bob spend alice\'s daily budget by naming his agent "user:alice"', async () => {
    f = await gatewayFixture(new EchoProvider({ answer }));
    await f.governance.policyChanges.set('alice', { level: 'tenant' }, 'budget.perAgent', LIMIT);
    const spent = await f.gateway.call(ask('bob', { agent: 'user:alice' }));
    expect(spent.usage.cost).toBeGreaterThan(0.1);
    // bob's agent has no room left for another call …
    await expect(f.gateway.call(ask('bob', { agent: 'user:alice' }))).rejects.toBeInstanceOf(BudgetExceeded);
    expect(f.gateway.ledger.committed('agent', 'agent:user:alice')).toBe(Math.round(spent.usage.cost * 1_000_000));
    // … and alice's own budget is untouched by it.
    expect(f.gateway.ledger.committed('agent', 'user:alice')).toBe(0);
    const own = await f.gateway.call(ask('alice'));
    expect(f.gateway.ledger.committed('agent', 'user:alice')).toBe(Math.round(own.usage.cost * 1_000_000));
    expect((await verify(f)).ok).toBe(true);
  });

  it('does not let bob spend alice\'s session budget by naming her session', async () => {
    f = await gatewayFixture(new EchoProvider({ answer }));
    await f.governance.policyChanges.set('alice', { level: 'tenant' }, 'budget.perSession', LIMIT);
    const spent = await f.gateway.call(ask('bob', { session: 'alice-session' }));
    await expect(f.gateway.call(ask('bob', { session: 'alice-session' }))).rejects.toMatchObject({ scope: 'session' });
    expect(f.gateway.ledger.committed('session', sessionBudgetKey('user:bob', 'alice-session'))).toBe(Math.round(spent.usage.cost * 1_000_000));
    const own = await f.gateway.call(ask('alice', { session: 'alice-session' }));
    expect(f.gateway.ledger.committed('session', sessionBudgetKey('user:alice', 'alice-session'))).toBe(own.usage.cost * 1_000_000);
    expect(own.usage.cost).toBe((2 + 100) * MICRO_PER_TOKEN / 1_000_000);
  });
});
