import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REQUIRED_GATEWAY_STAGES } from '../../../main/audit/gateway-stages.ts';
import { BLOCKED_CALL_ACTION, BudgetExceeded, gatewayRecordOf, localProviders, PRE_CALL_ACTION, promptTokenUpperBound, type LocalProviders } from '../../../main/gateway/index.ts';
import { createRedactionSession } from '../../../main/gateway/pii/index.ts';
import { KillSwitchEngaged } from '../../../main/governance/errors.ts';
import { withCallInstructions } from '../../../main/providers/function-calls.ts';
import { LlamaCppProvider } from '../../../main/providers/llama-cpp.ts';
import type { FunctionDefinition } from '../../../main/providers/provider.ts';
import { close, EchoProvider, entries, gatewayFixture, verify, type GatewayFixture } from './helpers.ts';

describe('end to end on the real tiny model (node-llama-cpp)', () => {
  let local: LocalProviders;
  let raw: LlamaCppProvider;
  let f: GatewayFixture;
  beforeAll(async () => {
    local = localProviders();
    raw = await LlamaCppProvider.open({ alias: 'tiny-test' });
    f = await gatewayFixture(new EchoProvider(), { providers: local.resolve, pricing: undefined });
  });
  afterAll(async () => {
    await close(f);
    await raw.dispose();
    await local.dispose();
  });

  it('the model generates from the redacted prompt exactly as the raw provider does, and the call is recorded', async () => {
    const prompt = 'Contact Maria Lopez at maria.lopez@example.com about the appliance.';
    const result = await f.gateway.call({ actor: 'ann', model: 'default', messages: [{ role: 'user', content: prompt }], maxTokens: 24 });
    const redacted = createRedactionSession({ packs: { gdpr: false, hipaa: false }, region: 'US' }).redact(prompt);
    expect(redacted).not.toContain('maria.lopez');
    const direct = await raw.generate({ messages: [{ role: 'user', content: redacted }], maxTokens: 24 });
    expect(result.model).toBe('tiny-test');
    expect(result.usage.completionTokens).toBe(direct.tokens);
    expect(result.usage.promptTokens).toBe(direct.promptTokens);
    expect(result.text).toBe(direct.text);
    expect(result.verdicts.map((v) => v.stage)).toEqual([...REQUIRED_GATEWAY_STAGES]);
    // Priced from the manifest (0.01 input / 0.02 output per 1,000 tokens: 10 and 20 micro-units a token).
    expect(result.usage.cost).toBe((direct.promptTokens * 10 + direct.tokens * 20) / 1e6);
    expect(result.usage.cost).toBeGreaterThan(0);
    expect(entries(f).find((e) => e.seq === result.auditSeq)).toMatchObject({ action: 'gateway.call', outcome: 'ok', fields: { model: 'tiny-test' } });
    expect((await verify(f)).ok).toBe(true);
  });

  it('a conversation reuses its own evaluated prompt prefix on the next turn; another session, agent or actor never does', async () => {
    const cached = (r: { verdicts: readonly { stage: string; detail: Readonly<Record<string, unknown>> }[] }): unknown =>
      r.verdicts.find((v) => v.stage === 'llm-call')?.detail.cachedPromptTokens;
    const turn1: { role: 'user' | 'assistant'; content: string }[] = [{ role: 'user', content: 'Summarise the ticket from maria.lopez@example.com please' }];
    const ask = (messages: typeof turn1, scope: { actor?: string; agent?: string; session?: string }) =>
      f.gateway.call({ actor: scope.actor ?? 'ann', agent: scope.agent ?? 'triage', ...(scope.session !== undefined && { session: scope.session }), messages, maxTokens: 8 });
    const first = await ask(turn1, { session: 's-1' });
    expect(cached(first)).toBeUndefined();
    const turn2: typeof turn1 = [...turn1, { role: 'assistant', content: first.text }, { role: 'user', content: 'Thanks, and the next one?' }];
    const second = await ask(turn2, { session: 's-1' });
    expect(cached(second)).toEqual(expect.any(Number));
    expect(cached(second) as number).toBeGreaterThan(5);
    // Same messages from another session, agent or actor (the previous state was s-1's): evaluated afresh, same text.
    for (const scope of [{ session: 's-2' }, { session: 's-1', agent: 'intake' }, { session: 's-1', actor: 'bob' }, {}]) {
      await ask(turn2, { session: 's-1' }); // leave s-1's state in the sequence
      const other = await ask(turn2, scope);
      expect(cached(other), JSON.stringify(scope)).toBeUndefined();
      expect(other.text).toBe(second.text);
    }
    expect((await verify(f)).ok).toBe(true);
  });

  it('bounds a prompt with function definitions above what the model counts, and refuses before the model a call they take past the per-call budget', async () => {
    const fn = (description: string): FunctionDefinition[] => [{ name: 'lookup', description, parameters: { type: 'object', properties: { q: { type: 'string' } } } }];
    const messages = [{ role: 'user' as const, content: 'hi' }];
    // What the in-process provider sends for them: its instructions as a system message, through the
    // chat template (a description short enough for the tiny model's 512-token context).
    const short = fn('Looks a record up by its key. '.repeat(5));
    const sent = await raw.generate({ messages: withCallInstructions(messages, { functions: short, mode: 'auto' }), maxTokens: 1 });
    expect(sent.promptTokens).toBeGreaterThan(300);
    expect(promptTokenUpperBound(['hi'], short)).toBeGreaterThanOrEqual(sent.promptTokens);

    // The review's call: "hi" with one function of a 258-byte description, under per-call and per-tenant limits of 0.002.
    const functions = fn('x'.repeat(258));
    const g = await gatewayFixture(new EchoProvider(), { providers: local.resolve, pricing: undefined });
    try {
      for (const limit of ['budget.perCall', 'budget.perTenant'] as const) await g.governance.policyChanges.set('alice', { level: 'tenant' }, limit, '0.002');
      const error = await g.gateway.call({ actor: 'ann', messages, functions, maxTokens: 64 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(BudgetExceeded);
      expect(error).toMatchObject({ scope: 'call', limit: 0.002 });
      expect((error as BudgetExceeded).requested).toBeGreaterThanOrEqual((promptTokenUpperBound(['hi'], functions) * 0.01 + 64 * 0.02) / 1000);
      expect(entries(g).find((e) => e.seq === gatewayRecordOf(error)?.auditSeq)).toMatchObject({ action: BLOCKED_CALL_ACTION, fields: { code: 'BUDGET_EXCEEDED', event: 'billing' } });
      expect(entries(g).some((e) => e.action === PRE_CALL_ACTION)).toBe(false);
      expect(g.gateway.ledger.committed('tenant', '')).toBe(0);
    } finally {
      await close(g);
    }
  });

  it('a prompt longer than the model\'s context is refused with what to do, charged nothing, and recorded', async () => {
    const long = Array.from({ length: 700 }, (_, i) => `word${i}`).join(' ');
    const error = await f.gateway.call({ actor: 'ann', agent: 'too-long', model: 'default', messages: [{ role: 'user', content: long }], maxTokens: 4 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/could not complete the call \(bad-request\): .*prompt plus maxTokens must fit its context, .*not allOf.*\. Shorten the prompt, lower maxTokens or simplify the schema/);
    const record = gatewayRecordOf(error);
    expect(record?.verdicts[5]?.detail).toMatchObject({ providerError: 'bad-request', model: 'tiny-test' });
    expect(entries(f).find((e) => e.seq === record?.auditSeq)?.fields).toMatchObject({ blockedBy: 'MODEL_CALL_FAILED', usage: 'refused', cost: '0' });
    expect(f.gateway.ledger.openReservations()).toBe(0);
    expect((await verify(f)).ok).toBe(true);
  });

  it('streams the same text it returns', async () => {
    const chunks: string[] = [];
    const result = await f.gateway.stream({ actor: 'ann', messages: [{ role: 'user', content: 'The appliance is' }], maxTokens: 32 }, (t) => chunks.push(t));
    expect(chunks.length).toBeGreaterThan(0);
    expect(result.streamDiverged).toBe(false);
    expect(chunks.join('')).toBe(result.text);
  });

  it('a kill switch engaged mid-stream stops the real generation; no text arrives after it', async () => {
    let afterKill = 0;
    let killed = false;
    const error = await f.gateway
      .stream({ actor: 'ann', agent: 'runaway', messages: [{ role: 'user', content: 'Tell a long story' }], maxTokens: 400 }, () => {
        if (killed) afterKill++;
        else {
          killed = true;
          void f.governance.kills.engage('erin', 'agent', 'runaway', 'test');
        }
      }, { holdUntilVerdict: false })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KillSwitchEngaged);
    expect(afterKill).toBe(0);
    const llm = gatewayRecordOf(error)?.verdicts[5];
    expect(llm).toMatchObject({ stage: 'llm-call', outcome: 'block', detail: { stopReason: 'aborted' } });
    expect(Number(llm?.detail.completionTokens)).toBeLessThan(400);
  });
});
