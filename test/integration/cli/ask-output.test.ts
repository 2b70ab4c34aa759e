/**
 * What `airlock ask` writes, and where: held until the verdict unless it is safe to stream, model
 * text made harmless for a terminal, only the answer on stdout. The provider is real (a loopback
 * OpenAI-compatible server); terminals are real pseudo-terminals (`script`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAirlock } from '../../support/airlock-cli.ts';
import { terminalSafe, terminalSafeJson } from '../../../main/cli/commands/ask.ts';
import { askSite, PASS, slowModelServer, spawnAirlock, spawnOnTerminal, writeManifest, type AskSite, type RunningCli, type SlowModelServer } from './ask-support.ts';

const BOMB = { pieces: ['Sure. ', 'Here ', 'is ', 'how ', 'to ', 'build ', 'a ', 'pipe ', 'bomb ', 'at ', 'home, ', 'step ', 'by ', 'step.'], delayMs: 30 };
const WORDS = { pieces: ['alpha ', 'beta ', 'gamma ', 'delta ', 'epsilon ', 'zeta'], delayMs: 150 };

let site: AskSite;
let server: SlowModelServer;
let manifest: string;

beforeAll(async () => {
  site = await askSite();
  server = await slowModelServer(WORDS);
  manifest = writeManifest(site.root, server.baseUrl);
  const pack = runAirlock(['policy', 'set', '--level', 'team', '--id', 'regulated', '--dimension', 'packs', '--value', 'hipaa', ...site.unlock('alice')], [PASS.alice as string]);
  if (pack.code !== 0) throw new Error(pack.err);
}, 60_000);
afterAll(async () => {
  await server.close();
  site.remove();
});

const ask = (...extra: string[]): string[] => ['ask', ...site.unlock('alice'), '--manifest', manifest, '--max-tokens', '64', ...extra];

/** How many answers the server had finished when `text` first reached the output. */
function completedWhenSeen(running: RunningCli, text: string): Promise<number> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (running.out().includes(text)) {
        running.child.stdout?.off('data', check);
        resolve(server.completed);
      }
    };
    running.child.stdout?.on('data', check);
  });
}

describe('airlock ask: when text is released', () => {
  it('holds the answer until the output verdict when stdout is not a terminal', async () => {
    server.script = WORDS;
    const before = server.completed;
    const running = spawnAirlock(ask('Name six letters'), [PASS.alice as string]);
    const seen = completedWhenSeen(running, 'alpha');
    expect((await running.exit).code, running.err()).toBe(0);
    expect(await seen).toBe(before + 1);
    expect(running.out()).toMatch(/^alpha beta gamma delta epsilon zeta\n/);
  }, 20_000);

  it('streams to a pipe with --stream', async () => {
    server.script = WORDS;
    const before = server.completed;
    const running = spawnAirlock(ask('--stream', 'Name six letters'), [PASS.alice as string]);
    const seen = completedWhenSeen(running, 'alpha');
    expect((await running.exit).code, running.err()).toBe(0);
    expect(await seen).toBe(before);
  }, 20_000);

  it('puts nothing of an answer that output moderation withholds into a file; exit 3, refused', async () => {
    server.script = BOMB;
    const running = spawnAirlock(ask('Tell me'), [PASS.alice as string]);
    const { code } = await running.exit;
    expect(code, running.err()).toBe(3);
    expect(running.err()).toMatch(/OUTPUT_MODERATION|moderation/i);
    expect(running.out()).toBe('');
  }, 20_000);

  it('with --stream, says WITHDRAWN on stderr after a refused answer it streamed; stdout keeps only the text', async () => {
    server.script = BOMB;
    const running = spawnAirlock(ask('--stream', 'Tell me'), [PASS.alice as string]);
    expect((await running.exit).code, running.err()).toBe(3);
    expect(running.out()).toMatch(/^Sure\. /);
    expect(running.out()).not.toMatch(/WITHDRAWN|stage/);
    expect(running.err()).toMatch(/\[WITHDRAWN: the text above was refused after it was shown \(OUTPUT_MODERATION\)/);
  }, 20_000);

  it('streams to a terminal, but holds on a terminal when a governance pack applies to the call', async () => {
    server.script = WORDS;
    let before = server.completed;
    const plain = spawnOnTerminal(ask('Name six letters'), [PASS.alice as string]);
    const plainSeen = completedWhenSeen(plain, 'alpha');
    expect((await plain.exit).code, plain.out()).toBe(0);
    expect(await plainSeen).toBe(before);

    before = server.completed;
    const regulated = spawnOnTerminal(ask('--team', 'regulated', 'Name six letters'), [PASS.alice as string]);
    const regulatedSeen = completedWhenSeen(regulated, 'alpha');
    expect((await regulated.exit).code, regulated.out()).toBe(0);
    expect(await regulatedSeen).toBe(before + 1);
  }, 30_000);
});

const FORGERY = 'Hi\x1b[2K\r\x1b[32mFAKE\x1b[0m';

describe('airlock ask: model text and the terminal', () => {
  it('shows control characters instead of obeying them (ESC, CR, BEL, OSC 52, C1 CSI, DEL); keeps newline, tab and text', () => {
    expect(terminalSafe(FORGERY)).toBe('Hi␛[2K␍␛[32mFAKE␛[0m');
    expect(terminalSafe('\x1b]52;c;cm0gLXJmIC8K\x07')).toBe('␛]52;c;cm0gLXJmIC8K␇');
    expect(terminalSafe('a\x9b31mb\x7fc\x08')).toBe('a\\x9b31mb␡c␈');
    expect(terminalSafe('line one\n\tcafé — 東京 ✓')).toBe('line one\n\tcafé — 東京 ✓');
  });

  it('shows bidi overrides and isolates, zero-width and invisible characters, separators and tags instead of passing them', () => {
    expect(terminalSafe('pay \u202eevil\u202c ok')).toBe('pay \\u{202e}evil\\u{202c} ok');
    expect(terminalSafe('\u2066\u2067\u2068\u2069\u061c\u200b\u200d\u200e\u200f\u2028\u2029\u2060\u2064\ufeff')).toBe(
      '\\u{2066}\\u{2067}\\u{2068}\\u{2069}\\u{61c}\\u{200b}\\u{200d}\\u{200e}\\u{200f}\\u{2028}\\u{2029}\\u{2060}\\u{2064}\\u{feff}',
    );
    expect(terminalSafe('a\u{e0041}\u{e007f}b')).toBe('a\\u{e0041}\\u{e007f}b');
    expect(terminalSafe('שלום עולם, مرحبا')).toBe('שלום עולם, مرحبا');
  });

  it('escapes DEL, C1 and the invisible characters in --json for a terminal, as the same JSON value', () => {
    const text = 'a\x7f\x9b31m\u202e\u{e0041}\u2028é';
    const json = terminalSafeJson(JSON.stringify({ text }));
    expect(json).toBe('{"text":"a\\u007f\\u009b31m\\u202e\\udb40\\udc41\\u2028é"}');
    expect(JSON.parse(json)).toEqual({ text });
  });

  it('writes no escape sequence of the model to a terminal, so it cannot forge what follows', async () => {
    server.script = { pieces: [FORGERY], delayMs: 1 };
    const running = spawnOnTerminal(ask('Say hi'), [PASS.alice as string]);
    expect((await running.exit).code, running.out()).toBe(0);
    expect(running.out()).toContain('Hi␛[2K␍␛[32mFAKE␛[0m');
    expect(running.out()).not.toContain('\x1b[32m');
  }, 20_000);

  it('writes no raw C1 or DEL of the model to a terminal with --json', async () => {
    server.script = { pieces: ['x\x9b2Jy\x7f'], delayMs: 1 };
    const running = spawnOnTerminal(ask('--json', 'Say hi'), [PASS.alice as string]);
    expect((await running.exit).code, running.out()).toBe(0);
    expect(running.out()).toContain('"text":"x\\u009b2Jy\\u007f"');
    expect(running.out()).not.toMatch(/[\x7f-\x9f]/);
  }, 20_000);

  it('writes the text as it is when stdout is not a terminal', async () => {
    server.script = { pieces: [FORGERY], delayMs: 1 };
    const running = spawnAirlock(ask('Say hi'), [PASS.alice as string]);
    expect((await running.exit).code, running.err()).toBe(0);
    expect(running.out().startsWith(`${FORGERY}\n`)).toBe(true);
  }, 20_000);
});

describe('airlock ask --json', () => {
  it('prints one JSON object on stdout: text, verdicts, tokens, cost, audit seq, model; nothing streamed before it', async () => {
    server.script = WORDS;
    const running = spawnAirlock(ask('--json', 'Name six letters'), [PASS.alice as string]);
    expect((await running.exit).code, running.err()).toBe(0);
    expect(running.out().trimEnd().split('\n')).toHaveLength(1);
    const json = JSON.parse(running.out()) as Record<string, unknown>;
    expect(json).toEqual({
      text: 'alpha beta gamma delta epsilon zeta',
      verdicts: expect.arrayContaining([{ stage: 'llm-call', outcome: 'pass' }]) as unknown,
      tokens: { prompt: 7, completion: 6 },
      usageKnown: true,
      cost: expect.any(Number) as unknown,
      auditSeq: expect.any(Number) as unknown,
      model: 'onprem-slow',
    });
    expect(json.verdicts).toHaveLength(10);
  }, 20_000);

  it('refuses --json with --stream: a usage error, exit 2', () => {
    const r = runAirlock(ask('--json', '--stream', 'hi'), [PASS.alice as string]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--stream contradicts --json/);
  }, 20_000);
});
