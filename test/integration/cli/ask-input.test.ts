/**
 * What `airlock ask` refuses before it unlocks anything (an unusable manifest, an empty prompt), and
 * where it takes the prompt from (argv, a file, or standard input after the passphrase).
 */
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, constants, openSync, writeFileSync, writeSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIRLOCK_BIN, runAirlock } from '../../support/airlock-cli.ts';
import { MAX_PROMPT_BYTES } from '../../../main/cli/commands/ask.ts';
import { askSite, PASS, slowModelServer, spawnAirlock, spawnOnTerminal, until, writeManifest, type AskSite, type SlowModelServer } from './ask-support.ts';

let site: AskSite;
let server: SlowModelServer;
let manifest: string;

beforeAll(async () => {
  site = await askSite();
  server = await slowModelServer({ pieces: ['noted'], delayMs: 1 });
  manifest = writeManifest(site.root, server.baseUrl);
}, 60_000);
afterAll(async () => {
  await server.close();
  site.remove();
});

const ask = (...extra: string[]): string[] => ['ask', ...site.unlock('alice'), ...extra];

describe('airlock ask: refused before unlocking', () => {
  it('names a manifest it cannot read and what to do, exit 1, before asking for the passphrase', () => {
    // No passphrase on stdin: reading it first would fail differently.
    const r = runAirlock(ask('--manifest', '/nonexist.json', 'hello'), []);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^airlock: Cannot read the model manifest \/nonexist\.json: .*ENOENT.* Fix it, or name another manifest with --manifest; `airlock doctor --manifest <path>` checks one\.\n$/);
    expect(r.err).not.toMatch(/bug in Airlock|unexpected failure/);
  });

  it('names an invalid manifest the same way', () => {
    const path = join(site.root, 'broken.json');
    writeFileSync(path, '{"models": ');
    const r = runAirlock(ask('--manifest', path, 'hello'), []);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Model manifest .*broken\.json is not valid JSON: .* Fix it, or name another manifest/);
  });

  it('names the manifest whose routing section the router refuses, exit 1, not "a bug in Airlock"', () => {
    const path = join(site.root, 'bad-routing.json');
    writeFileSync(path, JSON.stringify({ aliases: {}, models: {}, routing: { models: {}, aliases: { default: 'nope' }, servers: {} } }));
    const r = runAirlock(ask('--manifest', path, 'hello'), []);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^airlock: The routing section of the model manifest \S*bad-routing\.json is invalid: .*aliases\.default.* Fix it, or name another manifest with --manifest/);
    expect(r.err).not.toMatch(/bug in Airlock|unexpected failure|models\/manifest\.json/);
  });

  it.each([[''], ['  \n\t ']])('refuses an empty or blank prompt (%j) without a call: a usage error, exit 2', (prompt) => {
    const r = runAirlock(ask(prompt), []);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the prompt is empty; give a non-empty prompt/);
  });
});

describe('airlock ask: where the prompt comes from', () => {
  const LINES = ['Summarise the ward round notes', 'second line of the notes'];
  const PROMPT = `${LINES.join('\n')}\n`;
  // The loopback server runs in this process: a synchronous spawn would block it.

  it('reads it from a file with --prompt-file', async () => {
    const path = join(site.root, 'prompt.txt');
    writeFileSync(path, PROMPT, { mode: 0o600 });
    const r = spawnAirlock(ask('--manifest', manifest, '--prompt-file', path), [PASS.alice as string]);
    expect((await r.exit).code, r.err()).toBe(0);
    expect(server.prompts.at(-1)).toBe(PROMPT);
  });

  it('reads it from standard input with --prompt-file -, after the passphrase line', async () => {
    const r = spawnAirlock(ask('--manifest', manifest, '--prompt-file', '-'), [PASS.alice as string, ...LINES]);
    expect((await r.exit).code, r.err()).toBe(0);
    expect(server.prompts.at(-1)).toBe(PROMPT);
  });

  it('keeps a UTF-8 character whole when standard input splits it across two reads', async () => {
    // stdin is a named pipe, so the test can see when the CLI has read the first part.
    const fifo = join(site.root, 'stdin.fifo');
    execFileSync('mkfifo', [fifo]);
    const readEnd = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const writeEnd = openSync(fifo, constants.O_WRONLY);
    const child = spawn(process.execPath, [AIRLOCK_BIN, ...ask('--manifest', manifest, '--prompt-file', '-')], { stdio: [readEnd, 'ignore', 'pipe'] });
    closeSync(readEnd);
    let err = '';
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    const exit = new Promise<number | null>((resolve) => child.on('close', resolve));
    writeSync(writeEnd, Buffer.concat([Buffer.from(`${PASS.alice}\nCaf`), Buffer.from([0xc3])]));
    await until(() => unreadIn(fifo) === 0, 'the first part to be read');
    writeSync(writeEnd, Buffer.concat([Buffer.from([0xa9]), Buffer.from(' au lait\n')]));
    closeSync(writeEnd);
    expect(await exit, err).toBe(0);
    expect(server.prompts.at(-1)).toBe('Café au lait\n');
  }, 20_000);

  it(`refuses a prompt file larger than ${MAX_PROMPT_BYTES} bytes, or one that is no file or pipe, before unlocking`, () => {
    const big = join(site.root, 'big-prompt.txt');
    writeFileSync(big, Buffer.alloc(MAX_PROMPT_BYTES + 1, 0x61));
    const large = runAirlock(ask('--manifest', manifest, '--prompt-file', big), []);
    expect(large.code).toBe(1);
    expect(large.err).toMatch(/^airlock: the prompt in \S*big-prompt\.txt is larger than 4 MiB, the most ask takes; shorten it/);
    const device = runAirlock(ask('--manifest', manifest, '--prompt-file', '/dev/zero'), []);
    expect(device.code).toBe(1);
    expect(device.err).toMatch(/^airlock: the prompt file \/dev\/zero is not a regular file or a pipe/);
  });

  it('reads the prompt from a named pipe', async () => {
    const fifo = join(site.root, 'prompt.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = spawnAirlock(ask('--manifest', manifest, '--prompt-file', fifo), [PASS.alice as string]);
    await writeFile(fifo, 'through a pipe\n');
    expect((await r.exit).code, r.err()).toBe(0);
    expect(server.prompts.at(-1)).toBe('through a pipe\n');
  }, 20_000);

  it('stops reading standard input past the limit and refuses, before unlocking', async () => {
    const r = spawnAirlock(ask('--manifest', manifest, '--prompt-file', '-'), [PASS.alice as string], { keepStdinOpen: true });
    r.child.stdin?.on('error', () => undefined); // EPIPE once the CLI has stopped reading
    r.child.stdin?.write(Buffer.alloc(MAX_PROMPT_BYTES + 64 * 1024, 0x61));
    const { code } = await r.exit;
    expect(code, r.err()).toBe(1);
    expect(r.err()).toMatch(/^airlock: the prompt in standard input is larger than 4 MiB/);
    r.child.stdin?.destroy();
  }, 20_000);

  it('refuses --prompt-file - without --passphrase-stdin, a prompt given twice, and no prompt at all', () => {
    const noStdinPass = runAirlock(['ask', '--data', site.data, '--tenant', 'acme', '--user', 'alice', '--prompt-file', '-'], PROMPT);
    expect(noStdinPass.code).toBe(2);
    expect(noStdinPass.err).toMatch(/the passphrase must come first on it: add --passphrase-stdin/);
    const twice = runAirlock(ask('--prompt-file', '-', 'hello'), []);
    expect(twice.err).toMatch(/as an argument or with --prompt-file, not both/);
    expect(twice.code).toBe(2);
    const none = runAirlock(ask(), []);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/give a prompt: as an argument, or with --prompt-file PATH/);
  });
});

describe('airlock ask: the passphrase prompt on a terminal', () => {
  it('stops at Ctrl-C, saying nothing was unlocked, exit 130', async () => {
    const running = spawnOnTerminal(['ask', '--data', site.data, '--tenant', 'acme', '--user', 'alice', '--manifest', manifest, 'hello'], [], { keepStdinOpen: true });
    await until(() => running.out().includes('Passphrase for alice:'), 'the passphrase prompt');
    running.child.stdin?.write('\x03');
    const { code } = await running.exit;
    expect(code, running.out()).toBe(130);
    expect(running.out()).toMatch(/airlock: interrupted at the passphrase prompt; nothing was unlocked or changed/);
    expect(running.out()).not.toMatch(/unsettled top-level await|Warning/);
  }, 20_000);
});

/** Bytes written to the named pipe that nobody has read yet (FIONREAD). */
function unreadIn(fifo: string): number {
  const script = 'import array, fcntl, os, sys, termios\nfd = os.open(sys.argv[1], os.O_RDONLY | os.O_NONBLOCK)\nn = array.array("i", [0])\nfcntl.ioctl(fd, termios.FIONREAD, n)\nprint(n[0])';
  return Number(execFileSync('python3', ['-c', script, fifo], { encoding: 'utf8' }));
}
