/**
 * One audit append at a time (plain script): node --import tsx test/bench/audit-append.ts
 * The gateway's pattern: each call waits for its own entry (pre-call, then the call record with its
 * sealed verdicts), so what one append costs is on every call's path. The tenant is created on
 * tmpfs (/dev/shm), where fsync returns at once: the figures are the append's CPU (canonical
 * entry, MAC, chain, Merkle, payload sealed under a fresh DEK, the head signed and checked, the
 * encrypted pages), not the disk's wait.
 * Baseline in the same run, on the same encrypted database: one bare transaction inserting rows of
 * the same sizes (the entry's leaf and MAC, and the sealed payload when there is one), with no
 * hashing, MAC, sealing or signing. RUNS (default 2,000) appends of each kind, alternating.
 */
import { existsSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { close, governedTenant } from '../integration/governance/helpers.ts';
import { f3, pct } from './gateway-fixtures.ts';

const RUNS = Number(process.env.RUNS ?? 2000);
const WARM_UP = 500;
const parent = existsSync('/dev/shm') ? '/dev/shm' : tmpdir();

/** Close to a gateway call record's payload (its ten verdicts, ≈ 2.3 KB). */
const payload = JSON.stringify({
  callId: 'call_0123456789abcdef',
  verdicts: Array.from({ length: 10 }, (_, i) => ({ stage: `stage-${i}`, outcome: 'pass', ms: 0.1234, detail: { note: 'x'.repeat(150), n: i } })),
});
const fields = { model: 'tiny-test', provider: 'llama-cpp', inputDigest: 'ab'.repeat(32), maxTokens: '64', pipelineHash: 'cd'.repeat(32), stages: '1,2,3,4', mode: 'enforce' };

console.log(`audit append bench — node ${process.version}, ${cpus().length} CPUs, load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}, database in ${parent}, RUNS=${RUNS}`);
const t = await governedTenant(parent);
try {
  const log = t.tenant.audit;
  const db = t.tenant.db;
  db.exec('CREATE TABLE IF NOT EXISTS bench_rows (id INTEGER PRIMARY KEY, leaf BLOB, mac BLOB); CREATE TABLE IF NOT EXISTS bench_payloads (id INTEGER PRIMARY KEY, sealed BLOB)');
  const insertRow = db.prepare('INSERT INTO bench_rows (leaf, mac) VALUES (?, ?)');
  const insertPayload = db.prepare('INSERT INTO bench_payloads (sealed) VALUES (?)');
  const leaf = new Uint8Array(420).fill(7);
  const mac = new Uint8Array(32).fill(9);
  const sealed = new Uint8Array(payload.length + 120).fill(5);
  const bare = db.transaction((withPayload: boolean) => {
    insertRow.run(leaf, mac);
    if (withPayload) insertPayload.run(sealed);
  });
  const append = (i: number, withPayload: boolean): Promise<unknown> =>
    log.append({ actor: 'ann', action: 'gateway.call.pre', subject: `call ${i}`, outcome: 'pending', fields, ...(withPayload && { payload }) });

  for (let i = 0; i < WARM_UP; i++) {
    await append(i, i % 2 === 1);
    bare.immediate(i % 2 === 1);
  }
  const xs = { plain: [] as number[], sealed: [] as number[], barePlain: [] as number[], bareSealed: [] as number[] };
  for (let i = 0; i < 2 * RUNS; i++) {
    const withPayload = i % 2 === 1;
    let s = performance.now();
    await append(i, withPayload);
    (withPayload ? xs.sealed : xs.plain).push(performance.now() - s);
    s = performance.now();
    bare.immediate(withPayload);
    (withPayload ? xs.bareSealed : xs.barePlain).push(performance.now() - s);
  }
  console.log('| append | audit log p50 / p99 (ms) | bare transaction, same row sizes, p50 (ms) | ratio audit / bare (p50) |');
  console.log('|---|---|---|---|');
  const row = (label: string, audit: number[], base: number[]): void =>
    console.log(`| ${label} | ${f3(pct(audit, 50))} / ${f3(pct(audit, 99))} | ${f3(pct(base, 50))} | ${(pct(audit, 50) / pct(base, 50)).toFixed(1)} |`);
  row('entry only (a pre-call entry)', xs.plain, xs.barePlain);
  row(`entry + sealed ${payload.length}-byte payload (a call record)`, xs.sealed, xs.bareSealed);
} finally {
  await close(t);
}
