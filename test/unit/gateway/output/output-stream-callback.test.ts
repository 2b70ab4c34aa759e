/**
 * The caller's `onText` is the caller's code: a throw or a rejected promise from it halts the
 * stream (nothing more is sent to it), is kept by name only, and never escapes as an unhandled
 * rejection. Once the caller's own signal aborted, nothing more is released, finish(true) included.
 */
import { describe, expect, it } from 'vitest';
import { OutputStream } from '../../../../main/gateway/output-stream.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/index.ts';

const restorer = () => createRedactionSession().restorer(true).createStreamRestorer();
const ANSWER = 'one two three four five six';
const WORDS = ['one ', 'two ', 'three ', 'four ', 'five ', 'six'];

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
}

describe('an onText that fails', () => {
  it('that throws on the second word: receives nothing more, finish(true) included (the stream diverged); the failure is kept by name, never its message', async () => {
    const out: string[] = [];
    const s = new OutputStream((t) => {
      out.push(t);
      if (out.length === 2) throw new Error('caller bug secret=hunter2');
    }, restorer());
    for (const w of WORDS) s.push(w);
    await s.drained;
    // What the caller holds is not the answer: it must show the result's text.
    expect(s.finish(true, ANSWER)).toBe(true);
    expect(out).toEqual(['one ', 'two ']);
    expect(s.callbackFailed).toBe('Error');
    expect(JSON.stringify(s)).not.toContain('hunter2');
  });

  it('keeps a custom error class by its name, and a name that is not an identifier as Error', () => {
    class CallerUiError extends Error {
      override name = 'CallerUiError';
    }
    const custom = new OutputStream(() => {
      throw new CallerUiError('private text');
    }, restorer());
    custom.push('hello ');
    expect(custom.callbackFailed).toBe('CallerUiError');

    const named = new OutputStream(() => {
      const e = new Error('x');
      e.name = 'token sk-live-1234';
      throw e;
    }, restorer());
    named.push('hello ');
    expect(named.callbackFailed).toBe('Error');

    // Identifier-shaped is not enough: a key or a personal value can be spelt as one.
    for (const carried of ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'JaneDoe_SSN_123456789', 'Jane1Error']) {
      const s = new OutputStream(() => {
        const e = new Error('x');
        e.name = carried;
        throw e;
      }, restorer());
      s.push('hello ');
      expect(s.callbackFailed).toBe('Error');
    }

    const thrownString = new OutputStream(() => {
      throw 'secret text';
    }, restorer());
    thrownString.push('hello ');
    expect(thrownString.callbackFailed).toBe('string');
  });

  it('that throws or rejects with a Proxy whose traps throw: halted and kept as Error, nothing unhandled', async () => {
    const hostile = (): Error =>
      new Proxy(new Error('x'), {
        getPrototypeOf() {
          throw new Error('trap');
        },
        get() {
          throw new Error('trap');
        },
      });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      for (const mode of ['throw', 'reject'] as const) {
        const out: string[] = [];
        const s = new OutputStream((t) => {
          out.push(t);
          if (out.length < 2) return undefined;
          if (mode === 'throw') throw hostile();
          return Promise.reject(hostile());
        }, restorer());
        s.push('one ');
        s.push('two ');
        await settle();
        for (const w of WORDS.slice(2)) s.push(w);
        await s.drained;
        await settle();
        expect(out).toEqual(['one ', 'two ']);
        expect(s.callbackFailed).toBe('Error');
      }
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('that returns promises which reject: every rejection is handled (none unhandled), and the stream halts at the first', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => {
      unhandled.push(reason);
    };
    process.on('unhandledRejection', onUnhandled);
    try {
      const out: string[] = [];
      const s = new OutputStream(async (t: string) => {
        out.push(t);
        await Promise.resolve();
        throw new TypeError('async boom');
      }, restorer());
      s.push(WORDS[0] ?? '');
      s.push(WORDS[1] ?? '');
      await settle();
      expect(s.callbackFailed).toBe('TypeError');
      for (const w of WORDS.slice(2)) s.push(w);
      await s.drained;
      expect(s.finish(true, ANSWER)).toBe(true);
      expect(out).toEqual(['one ', 'two ']);
      await settle();
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });

  it('that returns a promise which resolves: streams as before', async () => {
    const out: string[] = [];
    const s = new OutputStream(async (t: string) => {
      await Promise.resolve();
      out.push(t);
    }, restorer());
    for (const w of WORDS) s.push(w);
    await s.drained;
    expect(s.finish(true, ANSWER)).toBe(false);
    await settle();
    expect(out.join('')).toBe(ANSWER);
    expect(s.callbackFailed).toBeUndefined();
  });
});

describe('a stream whose caller aborted', () => {
  it('releases nothing more, not the held tail at finish(true): the released part is not the answer, so it diverged', async () => {
    const out: string[] = [];
    const caller = new AbortController();
    const s = new OutputStream((t) => out.push(t), restorer(), { signal: caller.signal });
    for (const w of WORDS) s.push(w);
    await s.drained;
    expect(out.join('')).toBe('one two three four five ');
    caller.abort(); // after the model finished, before the call's record
    s.halt(); // as the gateway does on the call's signal
    s.releaseFinal(ANSWER);
    expect(s.finish(true, ANSWER)).toBe(true);
    expect(out.join('')).toBe('one two three four five ');
    expect(s.released).toBe('one two three four five ');
  });

  it('that held everything until the verdict releases nothing at finish(true)', () => {
    const out: string[] = [];
    const caller = new AbortController();
    const s = new OutputStream((t) => out.push(t), restorer(), { holdUntilVerdict: true, signal: caller.signal });
    for (const w of WORDS) s.push(w);
    caller.abort();
    s.halt();
    expect(s.finish(true, ANSWER)).toBe(true);
    expect(out).toEqual([]);
  });

  it('whose released part is the whole answer has not diverged', async () => {
    const out: string[] = [];
    const caller = new AbortController();
    const s = new OutputStream((t) => out.push(t), restorer(), { signal: caller.signal });
    for (const w of ['one ', 'two ']) s.push(w);
    await s.drained;
    caller.abort();
    expect(s.finish(true, 'one two ')).toBe(false);
    expect(out.join('')).toBe('one two ');
  });

  it('sends nothing on the fly once aborted, even before the gateway halts it', () => {
    const out: string[] = [];
    const caller = new AbortController();
    const s = new OutputStream((t) => out.push(t), restorer(), { signal: caller.signal });
    s.push('one ');
    caller.abort();
    s.push('two ');
    expect(out).toEqual(['one ']);
  });
});

describe('a stream halted without the caller aborting (a kill switch)', () => {
  it('still sends the rest at finish(true): the call was recorded ok before the stop took effect', async () => {
    const out: string[] = [];
    const caller = new AbortController();
    const s = new OutputStream((t) => out.push(t), restorer(), { signal: caller.signal });
    for (const w of WORDS) s.push(w);
    await s.drained;
    s.halt();
    s.releaseFinal(ANSWER);
    expect(out.join('')).toBe('one two three four five ');
    expect(s.finish(true, ANSWER)).toBe(false);
    expect(out.join('')).toBe(ANSWER);
  });
});
