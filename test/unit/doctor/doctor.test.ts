import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkEncryptedSqlite } from '../../../main/doctor/check-encrypted-sqlite.ts';
import { checkSchemaSandbox } from '../../../main/doctor/check-schema-sandbox.ts';
import { checkNodeVersion, runDoctor } from '../../../main/doctor/doctor.ts';
import { renderTable } from '../../../main/cli/table.ts';
import { DEFAULT_MANIFEST_PATH } from '../../../models/manifest.ts';

/** Runs the quick doctor (no model load) on a manifest with these contents. */
async function doctorOn(contents: string): Promise<{ path: string; report: Awaited<ReturnType<typeof runDoctor>> }> {
  const path = join(mkdtempSync(join(tmpdir(), 'airlock-doctor-manifest-')), 'manifest.json');
  writeFileSync(path, contents);
  return { path, report: await runDoctor({ skipModel: true, chromiumPath: '/nonexistent/chromium', manifestPath: path }) };
}

describe('doctor', () => {
  it('accepts Node 22.12 and newer and refuses older with a remedy', () => {
    expect(checkNodeVersion('22.12.0').status).toBe('pass');
    expect(checkNodeVersion('24.1.0').status).toBe('pass');
    const old = checkNodeVersion('20.20.2');
    expect(old.status).toBe('fail');
    expect(old.remedy).toMatch(/npm install/);
    expect(checkNodeVersion('22.11.9').status).toBe('fail');
  });

  it('proves the SQLite cipher hides a planted marker and needs the key', async () => {
    const check = await checkEncryptedSqlite();
    expect(check).toMatchObject({ status: 'pass' });
    expect(check.detail).toMatch(/marker absent/);
  });

  it('starts the JSON Schema checker and shows its deadline cuts off a backtracking pattern', async () => {
    const report = await runDoctor({ skipModel: true, chromiumPath: '/nonexistent/chromium' });
    const check = report.checks.find((c) => c.name === 'JSON Schema checker');
    expect(check).toMatchObject({ status: 'pass', detail: expect.stringMatching(/^worker ready in \d+ ms; a backtracking pattern was cut off after \d+ ms$/) });
  });

  it('fails the JSON Schema checker with a remedy when its worker does not start in time', async () => {
    const check = await checkSchemaSandbox({ startupMs: 1 });
    expect(check).toMatchObject({ status: 'fail', detail: expect.stringMatching(/did not start within 1 ms/) });
    expect(check.remedy).toMatch(/jsonSchema or functions will be refused.*npm install/);
  });

  it('reports Chromium as information, never as a failure', async () => {
    const report = await runDoctor({ skipModel: true, chromiumPath: '/nonexistent/chromium' });
    const chromium = report.checks.find((check) => check.name.startsWith('Chromium'));
    expect(chromium).toMatchObject({ status: 'info' });
    expect(chromium?.remedy).toMatch(/apt-get install -y chromium/);
    expect(report.ok).toBe(true);
  });

  it("reports a manifest that fails to load as a failed check with the loader's message and a remedy, even without the model probe", async () => {
    const { path, report } = await doctorOn(JSON.stringify({ aliases: { default: 'missing' }, models: {} }));
    const manifest = report.checks.find((check) => check.name === 'model manifest');
    expect(manifest).toMatchObject({ status: 'fail' });
    expect(manifest?.detail).toContain('alias "default" points to unknown model "missing"');
    expect(manifest?.remedy).toContain(path);
    expect(report.ok).toBe(false);
  });

  it('reports a manifest that is not JSON as a failed check', async () => {
    const { report } = await doctorOn('{ "models": ');
    expect(report.checks.find((check) => check.name === 'model manifest')).toMatchObject({ status: 'fail', detail: expect.stringMatching(/is not valid JSON/) });
  });

  it('reports a routing section the router refuses (a fallback to no model) as a failed manifest check', async () => {
    const manifest = JSON.parse(readFileSync(DEFAULT_MANIFEST_PATH, 'utf8')) as Record<string, unknown>;
    manifest.routing = { models: { 'tiny-test': { provider: 'local', fallback: 'ghost' } } };
    const { report } = await doctorOn(JSON.stringify(manifest));
    const check = report.checks.find((c) => c.name === 'model manifest');
    expect(check).toMatchObject({ status: 'fail' });
    expect(check?.detail).toContain('ghost');
  });
});

describe('renderTable', () => {
  it('aligns columns under a header rule', () => {
    expect(renderTable(['a', 'status'], [['long name', 'PASS'], ['b', 'FAIL']])).toBe(
      ['a          status', '---------  ------', 'long name  PASS', 'b          FAIL'].join('\n'),
    );
  });
});
