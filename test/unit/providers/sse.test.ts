import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseParser } from '../../../main/providers/sse.ts';
import type { SseEvent } from '../../../main/providers/sse.ts';

const STREAM =
  ': keep-alive\n\n' +
  'data: {"choices":[{"delta":{"content":"héllo ✓"}}]}\n\n' +
  'event: ping\r\ndata: a\r\ndata: b\r\n\r\n' +
  'id: 7\rdata: {"x":1}\r\r' +
  'data: [DONE]\n\n';

const EXPECTED: SseEvent[] = [
  { event: 'message', data: '{"choices":[{"delta":{"content":"héllo ✓"}}]}' },
  { event: 'ping', data: 'a\nb' },
  { event: 'message', data: '{"x":1}', id: '7' },
  { event: 'message', data: '[DONE]', id: '7' },
];

function parseInPieces(bytes: Uint8Array, cuts: readonly number[]): SseEvent[] {
  const parser = new SseParser();
  const events: SseEvent[] = [];
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b)) {
    events.push(...parser.push(bytes.subarray(at, cut)));
    at = cut;
  }
  events.push(...parser.push(bytes.subarray(at)), ...parser.end());
  return events;
}

describe('SSE parser', () => {
  it('parses data, named events, multi-line data, ids, comments and every line ending', () => {
    expect(parseInPieces(new TextEncoder().encode(STREAM), [])).toEqual(EXPECTED);
  });

  it('gives the same events however the bytes are split (inside lines, CRLF pairs and UTF-8 characters)', () => {
    const bytes = new TextEncoder().encode(STREAM);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
        expect(parseInPieces(bytes, cuts)).toEqual(EXPECTED);
      }),
      { numRuns: 300 },
    );
  });

  it('splits a stream byte by byte', () => {
    const bytes = new TextEncoder().encode(STREAM);
    expect(parseInPieces(bytes, Array.from({ length: bytes.length }, (_, i) => i))).toEqual(EXPECTED);
  });

  it('keeps a CRLF whole when an empty piece falls between the CR and the LF', () => {
    const parser = new SseParser();
    const events = [...parser.push('data: a\r'), ...parser.push(''), ...parser.push('\ndata: b\r\n\r\n')];
    expect(events).toEqual([{ event: 'message', data: 'a\nb' }]);
  });

  it('drops a leading BOM from text as it does from bytes, and only at the start of the stream', () => {
    for (const feed of [(p: SseParser) => p.push('\uFEFFdata: one\n\n'), (p: SseParser) => p.push(new TextEncoder().encode('\uFEFFdata: one\n\n'))]) {
      const parser = new SseParser();
      expect(feed(parser).map((e) => e.data)).toEqual(['one']);
      expect(parser.push('\uFEFFdata: two\n\n')).toEqual([]); // mid-stream it is part of the line: an unknown field
    }
  });

  it('dispatches a final event the server forgot to terminate with a blank line', () => {
    const parser = new SseParser();
    expect(parser.push('data: last')).toEqual([]);
    expect(parser.end()).toEqual([{ event: 'message', data: 'last' }]);
  });
});
