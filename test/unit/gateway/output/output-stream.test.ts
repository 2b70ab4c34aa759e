import { describe, expect, it } from 'vitest';
import { OutputStream } from '../../../../main/gateway/output-stream.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/index.ts';
import { validateOutput } from '../../../../main/gateway/output/index.ts';

const restorer = () => createRedactionSession().restorer(true).createStreamRestorer();
const PATH = '/var/log/airlock/gateway-2026.log';

/** A check that answers only when told to, so a test can act while it is pending. */
function gatedCheck(answer: (text: string) => boolean | Error) {
  const waiting: (() => void)[] = [];
  const seen: string[] = [];
  const check = (text: string): Promise<boolean> => {
    seen.push(text);
    return new Promise((resolve, reject) =>
      waiting.push(() => {
        const a = answer(text);
        if (a instanceof Error) reject(a);
        else resolve(a);
      }),
    );
  };
  /** Answers each check as it arrives until every queued window is through. */
  const releaseAll = async (stream: OutputStream): Promise<void> => {
    let done = false;
    void stream.drained.then(() => (done = true));
    while (!done) {
      await new Promise((r) => setImmediate(r));
      waiting.shift()?.();
    }
  };
  return { check, seen, releaseAll };
}

describe('OutputStream on-the-fly checks', () => {
  it('releases words with a long token once the check clears them, and the words behind them only after, in order', async () => {
    const out: string[] = [];
    const gate = gatedCheck(() => false);
    const s = new OutputStream((t) => out.push(t), restorer(), { credentialCheck: gate.check });
    s.push('The log is ');
    s.push(`at ${PATH} `);
    s.push('and it is quiet ');
    await new Promise((r) => setImmediate(r));
    expect(out.join('')).toBe('The log is '); // the window with the path waits for its check; the next words wait behind it
    expect(gate.seen).toHaveLength(1);
    expect(gate.seen[0]).toContain(PATH);
    await gate.releaseAll(s);
    expect(out.join('')).toBe(`The log is at ${PATH} and it is quiet `);
    expect(s.heldOnTheFly).toBe(false);
  });

  it('holds everything from a window the check finds a credential in, and when the check itself fails', async () => {
    for (const answer of [() => true, () => new Error('secretlint crashed')]) {
      const out: string[] = [];
      const gate = gatedCheck(answer);
      const s = new OutputStream((t) => out.push(t), restorer(), { credentialCheck: gate.check });
      s.push('Here you go ');
      s.push('ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 ');
      s.push('and more words ');
      await gate.releaseAll(s);
      expect(out.join('')).toBe('Here you go ');
      expect(s.heldOnTheFly).toBe(true);
      s.finish(true, 'Here you go [REDACTED_SECRET:github] and more words ');
      expect(out.join('')).toBe('Here you go [REDACTED_SECRET:github] and more words ');
    }
  });

  it('holds at once, without a window check, for a PEM header, a URI with userinfo or a password key', () => {
    // A # or ? in the username hides the URI from the prefilter; the structural patterns still see it.
    for (const words of ['-----BEGIN RSA PRIVATE KEY----- ', 'postgres://app:hunter2@db.local/x ', 'postgres://ad#min:pw12@db/prod ', 'postgres://ad?min:pw12@db/prod ', 'password = hunter2 ']) {
      const out: string[] = [];
      const gate = gatedCheck(() => false);
      const s = new OutputStream((t) => out.push(t), restorer(), { credentialCheck: gate.check });
      s.push('Config: ');
      s.push(words);
      s.push('done ');
      expect(s.heldOnTheFly, words).toBe(true);
      expect(gate.seen, words).toEqual([]);
      expect(out.join('')).toBe('Config: ');
    }
  });

  it('releases nothing more once halted: not the final text\'s held tail, not at finish(false)', () => {
    const out: string[] = [];
    const s = new OutputStream((t) => out.push(t), restorer());
    s.push('Hello there ');
    s.push('and the');
    expect(out.join('')).toBe('Hello there and '); // 'the' is held: the next chunk may continue the word
    s.halt();
    s.releaseFinal('Hello there and the rest of the answer');
    expect(out.join('')).toBe('Hello there and ');
    s.finish(false, '');
    expect(out.join('')).toBe('Hello there and ');
  });

  it('the final text settles a stream with checks still pending: nothing twice, nothing after', async () => {
    const out: string[] = [];
    const gate = gatedCheck(() => false);
    const s = new OutputStream((t) => out.push(t), restorer(), { credentialCheck: gate.check });
    s.push(`See ${PATH} `);
    s.push('for details ');
    s.releaseFinal(`See ${PATH} for details.`);
    await gate.releaseAll(s);
    expect(out.join('')).toBe(`See ${PATH} for details.`);
    expect(s.finish(true, `See ${PATH} for details.`)).toBe(false);
    expect(out.join('')).toBe(`See ${PATH} for details.`);
  });

  it('spaces its checks: windows arriving within 100 ms of the last check join one batch and one check', async () => {
    const out: string[] = [];
    let checks = 0;
    const s = new OutputStream((t) => out.push(t), restorer(), {
      credentialCheck: () => {
        checks++;
        return Promise.resolve(false);
      },
    });
    const words = Array.from({ length: 10 }, (_, i) => `/srv/data/archive-${i}/part-${i}.parquet `);
    for (const w of words) {
      s.push(w);
      await new Promise((r) => setImmediate(r)); // each window arrives after the previous check has finished
    }
    await s.drained;
    expect(out.join('')).toBe(words.join(''));
    expect(checks).toBe(2); // the first at once, the other nine together 100 ms later
  });

  it('decides as stage 7 does on text with invisible characters, JSON escapes or compatibility letters inside a key: held whenever stage 7 redacts, released when it does not', async () => {
    const hostile = [
      'key AKIA\u200bZ7Q2X4RVB6N3WP5L here ',
      'key AKIA\u200bZ7Q2X4\u200bRVB6N3WP5L here ', // no part a long token
      'token ghp_\u200ba1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8 here ',
      'slack xoxb-12345\u2060678901\u00ad2-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx here ',
      '{"k": "\\u0041KIAZ7Q2X4RVB6N3WP5L"} ',
      `{"jwt": "${[...'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}"} `,
      '{"db": "postgres://admin:Sup3rS3cret\\u0040db.internal:5432/prod"} ',
      '{"db": "postgres:\\/\\/admin:Sup3rS3cret@db.internal:5432\\/prod"} ',
      'db postgres:\\/\\/admin:Sup3rS3cret@db.example:5432\\/prod now ', // escaped slashes in plain text
      'key AK\u{1D408}AZ7\u{1D410}2X4R\u{1D415}B6N3WP5L keep ', // mathematical bold, no long ASCII token
      'key \uFF21\uFF2B\uFF29\uFF21\uFF3A\uFF17\uFF31\uFF12\uFF38\uFF14\uFF32\uFF36\uFF22\uFF16\uFF2E\uFF13\uFF37\uFF30\uFF15\uFF2C keep ', // fullwidth
      'slack xoxb-123456789012-1234567890123- AbCdEfGhIjKlMnOpQrStUvWx here ', // split from its tail
    ];
    const benign = [
      'Zero\u200bwidth joins and an emoji 👩\u200d💻 here ',
      '{"note": "caf\\u00e9 at ten\\nbring the Q3 figures"} ',
      '\uFF28\uFF45\uFF4C\uFF4C\uFF4F in \u{1D41B}\u{1D428}\u{1D425}\u{1D41D} here ',
    ];
    for (const text of [...hostile, ...benign]) {
      const out: string[] = [];
      const s = new OutputStream((t) => out.push(t), restorer());
      for (const word of text.split(/(?<= )/)) s.push(word);
      await s.drained;
      const stage7 = await validateOutput(text, text.startsWith('{') ? { schema: { type: 'object' } } : {});
      const redacts = stage7.violations.some((v) => v.kind === 'credential-leak');
      expect(redacts, text).toBe(hostile.includes(text));
      if (redacts) {
        expect(s.heldOnTheFly, text).toBe(true);
        // Nothing from the key on: the words before it at most.
        expect(out.join('').length, text).toBeLessThanOrEqual(text.indexOf(' ') + 1);
      } else {
        expect(out.join(''), text).toBe(text);
      }
    }
  });
});
