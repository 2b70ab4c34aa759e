/**
 * Governance benchmark (plain script): node --import tsx test/bench/governance.ts
 *  1. policy resolutions per second through the 60 s cache vs straight from the tenant database
 *     (baseline: uncached), on a real encrypted tenant with rows at every level;
 *  2. kill-switch latency on the tiny model: a streaming generation registered with the kill-switch
 *     registry, engaged mid-stream; time from calling engage() to the aborted generation settling,
 *     and whether any token arrived after the abort. p50/p99 over RUNS runs. Goal: p99 ≤ 100 ms.
 */
import { LlamaCppProvider } from '../../main/providers/llama-cpp.ts';
import { close, governedTenant } from '../integration/governance/helpers.ts';

const RUNS = Number(process.env.RUNS ?? 50);
const pct = (xs: number[], p: number): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
};

const t = await governedTenant();
try {
  // ——— 1. resolution throughput ———
  const g = t.governance;
  const teams = Array.from({ length: 20 }, (_, i) => `team-${i}`);
  const agents = Array.from({ length: 100 }, (_, i) => `agent-${i}`);
  await g.policyChanges.set('alice', { level: 'tenant' }, 'toolDiscovery', 'off');
  await g.policyChanges.set('alice', { level: 'tenant' }, 'packs', 'gdpr');
  for (const team of teams) await g.policyChanges.set('alice', { level: 'team', id: team }, 'autonomy', 'reactive');
  for (const agent of agents) await g.policyChanges.set('alice', { level: 'agent', id: agent }, 'budget.perCall', '0.1');
  const scopes = agents.map((agent, i) => ({ team: teams[i % teams.length], agent }));

  const rate = (fn: (i: number) => unknown, ms = 1500): number => {
    for (let i = 0; i < 2000; i++) fn(i); // warm-up
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < ms) {
      for (let k = 0; k < 200; k++) fn(n++);
    }
    return n / ((performance.now() - start) / 1000);
  };
  const uncached = rate((i) => g.policy.resolveUncached(scopes[i % scopes.length]));
  const cached = rate((i) => g.policy.resolve(scopes[i % scopes.length]));
  console.log(`policy resolution (${scopes.length} team/agent scopes, rows at all 4 levels):`);
  console.log(`  uncached (baseline): ${Math.round(uncached).toLocaleString('en')} /s`);
  console.log(`  cached (60 s TTL):   ${Math.round(cached).toLocaleString('en')} /s   ratio cached/uncached = ${(cached / uncached).toFixed(1)}x`);

  // ——— 2. kill-switch latency on the tiny model ———
  const provider = await LlamaCppProvider.open({ alias: 'tiny-test' });
  try {
    const toSettled: number[] = [];
    const toAbort: number[] = [];
    let tokensAfterAbort = 0;
    let lastTokenAfterEngageCall = -Infinity;
    for (let i = 0; i < RUNS; i++) {
      const agent = `bench-agent-${i}`;
      const registration = g.kills.register({ team: 'bench', agent });
      let tokens = 0;
      let lastTokenAt = 0;
      let started!: () => void;
      const streaming = new Promise<void>((resolve) => (started = resolve));
      let abortedAt = 0;
      registration.signal.addEventListener('abort', () => (abortedAt = performance.now()));
      const run = provider.generate({
        prompt: 'x',
        maxTokens: 100_000,
        signal: registration.signal,
        onToken: () => {
          tokens++;
          lastTokenAt = performance.now();
          if (registration.signal.aborted) tokensAfterAbort++;
          if (tokens === 10) started();
        },
      });
      await streaming;
      const engageAt = performance.now();
      const engaged = g.kills.engage('erin', 'agent', agent, 'bench');
      const result = await run;
      const settledAt = performance.now();
      await engaged;
      registration.release();
      if (result.stopReason !== 'aborted') throw new Error(`run ${i}: generation ended with ${result.stopReason}, not aborted`);
      toSettled.push(settledAt - engageAt);
      toAbort.push(abortedAt - engageAt);
      lastTokenAfterEngageCall = Math.max(lastTokenAfterEngageCall, lastTokenAt - engageAt);
    }
    console.log(`kill switch on the tiny model (${RUNS} runs, agent-level switch engaged after 10 streamed tokens):`);
    console.log(`  engage() → abort signal fired:          p50 ${pct(toAbort, 50).toFixed(2)} ms, p99 ${pct(toAbort, 99).toFixed(2)} ms`);
    console.log(`  engage() → aborted generation settled:  p50 ${pct(toSettled, 50).toFixed(2)} ms, p99 ${pct(toSettled, 99).toFixed(2)} ms (goal p99 ≤ 100 ms)`);
    console.log(`  tokens delivered after the abort: ${tokensAfterAbort}; latest last token relative to the engage() call: ${lastTokenAfterEngageCall.toFixed(2)} ms`);
  } finally {
    await provider.dispose();
  }
} finally {
  await close(t);
}
