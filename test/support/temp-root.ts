/**
 * Vitest global setup: every test run gets its own temporary root, removed when the run ends.
 * Tests make tenants, bundles and databases under os.tmpdir(); some fixtures never removed theirs,
 * and a run left ≈ 300 directories behind. TMPDIR is set before the test processes are forked,
 * so os.tmpdir() in every test file (and in the CLIs they spawn) points inside this root.
 * A run killed before teardown leaves one `airlock-test-run-*` directory, easy to find.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const root = mkdtempSync(join(tmpdir(), 'airlock-test-run-'));
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(root, { recursive: true, force: true });
  };
}
