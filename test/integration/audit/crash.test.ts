import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { verifyAuditDatabase } from '../../../main/audit/verify.ts';
import { openEncryptedDb, tempDir } from '../../unit/audit/fixtures.ts';
import { TENANT } from './helpers.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const TRIALS = 100;

function runAndKill(args: string[], killAfterMs: number): Promise<number[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'crash-writer.ts'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!armed && out.includes('ready\n')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') reject(new Error(`writer exited with ${code}: ${err}`));
      else resolve(out.split('\n').filter((l) => /^\d+$/.test(l)).map(Number));
    });
  });
}

describe('crash safety', () => {
  it(`keeps every resolved append and a verifiable log across ${TRIALS} SIGKILLs at random moments`, async () => {
    let totalResolved = 0;
    // Two lanes (one per core), each on its own tenant database.
    const lane = async (laneId: number): Promise<void> => {
    let args: string[] = [];
    let epochZero = Buffer.alloc(0);
    let file = '';
    for (let trial = laneId; trial < TRIALS; trial += 2) {
      if (trial % 50 < 2) {
        // A fresh tenant every 25 trials keeps each verification small.
        file = path.join(tempDir(), 'tenant.db');
        epochZero = randomBytes(32);
        args = [file, randomBytes(32).toString('hex'), randomBytes(32).toString('hex'), randomBytes(32).toString('hex'), epochZero.toString('hex')];
      }
      const resolved = await runAndKill(args, 20 + Math.floor(Math.random() * 180));
      totalResolved += resolved.length;
      const db = openEncryptedDb(file, args[1] as string);
      try {
        const result = verifyAuditDatabase(db, { tenant: TENANT, epochZeroKey: new Uint8Array(epochZero) });
        expect(result.failure, `trial ${trial}`).toBeNull();
        const count = (db.prepare('SELECT count(*) AS n FROM audit_entries').get() as { n: number }).n;
        for (const seq of resolved) expect(seq, `trial ${trial}: resolved seq ${seq} lost`).toBeLessThan(count);
      } finally {
        db.close();
      }
    }
    };
    await Promise.all([lane(0), lane(1)]);
    expect(totalResolved).toBeGreaterThan(TRIALS);
  }, 120_000);
});
