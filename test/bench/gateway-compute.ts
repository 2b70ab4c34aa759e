/**
 * Gateway compute-only bench (plain script): node --import tsx test/bench/gateway-compute.ts
 * The ten stages with no disk wait, a zero-cost provider, two audit sinks:
 *  - section 1's in-memory sink (its budget ledger in an in-memory SQLite): no signing, sealing,
 *    hashing or page encryption, only the stages' own compute and SQL;
 *  - the tenant's real AuditLog (entries MACed and chained, payloads sealed under a fresh DEK, the
 *    head Ed25519-signed each commit, the encrypted tenant database) on a tenant created on tmpfs
 *    (/dev/shm), where fsync returns at once: all of the gateway's CPU, none of the disk's wait.
 *    After each block of 50 in-memory calls, the same 50 prompts go through it (REAL_AUDIT=0 skips it).
 * Per size (SIZES, KB, default 1,4,16): WARM_UP calls (default 1,000) rotating through 64 PII-dense
 * prompts of that size, then RUNS calls (default 1,000) rotating through 64 other prompts of the same
 * size (promptSet: distinct seeds, never the warm-up's), so neither one text's mix of PII nor its
 * repetition decides the figure. Prints p50/p99 per call for each sink and per-stage p50. Run it in two trees alternately (this one and a named
 * baseline worktree) to compare; the goal is p50 ≤ 1 ms at 4 KB.
 * SAME_PROMPT=1 measures the old way for comparison: piiDensePrompt(7, size) every call, 50 warm-up calls.
 *
 * Machine check: this 2-core VM's speed varies up to 2× within seconds (another tenant of the host),
 * and the same code has given 4 KB p50s from 0.89 to 1.41 ms. After every 50 measured calls the bench
 * times a fixed workload that shares no code with the gateway (a word-regex scan of a fixed 4 KB text,
 * CALIBRATION_SCANS times) and prints its median and fastest block: median ≈ fastest means the run
 * saw the machine at full speed; a median well above it means the p50 beside it is the machine's.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { Database } from '../../main/data/sqlite.ts';
import { GATEWAY_STAGES, openGateway, type GatewayRequest, type StageVerdict } from '../../main/gateway/index.ts';
import { close, governedTenant } from '../integration/governance/helpers.ts';
import { f3, MEASURED_SEEDS, MemoryAudit, pct, promptSet, WARM_UP_SEEDS, zeroCost } from './gateway-fixtures.ts';
import { piiDensePrompt } from './pii-corpus.ts';

const RUNS = Number(process.env.RUNS ?? 1000);
const SAME_PROMPT = process.env.SAME_PROMPT === '1';
const WARM_UP = Number(process.env.WARM_UP ?? (SAME_PROMPT ? 50 : 1000));
/** Calls between two machine checks, and per alternating block of the two audits. */
const BLOCK = 50;
const CALIBRATION_SCANS = 20;
const CALIBRATION_TEXT = 'Quarterly review of the appliance logs, signed off by the site team on schedule. '.repeat(52);
const WORD = /\b\w+\b/g;
/** ms for the fixed workload (≈ 0.7 ms at full speed on this VM). */
function calibrate(): number {
  const started = performance.now();
  let words = 0;
  for (let i = 0; i < CALIBRATION_SCANS; i++) words += CALIBRATION_TEXT.match(WORD)?.length ?? 0;
  const ms = performance.now() - started;
  if (words !== CALIBRATION_SCANS * 14 * 52) throw new Error(`calibration scan counted ${words} words`);
  return ms;
}

/**
 * The real audit log (signed, sealed, in the encrypted tenant database) with its database on tmpfs,
 * where fsync returns at once: every write's CPU, none of the disk's wait. Linux only.
 */
const TMPFS = '/dev/shm';
const REAL_AUDIT = process.env.REAL_AUDIT !== '0' && existsSync(TMPFS);

console.log(
  `gateway compute-only bench — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, ` +
    `RUNS=${RUNS}, WARM_UP=${WARM_UP}, ${SAME_PROMPT ? 'one prompt (seed 7) every call' : '64 distinct prompts per size, rotating'}` +
    (REAL_AUDIT ? `; in-memory audit and the real audit log on ${TMPFS} measured in alternating blocks of ${BLOCK} calls` : '; real audit log not measured (REAL_AUDIT=0 or no tmpfs)'),
);
const t = await governedTenant();
const real = REAL_AUDIT ? await governedTenant(TMPFS) : undefined;
try {
  const request = (content: string): GatewayRequest => ({ actor: 'ann', agent: 'bench', messages: [{ role: 'user', content }], maxTokens: 64 });
  const pricing = (): { input: number; output: number } => ({ input: 0, output: 0 });
  const memoryDb = new Database(':memory:');
  const gateway = await openGateway({
    tenant: { db: memoryDb, tenantId: t.tenant.tenantId },
    audit: new MemoryAudit(memoryDb),
    governance: t.governance,
    providers: () => Promise.resolve(zeroCost),
    pricing,
  });
  const realGateway =
    real && (await openGateway({ tenant: real.tenant, audit: real.tenant.audit, governance: real.governance, providers: () => Promise.resolve(zeroCost), pricing }));
  console.log(
    '| prompt | PII values (mean) | in-memory audit p50 / p99 | real audit log on tmpfs p50 / p99 | real − in-memory, p50 | machine check: fixed workload, median / fastest block (ms) | per-stage p50, in-memory audit |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const kb of (process.env.SIZES ?? '1,4,16').split(',').map(Number)) {
    const bytes = kb * 1024;
    const warm = SAME_PROMPT ? [piiDensePrompt(7, bytes)] : promptSet(bytes, WARM_UP_SEEDS);
    const measured = SAME_PROMPT ? warm : promptSet(bytes, MEASURED_SEEDS);
    const xs: number[] = [];
    const realXs: number[] = [];
    const stages = new Map<string, number[]>(GATEWAY_STAGES.map((s) => [s, []]));
    const calibration: number[] = [];
    let values = 0;
    for (let i = 0; i < WARM_UP; i++) {
      await gateway.call(request(warm[i % warm.length] as string));
      if (realGateway) await realGateway.call(request(warm[i % warm.length] as string));
    }
    for (let i = 0; i < RUNS; i++) {
      const prompt = measured[i % measured.length] as string;
      const started = performance.now();
      const r = await gateway.call(request(prompt));
      xs.push(performance.now() - started);
      for (const v of r.verdicts as StageVerdict[]) stages.get(v.stage)?.push(v.ms);
      values += Number(r.verdicts[2]?.detail.values ?? 0);
      if (i % BLOCK === BLOCK - 1) {
        calibration.push(calibrate());
        // The same block of prompts through the real audit log, right after: both see the machine alike.
        if (realGateway) {
          for (let j = i - BLOCK + 1; j <= i; j++) {
            const s = performance.now();
            await realGateway.call(request(measured[j % measured.length] as string));
            realXs.push(performance.now() - s);
          }
        }
      }
    }
    const perStage = [...stages.entries()].map(([s, ms]) => `${s} ${f3(pct(ms, 50))}`).join(' · ');
    const check = calibration.length === 0 ? 'n/a' : `${f3(pct(calibration, 50))} / ${f3(Math.min(...calibration))}`;
    const realCell = realXs.length === 0 ? 'n/a' : `${f3(pct(realXs, 50))} / ${f3(pct(realXs, 99))}`;
    const diff = realXs.length === 0 ? 'n/a' : f3(pct(realXs, 50) - pct(xs, 50));
    console.log(`| ${kb} KB | ${(values / RUNS).toFixed(1)} | ${f3(pct(xs, 50))} / ${f3(pct(xs, 99))} | ${realCell} | ${diff} | ${check} | ${perStage} |`);
  }
} finally {
  if (real) await close(real);
  await close(t);
}
