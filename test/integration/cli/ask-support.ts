/**
 * Neighbours for `airlock ask` tests: a real loopback OpenAI-compatible server that streams its
 * answer slowly (so a test can act while a call is in flight), a site manifest routing the default
 * alias to it, a governed tenant on disk, and the real CLI spawned as a child process that a test
 * can signal.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AIRLOCK_BIN } from '../../support/airlock-cli.ts';
import { decodeEntry, type AuditEntry } from '../../../main/audit/canonical.ts';
import { openAppliance } from '../../../main/appliance.ts';
import { BudgetLedger } from '../../../main/gateway/budget.ts';
import { governedTenant, PASS, TEST_KDF } from '../governance/helpers.ts';

export { PASS };

/** What the server answers next: these pieces, one every `delayMs`, then the usage and [DONE]. */
export interface ServerScript {
  pieces: readonly string[];
  delayMs: number;
}

export interface SlowModelServer {
  readonly baseUrl: string;
  script: ServerScript;
  /** The last user message of each chat request received, in order. */
  readonly prompts: readonly string[];
  /** Answers sent to their end so far. */
  readonly completed: number;
  /** Resolves once the current (or next) answer's first piece is on the wire. */
  firstPieceSent(): Promise<void>;
  close(): Promise<void>;
}

export const SERVED_MODEL = 'onprem-slow';

export async function slowModelServer(script: ServerScript): Promise<SlowModelServer> {
  let sent: () => void = () => undefined;
  let firstSent = new Promise<void>((resolve) => (sent = resolve));
  let completed = 0;
  const prompts: string[] = [];
  const server: Server = createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [{ id: SERVED_MODEL }] }));
      return;
    }
    const body: Buffer[] = [];
    req.on('data', (chunk: Buffer) => body.push(chunk));
    req.on('end', () => {
      const { messages } = JSON.parse(Buffer.concat(body).toString('utf8')) as { messages: { role: string; content: string }[] };
      prompts.push(messages.filter((m) => m.role === 'user').at(-1)?.content ?? '');
      const { pieces, delayMs } = state.script;
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      let i = 0;
      let timer: NodeJS.Timeout | undefined;
      const next = (): void => {
        if (res.destroyed) return;
        const piece = pieces[i++];
        if (piece === undefined) {
          res.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }], usage: { prompt_tokens: 7, completion_tokens: pieces.length } })}\n\n`);
          res.end('data: [DONE]\n\n');
          completed++;
          return;
        }
        res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: piece } }] })}\n\n`);
        if (i === 1) sent();
        timer = setTimeout(next, delayMs);
      };
      res.on('close', () => clearTimeout(timer));
      next();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const state: SlowModelServer = {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    script,
    prompts,
    get completed() {
      return completed;
    },
    firstPieceSent: () => {
      const waiting = firstSent;
      // The next call waits for its own first piece.
      void waiting.then(() => (firstSent = new Promise<void>((resolve) => (sent = resolve))));
      return waiting;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return state;
}

/** A manifest whose default alias is the loopback server's model (no local model is opened). */
export function writeManifest(dir: string, baseUrl: string): string {
  const path = join(dir, 'manifest.json');
  writeFileSync(
    path,
    JSON.stringify({
      aliases: {},
      models: {},
      routing: {
        models: { [SERVED_MODEL]: { provider: 'slow' } },
        aliases: { default: SERVED_MODEL },
        servers: { slow: { kind: 'openai-compatible', baseUrl, model: SERVED_MODEL, pricePer1kTokens: { input: 1, output: 1 } } },
      },
    }),
  );
  return path;
}

export interface AskSite {
  readonly root: string;
  /** The appliance directory: tenant "acme"; alice is admin, erin approver. */
  readonly data: string;
  /** The CLI flags that unlock it as `user`, passphrase on stdin. */
  unlock(user: string): string[];
  remove(): void;
}

export async function askSite(): Promise<AskSite> {
  const root = mkdtempSync(join(tmpdir(), 'airlock-ask-cli-'));
  const t = await governedTenant(root);
  await t.tenant.close();
  t.appliance.close();
  return {
    root,
    data: t.dir,
    unlock: (user) => ['--data', t.dir, '--tenant', 'acme', '--user', user, '--passphrase-stdin'],
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** The tenant's audit entries and open budget reservations, read through the public API. */
export async function readTenant(site: AskSite): Promise<{ entries: AuditEntry[]; openReservations: number }> {
  const appliance = openAppliance(site.data, { kdf: TEST_KDF });
  const tenant = await appliance.unlockTenant('acme', 'alice', PASS.alice as string);
  try {
    const rows = tenant.db.prepare('SELECT leaf FROM audit_entries ORDER BY seq').all() as { leaf: Uint8Array }[];
    return { entries: rows.map((r) => decodeEntry(r.leaf)), openReservations: new BudgetLedger(tenant.db).openReservations() };
  } finally {
    await tenant.close();
    appliance.close();
  }
}

export interface RunningCli {
  readonly child: ChildProcess;
  out(): string;
  err(): string;
  /** Resolves when stdout has received something. */
  firstOutput(): Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The real CLI as a child process; `stdin` lines each get a newline, then stdin ends. */
/** `keepStdinOpen` leaves stdin open after the lines (a CLI still waiting to read). */
export function spawnAirlock(args: readonly string[], stdin: readonly string[], options: { node?: string; keepStdinOpen?: boolean } = {}): RunningCli {
  return spawnWatched(options.node ?? process.execPath, [AIRLOCK_BIN, ...args], stdin, options.keepStdinOpen ?? false);
}

/**
 * The real CLI with a pseudo-terminal as its stdin, stdout and stderr (util-linux `script`): what a
 * person at a terminal sees, all three streams in `out()`.
 */
export function spawnOnTerminal(args: readonly string[], stdin: readonly string[], options: { keepStdinOpen?: boolean } = {}): RunningCli {
  const line = [process.execPath, AIRLOCK_BIN, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  return spawnWatched('script', ['-qefc', line, '/dev/null'], stdin, options.keepStdinOpen ?? false);
}

/** Resolves when `check` holds, polling every 20 ms; rejects after `timeoutMs`. */
export async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function spawnWatched(command: string, args: readonly string[], stdin: readonly string[], keepStdinOpen: boolean): RunningCli {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let gotOutput: () => void = () => undefined;
  const firstOutput = new Promise<void>((resolve) => (gotOutput = resolve));
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    gotOutput();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
  const input = stdin.map((line) => `${line}\n`).join('');
  if (keepStdinOpen) child.stdin?.write(input);
  else child.stdin?.end(input);
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { child, out: () => out, err: () => err, firstOutput: () => firstOutput, exit };
}

/** The last call record (`gateway.call`, or `gateway.call.blocked` for a call stopped early), if any. */
export function gatewayCallEntry(entries: readonly AuditEntry[]): AuditEntry | undefined {
  return entries.filter((e) => e.action === 'gateway.call' || e.action === 'gateway.call.blocked').at(-1);
}
