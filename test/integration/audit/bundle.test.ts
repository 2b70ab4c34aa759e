import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { vi } from 'vitest';
import { main } from '../../../main/cli/main.ts';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { exportBundle, BundleExportError, BundleTargetError } from '../../../main/audit/bundle/export.ts';
import { verifyBundle } from '../../../main/audit/bundle/verify.ts';
import { ENTRIES_MAGIC } from '../../../main/audit/bundle/format.ts';
import { decodeEntry, encodeEntry } from '../../../main/audit/canonical.ts';
import type { FailureKind } from '../../../main/audit/stream-verifier.ts';
import { tempDir } from '../../unit/audit/fixtures.ts';
import { fill, openLog } from './helpers.ts';

async function runCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => ((stdout += c.toString()), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => ((stderr += c.toString()), true));
  try {
    const code = await main(['node', 'airlock', ...args]);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

type Rec = { leaf: Buffer; chain: Buffer };

function readRecords(file: string): Rec[] {
  const b = fs.readFileSync(file);
  const out: Rec[] = [];
  let o = ENTRIES_MAGIC.length;
  while (o < b.length) {
    const n = b.readUInt32BE(o);
    out.push({ leaf: Buffer.from(b.subarray(o + 4, o + 4 + n)), chain: Buffer.from(b.subarray(o + 4 + n, o + 36 + n)) });
    o += 36 + n;
  }
  return out;
}

function writeRecords(file: string, recs: Rec[]): void {
  const parts: Buffer[] = [ENTRIES_MAGIC];
  for (const r of recs) {
    const h = Buffer.alloc(4);
    h.writeUInt32BE(r.leaf.length);
    parts.push(h, r.leaf, r.chain);
  }
  fs.writeFileSync(file, Buffer.concat(parts));
}

/** What an attacker would also do: recompute the manifest digest (they cannot re-sign it). */
function fixManifestDigest(dir: string): void {
  const m = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
  m.files['entries.bin'] = createHash('sha256').update(fs.readFileSync(path.join(dir, 'entries.bin'))).digest('hex');
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(m, null, 2)}\n`);
}

async function exported(events = 12, withPayloads = false): Promise<{ dir: string; fingerprint: string; close: () => void }> {
  const o = openLog({ epochPolicy: { maxEntries: 5 } });
  await fill(o.log, events, { rotateKeyAt: 2 });
  const dir = path.join(tempDir(), 'bundle');
  const r = await exportBundle(o.log, { out: dir, withPayloads });
  return { dir, fingerprint: r.fingerprint, close: () => o.db.close() };
}

describe('audit bundles', () => {
  it('verifies after being copied elsewhere with only the fingerprint, and fails clearly with another', async () => {
    const b = await exported(12, true);
    const copy = path.join(tempDir('airlock-auditor-'), 'usb-copy');
    fs.cpSync(b.dir, copy, { recursive: true });
    b.close();
    fs.rmSync(b.dir, { recursive: true });
    const good = verifyBundle(copy, b.fingerprint);
    expect(good.ok, JSON.stringify(good.problems)).toBe(true);
    expect(good.payloadsVerified).toBeGreaterThan(0);
    expect(good.signingKeys).toHaveLength(2);
    const bad = verifyBundle(copy, 'ab'.repeat(32));
    expect(bad.ok).toBe(false);
    expect(bad.failure?.kind).toBe('untrusted-key');
    expect(bad.problems.join()).toMatch(/NOT TRUSTED/);
    // The CLI (in-process): exit 0 with the right fingerprint, non-zero naming the problem otherwise.
    const ok = await runCli(['bundle', 'verify', copy, '--fingerprint', b.fingerprint]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/BUNDLE VERIFIED/);
    const json = await runCli(['bundle', 'verify', copy, '--fingerprint', b.fingerprint, '--json']);
    expect(JSON.parse(json.stdout).ok).toBe(true);
    const failed = await runCli(['bundle', 'verify', copy, '--fingerprint', 'cd'.repeat(32)]);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toMatch(/first bad seq 0 \(untrusted-key\)/);
  }, 30_000);

  it('exports payload contents only when asked', async () => {
    const b = await exported(6, false);
    try {
      expect(fs.existsSync(path.join(b.dir, 'payloads.jsonl'))).toBe(false);
      expect(fs.readFileSync(path.join(b.dir, 'entries.bin')).includes(Buffer.from('payload 1'))).toBe(false);
    } finally {
      b.close();
    }
  });

  it('streams payloads larger than its read buffer, and names the entry whose payload was altered', async () => {
    const o = openLog();
    try {
      const sizes = [10, 700_000, 1_600_000, 5, 900_000];
      for (const [i, size] of sizes.entries()) await o.log.append({ actor: 'user@acme', action: 'record.export', subject: `s${i}`, payload: Buffer.alloc(size, i + 1) });
      const dir = path.join(tempDir(), 'bundle');
      const r = await exportBundle(o.log, { out: dir, withPayloads: true });
      const good = verifyBundle(dir, r.fingerprint);
      expect(good.ok, JSON.stringify(good.problems)).toBe(true);
      expect(good.payloadsVerified).toBe(sizes.length);

      const file = path.join(dir, 'payloads.jsonl');
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      const target = lines.findIndex((l) => l.startsWith('{"seq":3,'));
      const line = JSON.parse(lines[target] as string) as { seq: number; payload: string };
      lines[target] = JSON.stringify({ seq: line.seq, payload: Buffer.alloc(900_000, 9).toString('base64') });
      fs.writeFileSync(file, lines.join('\n'));
      const bad = verifyBundle(dir, r.fingerprint);
      expect(bad.ok).toBe(false);
      expect(bad.failure).toMatchObject({ seq: 3, kind: 'altered' });
      expect(bad.problems).toContain('payloads.jsonl does not match its manifest digest');
    } finally {
      o.db.close();
    }
  });

  it('detects every single modification, deletion, insertion, reorder or truncation in a bundle (property)', async () => {
    const b = await exported(14);
    const pristine = readRecords(path.join(b.dir, 'entries.bin'));
    b.close();
    const n = pristine.length;
    let run = 0;
    fc.assert(
      fc.property(
        fc.oneof(
          fc.record({ kind: fc.constant('edit' as const), at: fc.nat(), actor: fc.string({ minLength: 1, maxLength: 6 }) }),
          fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.nat(), bit: fc.nat(7) }),
          fc.record({ kind: fc.constant('flip-chain' as const), at: fc.nat(), byte: fc.nat(31) }),
          fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
          fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), from: fc.nat() }),
          fc.record({ kind: fc.constant('swap' as const), at: fc.nat(), other: fc.nat() }),
          fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
        ),
        fc.boolean(),
        (m, fixDigest) => {
          const recs = pristine.map((r) => ({ leaf: Buffer.from(r.leaf), chain: Buffer.from(r.chain) }));
          const i = m.at % n;
          let expected: { seq: number; kinds: FailureKind[] };
          switch (m.kind) {
            case 'edit': {
              const e = decodeEntry(recs[i]!.leaf);
              recs[i]!.leaf = Buffer.from(encodeEntry({ ...e, actor: e.actor === m.actor ? `${m.actor}!` : m.actor }));
              expected = { seq: i, kinds: ['altered'] };
              break;
            }
            case 'flip':
              recs[i]!.leaf[m.byte % recs[i]!.leaf.length]! ^= 1 << m.bit;
              expected = { seq: i, kinds: ['altered', 'reordered'] };
              break;
            case 'flip-chain':
              recs[i]!.chain[m.byte]! ^= 1;
              expected = { seq: i, kinds: ['altered'] };
              break;
            case 'delete':
              recs.splice(i, 1);
              expected = { seq: i, kinds: i === n - 1 ? ['truncated'] : ['missing'] };
              break;
            case 'duplicate': {
              const j = m.from % n;
              recs.splice(i, 0, { leaf: Buffer.from(pristine[j]!.leaf), chain: Buffer.from(pristine[j]!.chain) });
              expected = { seq: j === i ? i + 1 : i, kinds: ['inserted'] };
              break;
            }
            case 'swap': {
              let j = m.other % n;
              if (j === i) j = (i + 1) % n;
              const [a, c] = i < j ? [i, j] : [j, i];
              [recs[a], recs[c]] = [recs[c]!, recs[a]!];
              expected = { seq: a, kinds: ['reordered'] };
              break;
            }
            case 'truncate':
              recs.splice(i);
              expected = { seq: i, kinds: ['truncated'] };
              break;
          }
          const dir = path.join(tempDir('airlock-tamper-'), `b${run++}`);
          fs.cpSync(b.dir, dir, { recursive: true });
          writeRecords(path.join(dir, 'entries.bin'), recs);
          if (fixDigest) fixManifestDigest(dir);
          const report = verifyBundle(dir, b.fingerprint);
          fs.rmSync(dir, { recursive: true });
          expect(report.ok).toBe(false);
          expect(report.failure?.seq, `${m.kind}: ${report.failure?.message}`).toBe(expected.seq);
          expect(expected.kinds, `${m.kind}: ${report.failure?.message}`).toContain(report.failure?.kind);
        },
      ),
      { numRuns: 100 },
    );
    // And the untouched bundle always verifies.
    expect(verifyBundle(b.dir, b.fingerprint).ok).toBe(true);
  }, 60_000);

  it('refuses a non-empty, non-folder or vanished target, leaving no partial bundle', async () => {
    const o = openLog();
    try {
      await fill(o.log, 4);
      const parent = tempDir();
      const full = path.join(parent, 'full');
      fs.mkdirSync(full);
      fs.writeFileSync(path.join(full, 'keep.txt'), 'x');
      await expect(exportBundle(o.log, { out: full })).rejects.toMatchObject({ problem: 'not-empty' });
      fs.writeFileSync(path.join(parent, 'file'), 'x');
      await expect(exportBundle(o.log, { out: path.join(parent, 'file') })).rejects.toMatchObject({ problem: 'not-a-directory' });
      await expect(exportBundle(o.log, { out: path.join(parent, 'gone', 'b') })).rejects.toMatchObject({ problem: 'no-parent' });
      // The medium disappears mid-export (unplugged): the parent folder vanishes during writing.
      const usb = path.join(parent, 'usb');
      fs.mkdirSync(usb);
      const vanished = exportBundle(o.log, {
        out: path.join(usb, 'bundle'),
        onProgress: (p) => {
          if (p.phase === 'entries' && fs.existsSync(usb)) fs.rmSync(usb, { recursive: true, force: true });
        },
      });
      await expect(vanished).rejects.toBeInstanceOf(BundleTargetError);
      await expect(vanished).rejects.toMatchObject({ problem: 'vanished' });
      expect(fs.existsSync(path.join(usb, 'bundle'))).toBe(false);
      expect(fs.readdirSync(parent).sort()).toEqual(['file', 'full']);
    } finally {
      o.db.close();
    }
  });

  it('refuses to export a log whose stored chain hash was altered or cut short, leaving no bundle', async () => {
    const o = openLog();
    try {
      await fill(o.log, 6);
      o.db.exec('DROP TRIGGER audit_entries_no_update');
      const parent = tempDir();
      o.db.prepare('UPDATE audit_entries SET chain_hash = ? WHERE seq = 3').run(Buffer.alloc(31, 1));
      await expect(exportBundle(o.log, { out: path.join(parent, 'short') })).rejects.toThrow(BundleExportError);
      await expect(exportBundle(o.log, { out: path.join(parent, 'short') })).rejects.toThrow(/expected \d+ entries, read \d+/);
      o.db.prepare('UPDATE audit_entries SET chain_hash = ? WHERE seq = 3').run(Buffer.alloc(32, 1));
      await expect(exportBundle(o.log, { out: path.join(parent, 'altered') })).rejects.toThrow(/did not verify: entry 3 does not match its stored chain hash/);
      expect(fs.readdirSync(parent)).toEqual([]);
    } finally {
      o.db.close();
    }
  });

  it('refuses a read-only medium with a clear error', async () => {
    const o = openLog();
    const mount = tempDir('airlock-ro-');
    let mounted = false;
    try {
      await fill(o.log, 2);
      if (process.getuid?.() === 0) {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', mount]);
        mounted = true;
      } else {
        fs.chmodSync(mount, 0o555);
      }
      await expect(exportBundle(o.log, { out: path.join(mount, 'bundle') })).rejects.toMatchObject({ problem: 'read-only' });
    } finally {
      if (mounted) execFileSync('umount', [mount]);
      o.db.close();
    }
  });

  it('proves consistency from an earlier checkpoint given by size or by its note file', async () => {
    const o = openLog({ epochPolicy: { maxEntries: 4 } });
    try {
      await fill(o.log, 10);
      const first = path.join(tempDir(), 'b1');
      const r1 = await exportBundle(o.log, { out: first });
      await fill(o.log, 5);
      const second = path.join(tempDir(), 'b2');
      const noteFile = fs.readdirSync(path.join(first, 'checkpoints')).sort().at(-1)!;
      const r2 = await exportBundle(o.log, { out: second, since: path.join(first, 'checkpoints', noteFile) });
      expect(r2.report.consistency).toMatchObject({ from: { size: r1.treeSize, root: r1.root }, ok: true });
      const r3 = await exportBundle(o.log, { out: path.join(tempDir(), 'b3'), since: 4 });
      expect(r3.report.consistency?.from?.size).toBe(4);
      await expect(exportBundle(o.log, { out: path.join(tempDir(), 'b4'), since: 3 })).rejects.toThrow(/no checkpoint of size 3/);
      // A forged proof is caught.
      const proofFile = path.join(second, 'consistency-proof.json');
      const proof = JSON.parse(fs.readFileSync(proofFile, 'utf8'));
      proof.proof[0] = Buffer.alloc(32).toString('base64');
      fs.writeFileSync(proofFile, JSON.stringify(proof));
      const report = verifyBundle(second, r2.fingerprint);
      expect(report.ok).toBe(false);
      expect(report.failure?.kind).toBe('inconsistent-checkpoint');
    } finally {
      o.db.close();
    }
  }, 30_000);
});
