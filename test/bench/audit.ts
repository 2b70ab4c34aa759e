/**
 * Audit benchmarks. Run: node --import tsx test/bench/audit.ts [entries=1000000]
 *  1. durable appends/s with group commit (encrypted WAL, synchronous=FULL, concurrent writers)
 *     vs. the same rows inserted with no hashing/MAC/signing (same batches, same fsyncs)
 *  2. export time for N entries (includes the re-read verification of the written bundle)
 *  3. offline bundle verification entries/s and peak RSS (child process), against the 200,000/s goal
 *  4. database verification entries/s (chain, tree, checkpoints and every entry's MAC)
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AuditLog } from '../../main/audit/log.ts';
import { exportBundle } from '../../main/audit/bundle/export.ts';
import { verifyBundle } from '../../main/audit/bundle/verify.ts';
import { verifyAuditDatabase } from '../../main/audit/verify.ts';
import { makeSealer, makeSigner, openEncryptedDb, tempDir } from '../unit/audit/fixtures.ts';

const here = fileURLToPath(import.meta.url);

if (process.argv[2] === 'verify-child') {
  const [dir, fp] = process.argv.slice(3) as [string, string];
  const t = performance.now();
  const r = verifyBundle(dir, fp);
  const s = (performance.now() - t) / 1000;
  process.stdout.write(JSON.stringify({ ok: r.ok, entries: r.entriesVerified, seconds: s, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

const N = Number(process.argv[2] ?? 1_000_000);
const WRITERS = 256;

function event(i: number) {
  return { actor: `user${i % 17}@acme`, action: 'record.view', subject: `patient/${i}`, outcome: 'ok', payload: `{"field":"value ${i}"}` };
}

async function appendRate(log: AuditLog, total: number): Promise<number> {
  let next = 0;
  const t = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      while (next < total) {
        next++;
        await log.append(event(next));
      }
    }),
  );
  return total / ((performance.now() - t) / 1000);
}

function baselineRate(total: number, batch: number): number {
  const db = openEncryptedDb(path.join(tempDir(), 'baseline.db'), randomBytes(32).toString('hex'));
  db.exec('CREATE TABLE t (seq INTEGER PRIMARY KEY, leaf BLOB NOT NULL, mac BLOB NOT NULL, chain_hash BLOB NOT NULL); CREATE TABLE p (seq INTEGER PRIMARY KEY, sealed BLOB NOT NULL)');
  const leaf = randomBytes(150);
  const h = randomBytes(32);
  const sealed = randomBytes(60);
  const ins = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?)');
  const insP = db.prepare('INSERT INTO p VALUES (?, ?)');
  const tx = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      ins.run(i, leaf, h, h);
      insP.run(i, sealed);
    }
  });
  const t = performance.now();
  for (let i = 0; i < total; i += batch) tx(i, Math.min(total, i + batch));
  const rate = total / ((performance.now() - t) / 1000);
  db.close();
  return rate;
}

const dir = tempDir('airlock-audit-bench-');
const dbKeyHex = randomBytes(32).toString('hex');
const db = openEncryptedDb(path.join(dir, 'tenant.db'), dbKeyHex);
const epochZeroKey = new Uint8Array(randomBytes(32));
const signer = makeSigner();
const sealer = makeSealer();
// The log zeroes the key it is given; the database verifier replays MACs from this copy.
const log = AuditLog.open({ db, tenant: 'bench', signer, sealer, epochZeroKey: new Uint8Array(epochZeroKey) });

const SAMPLE = 50_000;
const commitsBefore = log.commits;
const durable = await appendRate(log, SAMPLE);
const batch = Math.round(SAMPLE / (log.commits - commitsBefore));
const baseline = baselineRate(SAMPLE, batch);
console.log(`durable appends (group commit, ${WRITERS} writers, avg batch ${batch}): ${Math.round(durable)}/s`);
console.log(`baseline: same rows, same batches, no hashing/MAC/signing:      ${Math.round(baseline)}/s`);
console.log(`ratio audit/baseline: ${(durable / baseline).toFixed(2)}`);

const tFill = performance.now();
await appendRate(log, N - log.size);
console.log(`filled to ${log.size} entries in ${((performance.now() - tFill) / 1000).toFixed(1)} s`);

async function exportAndVerify(label: string): Promise<void> {
  const out = path.join(tempDir('airlock-audit-bench-out-'), 'bundle');
  const t = performance.now();
  const r = await exportBundle(log, { out });
  console.log(`${label}: export of ${r.treeSize} entries (incl. re-read verification): ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const child = spawnSync(process.execPath, ['--import', 'tsx', here, 'verify-child', out, r.fingerprint], { encoding: 'utf8' });
  const v = JSON.parse(child.stdout) as { ok: boolean; entries: number; seconds: number; maxRssMb: number };
  const rate = v.entries / v.seconds;
  console.log(
    `${label}: bundle verification: ok=${v.ok} ${v.entries} entries in ${v.seconds.toFixed(2)} s = ${Math.round(rate)}/s (${(rate / VERIFY_GOAL).toFixed(2)}x the ${VERIFY_GOAL}/s goal), peak RSS ${v.maxRssMb.toFixed(0)} MB`,
  );
}

const VERIFY_GOAL = 200_000;
await exportAndVerify('full');

const tDb = performance.now();
const dbResult = verifyAuditDatabase(db, { tenant: 'bench', epochZeroKey });
const dbSeconds = (performance.now() - tDb) / 1000;
console.log(
  `database verification with MACs: ok=${dbResult.ok} ${dbResult.entriesVerified} entries in ${dbSeconds.toFixed(2)} s = ${Math.round(dbResult.entriesVerified / dbSeconds)}/s (${dbResult.macsVerified} MACs, ${dbResult.checkpointsVerified} checkpoints)`,
);
await log.close();
db.close();

// Opening the full log again, as every unlock does (fresh connection; the OS page cache is warm).
const reopenMs: number[] = [];
for (let i = 0; i < 3; i++) {
  const again = openEncryptedDb(path.join(dir, 'tenant.db'), dbKeyHex);
  const t = performance.now();
  const reopened = AuditLog.open({ db: again, tenant: 'bench', signer, sealer });
  reopenMs.push(performance.now() - t);
  await reopened.close();
  again.close();
}
console.log(`AuditLog.open of the ${N}-entry log (3 times, fresh connection): ${reopenMs.map((ms) => ms.toFixed(1)).join(' / ')} ms`);
