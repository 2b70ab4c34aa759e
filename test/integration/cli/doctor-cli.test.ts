import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveModel } from '../../../models/manifest.ts';

const root = join(import.meta.dirname, '..', '..', '..');
const airlock = join(root, 'main', 'cli', 'airlock.mjs');

function run(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [airlock, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('airlock doctor (CLI)', () => {
  let dir: string;
  let manifest: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'airlock-doctor-cli-'));
    manifest = join(dir, 'manifest.json');
    copyFileSync(join(root, 'models', 'manifest.json'), manifest);
    const model = await resolveModel('tiny-test', { manifestPath: manifest });
    // Flip one byte in the middle of the weights: the file still parses, only its digest changes.
    const bytes = readFileSync(model.path);
    const middle = Math.floor(bytes.length / 2);
    bytes[middle] = (bytes[middle] ?? 0) ^ 0xff;
    mkdirSync(dir, { recursive: true });
    writeFileSync(model.path, bytes);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every check as a table and exits 0 on a healthy machine', () => {
    const result = run(['doctor']);
    expect(result.stderr).not.toMatch(/failed/);
    expect(result.status).toBe(0);
    for (const name of ['Node.js', 'encrypted SQLite', 'local model']) {
      expect(result.stdout).toMatch(new RegExp(`${name}\\s+PASS`));
    }
    expect(result.stdout).toMatch(/Chromium \(UI tests\)\s+INFO/);
  });

  it('exits non-zero naming the sha256 mismatch when the model file is corrupted', () => {
    const result = run(['doctor', '--manifest', manifest]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/local model\s+FAIL/);
    expect(result.stdout).toMatch(/sha256/i);
    expect(result.stderr).toMatch(/some checks failed/);
  });

  it('re-runs itself on the bundled Node 22 when started by an older system Node', () => {
    const systemNode = spawnSync('/usr/bin/node', ['--version'], { encoding: 'utf8' });
    // The machines we ship to run Node 20 system-wide; the bin must not depend on it.
    expect(systemNode.stdout).toMatch(/^v\d+\./);
    const result = spawnSync('/usr/bin/node', [airlock, 'doctor', '--json'], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    const report = JSON.parse(result.stdout) as { checks: { name: string; detail: string }[] };
    expect(report.checks.find((check) => check.name === 'Node.js')?.detail).toBe(`v${process.versions.node}`);
    expect(process.versions.node.startsWith('22.')).toBe(true);
  });

  it('npm start without an Electron binary exits non-zero naming ELECTRON_OVERRIDE_DIST_PATH and the CLI', () => {
    // An override folder with no binary in it: exactly the situation of a machine that could not download Electron.
    const empty = mkdtempSync(join(tmpdir(), 'airlock-no-electron-'));
    const result = spawnSync(process.execPath, [airlock, 'desktop'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: empty },
    });
    rmSync(empty, { recursive: true, force: true });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ELECTRON_OVERRIDE_DIST_PATH');
    expect(result.stderr).toMatch(/npx airlock --help/);
  });

  it('explains itself with --help', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/doctor/);
  });
});
