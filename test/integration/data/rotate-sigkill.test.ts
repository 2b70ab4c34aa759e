import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initAppliance, openAppliance, setFieldEncryptionRequirement } from '../../../main/appliance.ts';
import { PASS_ALICE, TEST_KDF, tempDir } from './helpers.ts';

const TRIALS_PER_STORE = 26; // two stores in parallel: 52 trials
const ROWS = 800;
const child = join(import.meta.dirname, 'fixtures', 'rotate-child.ts');
const tsx = join(import.meta.dirname, '..', '..', '..', 'node_modules', 'tsx', 'dist', 'loader.mjs');

interface Expected {
  fields: { id: string; stored: Uint8Array; text: string }[];
  blobs: { id: string; text: string }[];
  sealed: { sealed: Uint8Array; text: string }[];
  dekCount: number;
}

async function makeStore(dir: string): Promise<Expected> {
  const { appliance } = await initAppliance({ dir, tenant: 'acme', user: 'alice', passphrase: PASS_ALICE, kdf: TEST_KDF });
  const t = await appliance.unlockTenant('acme', 'alice', PASS_ALICE);
  setFieldEncryptionRequirement(t, true, 'test');
  const expected: Expected = { fields: [], blobs: [], sealed: [], dekCount: 0 };
  t.db.transaction(() => {
    for (let i = 0; i < ROWS; i++) {
      const text = `memory ${i}`;
      expected.fields.push({ id: `m${i}`, stored: t.fieldEncryption.protect('memory.content', `m${i}`, text), text });
    }
  })();
  for (let i = 0; i < 5; i++) {
    expected.blobs.push({ id: t.blobs.put(new TextEncoder().encode(`blob ${i}`), 'text/plain').id, text: `blob ${i}` });
    expected.sealed.push({ sealed: t.envelope.sealForTenant('audit', new TextEncoder().encode(`sealed ${i}`)), text: `sealed ${i}` });
  }
  expected.dekCount = [...t.envelope.countByKekVersion().values()].reduce((a, b) => a + b, 0);
  t.lock();
  appliance.close();
  return expected;
}

/** Unlocks in this process and decrypts everything; returns the live KEK versions. */
async function verifyStore(dir: string, expected: Expected): Promise<number[]> {
  const appliance = openAppliance(dir, { kdf: TEST_KDF });
  const t = await appliance.unlockTenant('acme', 'alice', PASS_ALICE);
  try {
    for (const f of expected.fields) expect(t.fieldEncryption.reveal('memory.content', f.id, f.stored)).toBe(f.text);
    for (const b of expected.blobs) expect(new TextDecoder().decode(t.blobs.get(b.id))).toBe(b.text);
    for (const s of expected.sealed) expect(new TextDecoder().decode(t.envelope.openForTenant('audit', s.sealed))).toBe(s.text);
    const ids = t.db.prepare('SELECT id FROM data_keys').all() as { id: string }[];
    expect(ids).toHaveLength(expected.dekCount);
    for (const { id } of ids) t.envelope.withDataKey(id, () => undefined);
    return t.hsm.liveKekVersions;
  } finally {
    t.lock();
    appliance.close();
  }
}

/** Runs one rotation child; kills it by timer (ms after READY) or lets it kill itself at a step. */
function runChild(dir: string, killAt: string, timerMs: number | undefined): Promise<{ signal: NodeJS.Signals | null; done: boolean }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', tsx, child, dir, killAt], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let armed = false;
    proc.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (timerMs !== undefined && !armed && out.includes('READY')) {
        armed = true;
        setTimeout(() => proc.kill('SIGKILL'), timerMs);
      }
    });
    proc.stderr.on('data', (d: Buffer) => (err += d.toString()));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === null && code !== 0) reject(new Error(`rotation child failed (${code}): ${err}`));
      else resolve({ signal, done: out.includes('DONE') });
    });
    proc.stdin.end(`${PASS_ALICE}\n`);
  });
}

const STEPS = ['kek-added', 'row', 'rewrapped', 'retired', 'finished-interrupted'] as const;

async function trials(dir: string, expected: Expected, seed: number): Promise<{ killed: number; completed: number; points: Set<string> }> {
  let rnd = seed;
  const random = () => ((rnd = (rnd * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  let killed = 0;
  let completed = 0;
  const points = new Set<string>();
  for (let i = 0; i < TRIALS_PER_STORE; i++) {
    let killAt = 'none';
    let timer: number | undefined;
    if (i % 2 === 0) {
      timer = Math.floor(random() * 80); // a random moment of the rotation
    } else {
      const step = STEPS[Math.floor(random() * STEPS.length)]!;
      killAt = step === 'row' ? `row:${Math.floor(random() * ROWS)}` : step;
    }
    const result = await runChild(dir, killAt, timer);
    if (result.signal === 'SIGKILL') {
      killed += 1;
      points.add(killAt === 'none' ? 'timer' : killAt.split(':')[0]!);
    } else completed += 1;
    const live = await verifyStore(dir, expected);
    expect(live.length).toBeGreaterThanOrEqual(1);
    expect(live.length).toBeLessThanOrEqual(2);
  }
  return { killed, completed, points };
}

describe('keys rotate under SIGKILL', () => {
  it('leaves a store that unlocks and decrypts everything after every one of ≥50 random kills', async () => {
    const a = tempDir();
    const b = tempDir();
    try {
      const [ea, eb] = await Promise.all([makeStore(a.dir), makeStore(b.dir)]);
      const [ra, rb] = await Promise.all([trials(a.dir, ea, 17), trials(b.dir, eb, 4242)]);
      const killed = ra.killed + rb.killed;
      const points = new Set([...ra.points, ...rb.points]);
      expect(ra.killed + ra.completed + rb.killed + rb.completed).toBeGreaterThanOrEqual(50);
      expect(killed).toBeGreaterThanOrEqual(40);
      for (const p of ['kek-added', 'row', 'rewrapped', 'retired', 'timer']) expect(points.has(p), `killed at ${p}`).toBe(true);
      // A final uninterrupted rotation completes and leaves exactly one live version.
      const done = await runChild(a.dir, 'none', undefined);
      expect(done.done).toBe(true);
      expect(await verifyStore(a.dir, ea)).toHaveLength(1);
    } finally {
      a.cleanup();
      b.cleanup();
    }
  }, 120_000);
});
