/**
 * The SSE parser's bounds: what a server sends is searched once (linear time however it is split),
 * and a line or an event that outgrows its limit fails with a typed error instead of growing.
 */
import { describe, expect, it } from 'vitest';
import { SseLimitError, SseParser } from '../../../main/providers/sse.ts';

function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('SSE parser limits', () => {
  it('accepts a line at the limit and refuses one past it, whether it arrives whole or in pieces', () => {
    const atLimit = new SseParser({ maxLineLength: 16 });
    expect(atLimit.push('data: 0123456789\n\n')).toEqual([{ event: 'message', data: '0123456789' }]); // 16 characters

    const whole = new SseParser({ maxLineLength: 16 });
    expect(thrown(() => whole.push('data: 0123456789X\n\n'))).toMatchObject({ name: 'SseLimitError', limit: 'line', max: 16 });

    // No line break ever comes: the error is raised as soon as the unfinished line passes the limit.
    const pieces = new SseParser({ maxLineLength: 16 });
    expect(pieces.push('data: 0123')).toEqual([]);
    expect(pieces.push('456789')).toEqual([]);
    const error = thrown(() => pieces.push('X'));
    expect(error).toBeInstanceOf(SseLimitError);
    expect((error as Error).message).toMatch(/longer than 16 characters without a line break/);
  });

  it('counts the line, not the line break, and keeps a CRLF split across pieces whole', () => {
    const parser = new SseParser({ maxLineLength: 16 });
    const events = [...parser.push('data: 0123456789\r'), ...parser.push('\ndata: abcdefghij\r\n'), ...parser.push('\r\n')];
    expect(events).toEqual([{ event: 'message', data: '0123456789\nabcdefghij' }]);
  });

  it('refuses an event whose data lines never meet the blank line that ends it', () => {
    const parser = new SseParser({ maxEventLength: 32 });
    // 3 lines of 10 characters joined with "\n" are 32 characters: at the limit.
    expect(parser.push('data: 0123456789\ndata: 0123456789\ndata: 0123456789\n')).toEqual([]);
    expect(thrown(() => parser.push('data: x\n'))).toMatchObject({ name: 'SseLimitError', limit: 'event', max: 32 });

    // The blank line resets the count: many events, each under the limit, are fine.
    const many = new SseParser({ maxEventLength: 32 });
    const events = Array.from({ length: 100 }, () => many.push('data: 0123456789\ndata: 0123456789\n\n')).flat();
    expect(events).toHaveLength(100);
  });

  it('checks the limits on the final, unterminated event too', () => {
    const parser = new SseParser({ maxLineLength: 8 });
    expect(parser.push('data: ab')).toEqual([]);
    expect(parser.end()).toEqual([{ event: 'message', data: 'ab' }]);
    const over = new SseParser({ maxLineLength: 8 });
    expect(thrown(() => over.push('data: abc'))).toMatchObject({ limit: 'line' });
  });

  it('has defaults that hold a large single event and refuse an endless line', () => {
    const parser = new SseParser();
    const big = 'x'.repeat(3 * 1024 * 1024);
    expect(parser.push(`data: ${big}\n\n`)[0]?.data.length).toBe(big.length);
    const endless = new SseParser();
    const piece = 'x'.repeat(64 * 1024);
    let error: unknown;
    for (let i = 0; i < 1024 && error === undefined; i++) error = thrown(() => endless.push(piece));
    expect(error).toMatchObject({ limit: 'line', max: 4 * 1024 * 1024 });
  });

  it('parses a 4 MiB line delivered in 4 KiB pieces in linear time (a bound, not a benchmark)', () => {
    const parser = new SseParser({ maxLineLength: 8 * 1024 * 1024 });
    const piece = new TextEncoder().encode('x'.repeat(4096));
    const started = performance.now();
    expect(parser.push('data: ')).toEqual([]);
    for (let i = 0; i < 1024; i++) expect(parser.push(piece)).toHaveLength(0);
    const events = parser.push('\n\n');
    const elapsed = performance.now() - started;
    expect(events[0]?.data.length).toBe(4 * 1024 * 1024);
    // Linear work is a few milliseconds; the old re-search of the whole buffer on every piece was quadratic.
    expect(elapsed).toBeLessThan(500);
  });
});
