/**
 * Gateway bench (plain script): node --import tsx test/bench/gateway.ts
 *  1. Overhead of all ten stages except the model call: a zero-cost provider answers a fixed text
 *     at once; p50/p99 per call on 1, 4 and 16 KB prompts full of PII (piiDensePrompt), on a real
 *     encrypted tenant. Two audit sinks: the tenant's durable AuditLog (two fsync'd group commits
 *     per call: pre-call and post-call) and an in-memory sink (the stages' compute alone).
 *     Baseline: the provider called directly (≈ 0). Per-stage p50 from the verdicts says which
 *     stage dominates. Goal: p50 ≤ 1 ms at 4 KB.
 *  2. Streamed tokens/s through gateway.stream() vs the raw LlamaCppProvider on the same loaded
 *     tiny model, the same (redacted) prompt, greedy, the same maxTokens. Goal: ratio ≥ 0.98.
 */
import { cpus, loadavg } from 'node:os';
import type { AppendResult, AuditEvent, GatewayCallRecord } from '../../main/audit/log.ts';
import { asModelProvider, GATEWAY_STAGES, openGateway, type Gateway, type GatewayAudit, type GatewayRequest, type StageVerdict } from '../../main/gateway/index.ts';
import { createRedactionSession } from '../../main/gateway/pii/index.ts';
import { LlamaCppProvider } from '../../main/providers/llama-cpp.ts';
import type { GenerateResult, ModelProvider } from '../../main/providers/provider.ts';
import { close, governedTenant } from '../integration/governance/helpers.ts';
import { piiDensePrompt } from './pii-corpus.ts';

const RUNS = Number(process.env.RUNS ?? 300);
const STREAM_RUNS = Number(process.env.STREAM_RUNS ?? 15);
const pct = (xs: readonly number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const f3 = (x: number): string => x.toFixed(3);

const FIXED: GenerateResult = { text: 'Noted. I will follow up with the people named above. ', tokens: 12, promptTokens: 100, stopReason: 'eos' };
const zeroCost: ModelProvider = { kind: 'llama-cpp', modelId: 'zero-cost', generate: () => Promise.resolve(FIXED), dispose: () => Promise.resolve() };

class MemoryAudit implements GatewayAudit {
  #seq = 0;
  append(_event: AuditEvent): Promise<AppendResult> {
    return Promise.resolve({ seq: ++this.#seq, chainHash: '' });
  }
  recordGatewayCall(_call: GatewayCallRecord): Promise<AppendResult> {
    return Promise.resolve({ seq: ++this.#seq, chainHash: '' });
  }
}

console.log(`gateway bench — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
const t = await governedTenant();
try {
  const request = (content: string, maxTokens = 64): GatewayRequest => ({ actor: 'ann', agent: 'bench', messages: [{ role: 'user', content }], maxTokens });
  const zeroPrice = () => ({ input: 0, output: 0 });
  const durable = await openGateway({ tenant: t.tenant, audit: t.tenant.audit, governance: t.governance, providers: () => Promise.resolve(zeroCost), pricing: zeroPrice });
  const memory = await openGateway({ tenant: t.tenant, audit: new MemoryAudit(), governance: t.governance, providers: () => Promise.resolve(zeroCost), pricing: zeroPrice });

  // ——— 1. overhead ———
  console.log('\n1. overhead of the ten stages (zero-cost provider), ms per call');
  console.log('| prompt | PII values | baseline (provider alone) p50 | gateway, in-memory audit p50 / p99 | gateway, durable audit p50 / p99 | slowest stages (p50, in-memory run) |');
  console.log('|---|---|---|---|---|---|');
  for (const kb of [1, 4, 16]) {
    const prompt = piiDensePrompt(7, kb * 1024);
    const measure = async (g: Gateway): Promise<{ xs: number[]; stages: Map<string, number[]>; values: number }> => {
      const xs: number[] = [];
      const stages = new Map<string, number[]>(GATEWAY_STAGES.map((s) => [s, []]));
      let values = 0;
      for (let i = 0; i < 30; i++) await g.call(request(prompt)); // warm-up
      for (let i = 0; i < RUNS; i++) {
        const started = performance.now();
        const r = await g.call(request(prompt));
        xs.push(performance.now() - started);
        for (const v of r.verdicts as StageVerdict[]) stages.get(v.stage)?.push(v.ms);
        values = Number(r.verdicts[2]?.detail.values ?? 0);
      }
      return { xs, stages, values };
    };
    const base: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await zeroCost.generate({ messages: [{ role: 'user', content: prompt }], maxTokens: 64 });
      base.push(performance.now() - s);
    }
    const mem = await measure(memory);
    const dur = await measure(durable);
    const slowest = [...mem.stages.entries()]
      .map(([stage, ms]) => [stage, pct(ms, 50)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([stage, ms]) => `${stage} ${f3(ms)}`)
      .join(', ');
    console.log(`| ${kb} KB | ${mem.values} | ${f3(pct(base, 50))} | ${f3(pct(mem.xs, 50))} / ${f3(pct(mem.xs, 99))} | ${f3(pct(dur.xs, 50))} / ${f3(pct(dur.xs, 99))} | ${slowest} |`);
    if (kb === 4) {
      console.log('\n  per-stage p50 at 4 KB (in-memory audit): ' + [...mem.stages.entries()].map(([s, ms]) => `${s} ${f3(pct(ms, 50))}`).join(' · '));
      console.log('  per-stage p50 at 4 KB (durable audit):   ' + [...dur.stages.entries()].map(([s, ms]) => `${s} ${f3(pct(ms, 50))}`).join(' · ') + '\n');
    }
  }

  // ——— 2. streaming throughput on the tiny model ———
  const raw = await LlamaCppProvider.open({ alias: 'tiny-test' });
  try {
    const provider = asModelProvider(raw);
    const streaming = await openGateway({ tenant: t.tenant, audit: t.tenant.audit, governance: t.governance, providers: () => Promise.resolve(provider) });
    const prompt = 'Write to Maria Lopez at maria.lopez@example.com about the appliance';
    const redacted = createRedactionSession({ packs: { gdpr: false, hipaa: false }, region: 'US' }).redact(prompt);
    const maxTokens = Number(process.env.MAX_TOKENS ?? 400);
    const rawRate: number[] = [];
    const gwRate: number[] = [];
    const gwStreamRate: number[] = [];
    let tokens = 0;
    for (let i = 0; i < STREAM_RUNS + 2; i++) {
      // Alternate raw and gateway so machine load hits both alike; the first two rounds warm up.
      let s = performance.now();
      const r = await raw.generate({ messages: [{ role: 'user', content: redacted }], maxTokens, onToken: () => undefined });
      const rawMs = performance.now() - s;
      let first = 0;
      let last = 0;
      s = performance.now();
      const g = await streaming.stream(request(prompt, maxTokens), () => {
        last = performance.now();
        if (first === 0) first = last;
      });
      const gwMs = performance.now() - s;
      if (g.usage.completionTokens !== r.tokens) throw new Error(`gateway generated ${g.usage.completionTokens} tokens, raw ${r.tokens}: not the same work`);
      if (i < 2) continue;
      tokens = r.tokens;
      rawRate.push(r.tokens / (rawMs / 1000));
      gwRate.push(g.usage.completionTokens / (gwMs / 1000));
      gwStreamRate.push(g.usage.completionTokens / ((last - s) / 1000));
    }
    const rawP50 = pct(rawRate, 50);
    console.log(`2. streaming on tiny-test, ${tokens} tokens per run (maxTokens ${maxTokens}, greedy), median of ${STREAM_RUNS} alternating runs`);
    console.log('| measure | tokens/s | ratio to raw |');
    console.log('|---|---|---|');
    console.log(`| raw LlamaCppProvider.generate (baseline) | ${rawP50.toFixed(0)} | 1.000 |`);
    console.log(`| gateway.stream, call start → last token released | ${pct(gwStreamRate, 50).toFixed(0)} | ${(pct(gwStreamRate, 50) / rawP50).toFixed(3)} |`);
    console.log(`| gateway.stream, call start → call settled (all ten stages, two durable audit writes) | ${pct(gwRate, 50).toFixed(0)} | ${(pct(gwRate, 50) / rawP50).toFixed(3)} |`);
  } finally {
    await raw.dispose();
  }
} finally {
  await close(t);
}
