/**
 * Server-sent events, parsed incrementally (WHATWG "event stream interpretation"): bytes may be
 * split anywhere — inside a line, a CRLF pair or a multi-byte UTF-8 character — and the parser
 * still yields whole events.
 */

export interface SseEvent {
  /** "message" unless the server named it. */
  readonly event: string;
  /** The data lines joined with "\n". */
  readonly data: string;
  readonly id?: string;
}

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private buffer = '';
  private pendingCr = false;
  private dataLines: string[] = [];
  private eventName = '';
  private lastId: string | undefined;
  private started = false;

  /** Feeds bytes (or text) and returns the events they completed. */
  push(chunk: Uint8Array | string): SseEvent[] {
    let text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
    // The stream may open with a BOM, which is not part of the first line. TextDecoder drops it from
    // bytes; text (a response read with setEncoding('utf8'), as the provider does) keeps it.
    if (!this.started && text !== '') {
      this.started = true;
      if (typeof chunk === 'string' && text.startsWith('\uFEFF')) text = text.slice(1);
    }
    if (this.pendingCr && text !== '') {
      // A CR ended the previous text; a LF opening this text belongs to the same line break.
      // (An empty push, e.g. half a UTF-8 character, decides nothing yet.)
      if (text.startsWith('\n')) text = text.slice(1);
      this.pendingCr = false;
    }
    this.buffer += text;
    const events: SseEvent[] = [];
    for (;;) {
      const match = /\r\n|\r|\n/.exec(this.buffer);
      if (match === null) break;
      if (match[0] === '\r' && match.index === this.buffer.length - 1) {
        this.pendingCr = true; // may be the first half of CRLF; decide when the next chunk arrives
      }
      const line = this.buffer.slice(0, match.index);
      this.buffer = this.buffer.slice(match.index + match[0].length);
      const event = this.line(line);
      if (event !== undefined) events.push(event);
    }
    return events;
  }

  /** The stream ended: an unterminated final event is dispatched, as browsers do not, but servers forget. */
  end(): SseEvent[] {
    const rest = this.decoder.decode();
    const events = rest === '' ? [] : this.push(rest);
    if (this.buffer !== '') {
      const event = this.line(this.buffer);
      this.buffer = '';
      if (event !== undefined) events.push(event);
    }
    const last = this.line('');
    if (last !== undefined) events.push(last);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      if (this.dataLines.length === 0) {
        this.eventName = '';
        return undefined;
      }
      const event: SseEvent = {
        event: this.eventName === '' ? 'message' : this.eventName,
        data: this.dataLines.join('\n'),
        ...(this.lastId !== undefined && { id: this.lastId }),
      };
      this.dataLines = [];
      this.eventName = '';
      return event;
    }
    if (line.startsWith(':')) return undefined; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') this.dataLines.push(value);
    else if (field === 'event') this.eventName = value;
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    return undefined;
  }
}
