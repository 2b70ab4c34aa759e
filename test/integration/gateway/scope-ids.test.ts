/**
 * The team and agent of a call are what kill switches, policy levels and budgets are keyed by, so a
 * call names them in the one spelling governance uses: `Claims`, `claims `, a Cyrillic `сlaims` or
 * a fullwidth `ｃlaims` is a 400, never a team that no switch covers. And a seed is one llama.cpp
 * can take as given (0 to 2^32 − 2), never one folded onto another or read as "random".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KillSwitchEngaged } from '../../../main/governance/errors.ts';
import { GatewayRequestError, type GatewayRequest } from '../../../main/gateway/index.ts';
import { close, EchoProvider, entries, gatewayFixture, type GatewayFixture } from './helpers.ts';

let f: GatewayFixture;
beforeAll(async () => {
  f = await gatewayFixture(new EchoProvider({ answer: () => 'an answer' }));
  await f.governance.kills.engage('erin', 'team', 'claims', 'runaway agent');
  await f.governance.kills.engage('erin', 'agent', 'triage', 'runaway agent');
}, 60_000);
afterAll(async () => {
  await close(f);
});

const ask = (scope: { team?: string; agent?: string; seed?: number }): GatewayRequest => ({ actor: 'ann', messages: [{ role: 'user', content: 'an ordinary question' }], maxTokens: 16, ...scope });

async function outcome(request: GatewayRequest): Promise<unknown> {
  return f.gateway.call(request).then(
    () => 'answered',
    (e: unknown) => e,
  );
}

describe('a call for a team or agent under a kill switch', () => {
  it('is stopped in the spelling governance uses, and every other spelling is a 400 before anything runs', async () => {
    expect(await outcome(ask({ team: 'claims' }))).toBeInstanceOf(KillSwitchEngaged);
    expect(await outcome(ask({ agent: 'triage' }))).toBeInstanceOf(KillSwitchEngaged);
    const modelCalls = f.provider.calls;
    const logBefore = entries(f).length;
    for (const team of ['Claims', ' claims', 'claims ', '\u0441laims', '\uff43laims', 'CLAIMS']) {
      const error = await outcome(ask({ team }));
      expect(error, JSON.stringify(team)).toBeInstanceOf(GatewayRequestError);
      expect((error as Error).message).toMatch(/team must be a lower-case id/);
    }
    for (const agent of ['Triage', 'triage\u00a0', 't\u0072iage\u200b']) {
      expect(await outcome(ask({ agent })), JSON.stringify(agent)).toBeInstanceOf(GatewayRequestError);
    }
    expect((await outcome(ask({ team: 'Claims' })) as Error).message).toMatch(/\(write "claims"\)/);
    expect(f.provider.calls).toBe(modelCalls);
    expect(entries(f).length).toBe(logBefore);
    // Another team in the same spelling is answered.
    expect(await outcome(ask({ team: 'billing' }))).toBe('answered');
  });
});

describe('a seed', () => {
  it('is a 400 outside 0 … 2^32 − 2, where llama.cpp would fold it onto another seed or read it as random', async () => {
    for (const seed of [-1, -(2 ** 53) + 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 7, Number.MAX_SAFE_INTEGER]) {
      const error = await outcome(ask({ seed }));
      expect(error, String(seed)).toBeInstanceOf(GatewayRequestError);
      expect((error as Error).message).toMatch(/seed must be a whole number from 0 to 4294967294/);
    }
    for (const seed of [0, 7, 2 ** 32 - 2]) expect(await outcome(ask({ seed })), String(seed)).toBe('answered');
  });
});
