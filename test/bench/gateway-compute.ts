/**
 * Gateway compute-only bench (plain script): node --import tsx test/bench/gateway-compute.ts
 * The ten stages with no fsync: section 1's in-memory audit sink (its budget ledger in an
 * in-memory SQLite), a zero-cost provider, prompts from piiDensePrompt(7, size), 50 warm-up calls,
 * RUNS calls per size (SIZES, KB, default 1,4,16). Prints p50/p99 per call and per-stage p50. Run it in two trees alternately
 * (this one and a named baseline worktree) to compare; the goal is p50 ≤ 1 ms at 4 KB.
 */
import { cpus, loadavg } from 'node:os';
import { Database } from '../../main/data/sqlite.ts';
import { GATEWAY_STAGES, openGateway, type GatewayRequest, type StageVerdict } from '../../main/gateway/index.ts';
import { close, governedTenant } from '../integration/governance/helpers.ts';
import { f3, MemoryAudit, pct, zeroCost } from './gateway-fixtures.ts';
import { piiDensePrompt } from './pii-corpus.ts';

const RUNS = Number(process.env.RUNS ?? 300);

console.log(`gateway compute-only bench — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, RUNS=${RUNS}`);
const t = await governedTenant();
try {
  const request = (content: string): GatewayRequest => ({ actor: 'ann', agent: 'bench', messages: [{ role: 'user', content }], maxTokens: 64 });
  const memoryDb = new Database(':memory:');
  const gateway = await openGateway({
    tenant: { db: memoryDb, tenantId: t.tenant.tenantId },
    audit: new MemoryAudit(memoryDb),
    governance: t.governance,
    providers: () => Promise.resolve(zeroCost),
    pricing: () => ({ input: 0, output: 0 }),
  });
  console.log('| prompt | PII values | p50 | p99 | per-stage p50 |');
  console.log('|---|---|---|---|---|');
  for (const kb of (process.env.SIZES ?? '1,4,16').split(',').map(Number)) {
    const prompt = piiDensePrompt(7, kb * 1024);
    const xs: number[] = [];
    const stages = new Map<string, number[]>(GATEWAY_STAGES.map((s) => [s, []]));
    let values = 0;
    for (let i = 0; i < 50; i++) await gateway.call(request(prompt));
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const r = await gateway.call(request(prompt));
      xs.push(performance.now() - started);
      for (const v of r.verdicts as StageVerdict[]) stages.get(v.stage)?.push(v.ms);
      values = Number(r.verdicts[2]?.detail.values ?? 0);
    }
    const perStage = [...stages.entries()].map(([s, ms]) => `${s} ${f3(pct(ms, 50))}`).join(' · ');
    console.log(`| ${kb} KB | ${values} | ${f3(pct(xs, 50))} | ${f3(pct(xs, 99))} | ${perStage} |`);
  }
} finally {
  await close(t);
}
