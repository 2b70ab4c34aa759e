/** Runs the real `airlock` command the way a person at a terminal would (tests of the CLI). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const AIRLOCK_BIN = join(import.meta.dirname, '..', '..', 'main', 'cli', 'airlock.mjs');

export interface CliResult {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/** `stdin` is passed as is; as a list, each line gets its newline (one passphrase a line). */
export function runAirlock(args: readonly string[], stdin: string | readonly string[] = '', timeoutMs = 120_000): CliResult {
  const input = typeof stdin === 'string' ? stdin : stdin.map((line) => `${line}\n`).join('');
  const r = spawnSync(process.execPath, [AIRLOCK_BIN, ...args], { input, encoding: 'utf8', timeout: timeoutMs });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
