/**
 * A legitimate call must write a record the real verifier accepts, and a stage verdict the record
 * cannot carry exactly must block the call (fail closed) rather than be hashed one way and stored
 * another. Real encrypted audit log, real verifier.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { GATEWAY_STAGE_MODULES, type GatewayRequest } from '../../../main/gateway/index.ts';
import { canonicalVerdict, pipelineHashOf } from '../../../main/gateway/pipeline.ts';
import type { Stage, StageVerdict } from '../../../main/gateway/stage.ts';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { recomputePipelineHash } from '../../../main/audit/gateway-stages.ts';
import { close, EchoProvider, entries, gatewayFixture, verify, type GatewayFixture } from './helpers.ts';

const ask = (content: string): GatewayRequest => ({ actor: 'ann', agent: 'triage', messages: [{ role: 'user', content }], maxTokens: 32 });

let f: GatewayFixture | undefined;
afterEach(async () => {
  if (f) await close(f);
  f = undefined;
});

/** A provider that leaves stopReason out of its answer (the field is optional in practice). */
class NoStopReason implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  readonly modelId = 'echo';
  async generate(_r: GenerateRequest): Promise<GenerateResult> {
    return { text: 'hello there', tokens: 2, promptTokens: 3 } as unknown as GenerateResult;
  }
  async dispose(): Promise<void> {}
}

const withStage = (name: Stage['name'], wrap: (v: StageVerdict) => StageVerdict): readonly Stage[] =>
  GATEWAY_STAGE_MODULES.map((s) => (s.name === name ? { ...s, run: async (ctx) => wrap(await s.run(ctx)) } : s));

describe('stage verdicts are recorded as they are hashed', () => {
  it('a provider that omits stopReason writes a record that verifies (the undefined detail key is dropped)', async () => {
    f = await gatewayFixture(new NoStopReason() as unknown as EchoProvider);
    const out = await f.gateway.call(ask('an ordinary call'));
    expect(out.verdicts.find((v) => v.stage === 'llm-call')?.detail).not.toHaveProperty('stopReason');
    const r = await verify(f);
    expect(r.failure).toBeNull();
    expect(r.pipelineHashesRecomputed).toBeGreaterThan(0);
  });

  it.each([
    ['an extra top-level field', 'ok', (v: StageVerdict) => ({ ...v, note: 'x' }) as StageVerdict],
    ['a nested detail object', 'blocked', (v: StageVerdict) => ({ ...v, detail: { ...v.detail, n: { b: 1, a: 2 } as unknown as string } })],
    ['a detail value of null', 'blocked', (v: StageVerdict) => ({ ...v, detail: { ...v.detail, n: null as unknown as string } })],
    ['a NaN detail value', 'blocked', (v: StageVerdict) => ({ ...v, detail: { ...v.detail, n: NaN } })],
    ['an infinite ms', 'blocked', (v: StageVerdict) => ({ ...v, ms: Infinity })],
    ['an outcome the gateway does not know', 'blocked', (v: StageVerdict) => ({ ...v, outcome: 'skipped' as StageVerdict['outcome'] })],
    ['not-run where nothing blocked', 'blocked', (v: StageVerdict) => ({ ...v, outcome: 'not-run' as const })],
  ])('a stage returning %s: the call is %s and the log verifies', async (_label, expected, wrap) => {
    f = await gatewayFixture(new EchoProvider(), { stages: withStage('output-moderation', wrap) });
    const out = await f.gateway.call(ask('an ordinary call')).catch((e: unknown) => e);
    if (expected === 'ok') expect(out).not.toBeInstanceOf(Error);
    else expect((out as Error).name).toBe('GatewayStageError');
    const record = entries(f).find((e) => e.action === 'gateway.call');
    expect(record?.outcome).toBe(expected);
    const r = await verify(f);
    expect(r.failure).toBeNull();
  });

  it('not-run at a stage that stops on a block blocks the call there, recorded before the model', async () => {
    f = await gatewayFixture(new EchoProvider(), { stages: withStage('prompt-injection', (v) => ({ ...v, outcome: 'not-run' })) });
    const out = await f.gateway.call(ask('an ordinary call')).catch((e: unknown) => e);
    expect((out as Error).name).toBe('GatewayStageError');
    expect(f.provider.calls).toBe(0);
    const blocked = entries(f).find((e) => e.action === 'gateway.call.blocked');
    expect(blocked?.fields.verdicts).toBe('pass,block');
    expect((await verify(f)).failure).toBeNull();
  });
});

describe('canonicalVerdict', () => {
  const base = (detail: Record<string, unknown>, extra: Record<string, unknown> = {}): StageVerdict =>
    ({ stage: 'budget', outcome: 'pass', detail, ms: 1.5, ...extra }) as unknown as StageVerdict;
  /** What the verifier hashes: the verdict as stored (JSON) and read back. */
  const stored = (v: StageVerdict): unknown[] => (JSON.parse(JSON.stringify({ verdicts: [v] })) as { verdicts: unknown[] }).verdicts;

  it('hashes an undefined detail value as the stored JSON has it: no key', () => {
    const v = base({ a: 1, stopReason: undefined });
    expect(pipelineHashOf([v])).toBe(recomputePipelineHash(stored(v)));
    expect(pipelineHashOf([v])).toBe(pipelineHashOf([base({ a: 1 })]));
  });

  it.each([
    ['NaN', base({ a: NaN })],
    ['Infinity', base({ a: Infinity })],
    ['-Infinity', base({ a: -Infinity })],
    ['null', base({ a: null })],
    ['a nested object', base({ a: { z: 1 } })],
    ['an array', base({ a: [1] })],
    ['an extra top-level field', base({ a: 1 }, { note: 'x' })],
    ['an undefined ms', base({ a: 1 }, { ms: undefined })],
  ])('throws on %s rather than hash it as something the record does not hold', (_label, v) => {
    expect(() => canonicalVerdict(v)).toThrow(TypeError);
  });

  it('keeps an own "__proto__" detail key in the hash, as the stored JSON keeps it', () => {
    const withProto = JSON.parse('{"stage":"budget","outcome":"pass","detail":{"7":1,"__proto__":"x"},"ms":1}') as StageVerdict;
    const without = JSON.parse('{"stage":"budget","outcome":"pass","detail":{"7":1},"ms":1}') as StageVerdict;
    expect(pipelineHashOf([withProto])).not.toBe(pipelineHashOf([without]));
  });
});
