import { describe, expect, it } from 'vitest';
import { checkEncryptedSqlite } from '../../../main/doctor/check-encrypted-sqlite.ts';
import { checkNodeVersion, runDoctor } from '../../../main/doctor/doctor.ts';
import { renderTable } from '../../../main/cli/table.ts';

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

  it('reports Chromium as information, never as a failure', async () => {
    const report = await runDoctor({ skipModel: true, chromiumPath: '/nonexistent/chromium' });
    const chromium = report.checks.find((check) => check.name.startsWith('Chromium'));
    expect(chromium).toMatchObject({ status: 'info' });
    expect(chromium?.remedy).toMatch(/apt-get install -y chromium/);
    expect(report.ok).toBe(true);
  });
});

describe('renderTable', () => {
  it('aligns columns under a header rule', () => {
    expect(renderTable(['a', 'status'], [['long name', 'PASS'], ['b', 'FAIL']])).toBe(
      ['a          status', '---------  ------', 'long name  PASS', 'b          FAIL'].join('\n'),
    );
  });
});
