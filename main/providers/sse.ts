/**
 * Server-sent events, parsed incrementally (WHATWG "event stream interpretation"): bytes may be
 * split anywhere — inside a line, a CRLF pair or a multi-byte UTF-8 character — and the parser
 * still yields whole events.
 *
 * Bounded: the text is searched for line breaks once (only what has arrived since the last
 * search), so a line delivered in many pieces costs linear time, and a line or an event that grows
 * past its limit throws an SseLimitError at once instead of growing with whatever the server sends.
 */

export interface SseEvent {
  /** "message" unless the server named it. */
  readonly event: string;
  /** The data lines joined with "\n". */
  readonly data: string;
  readonly id?: string;
}

export interface SseLimits {
  /** Longest line, in characters (UTF-16 code units), line break excluded. Default 4 Mi. */
  readonly maxLineLength?: number;
  /** Longest event data (the data lines joined with "\n"), in characters. Default 16 Mi. */
  readonly maxEventLength?: number;
}

/**
 * The defaults. An OpenAI-style delta event is one `data:` line of a few hundred bytes (a token or
 * two of text plus the JSON around it). A line is larger when a server sends a whole function
 * call's arguments (or a whole answer) in one delta, as some do once they have parsed the call
 * after generating it: a 128k-token generation is about 512 KiB of text, and JSON escaping can
 * grow that several times (\uXXXX is 6 characters for one), so 4 Mi characters leaves room. An
 * event never needs to hold more than a whole answer, which the provider caps at 16 MiB. Either
 * limit is what one request may hold in memory however long a hostile or broken server talks.
 */
export const DEFAULT_SSE_LIMITS: Required<SseLimits> = { maxLineLength: 4 * 1024 * 1024, maxEventLength: 16 * 1024 * 1024 };

/** The stream broke a limit: a line without an end, or an event without a blank line to close it. */
export class SseLimitError extends Error {
  constructor(
    readonly limit: 'line' | 'event',
    /** The limit, in characters. */
    readonly max: number,
  ) {
    super(
      limit === 'line'
        ? `An event-stream line is longer than ${max} characters without a line break.`
        : `An event-stream event holds more than ${max} characters of data without the blank line that ends it.`,
    );
    this.name = 'SseLimitError';
  }
}

export class SseParser {
  private readonly decoder = new TextDecoder('utf-8');
  private readonly limits: Required<SseLimits>;
  /** The unfinished line: text already searched, holding no line break. */
  private partial = '';
  private pendingCr = false;
  private dataLines: string[] = [];
  /** The length of dataLines joined with "\n". */
  private dataLength = 0;
  private eventName = '';
  private lastId: string | undefined;
  private started = false;

  constructor(limits: SseLimits = {}) {
    this.limits = { ...DEFAULT_SSE_LIMITS, ...limits };
  }

  /** Feeds bytes (or text) and returns the events they completed. Throws an SseLimitError when a line or event outgrows its limit. */
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
    const events: SseEvent[] = [];
    // Only the new text is searched: `partial` holds no line break, so the work per character is constant.
    const lineBreak = /\r\n|\r|\n/g;
    let start = 0;
    for (;;) {
      lineBreak.lastIndex = start;
      const match = lineBreak.exec(text);
      if (match === null) break;
      if (match[0] === '\r' && match.index === text.length - 1) {
        this.pendingCr = true; // may be the first half of CRLF; decide when the next chunk arrives
      }
      const line = this.takeLine(text.slice(start, match.index));
      start = match.index + match[0].length;
      const event = this.line(line);
      if (event !== undefined) events.push(event);
    }
    if (start < text.length) {
      const rest = text.slice(start);
      this.checkLine(this.partial.length + rest.length);
      this.partial += rest;
    }
    return events;
  }

  /** The stream ended: an unterminated final event is dispatched, as browsers do not, but servers forget. */
  end(): SseEvent[] {
    const rest = this.decoder.decode();
    const events = rest === '' ? [] : this.push(rest);
    if (this.partial !== '') {
      const event = this.line(this.takeLine(''));
      if (event !== undefined) events.push(event);
    }
    const last = this.line('');
    if (last !== undefined) events.push(last);
    return events;
  }

  /** The unfinished line completed by `tail`. */
  private takeLine(tail: string): string {
    if (this.partial === '') {
      this.checkLine(tail.length);
      return tail;
    }
    this.checkLine(this.partial.length + tail.length);
    const line = this.partial + tail;
    this.partial = '';
    return line;
  }

  private checkLine(length: number): void {
    if (length > this.limits.maxLineLength) {
      this.partial = ''; // nothing more is parsed; let the text go
      throw new SseLimitError('line', this.limits.maxLineLength);
    }
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
      this.dataLength = 0;
      this.eventName = '';
      return event;
    }
    if (line.startsWith(':')) return undefined; // comment / keep-alive
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      const length = this.dataLength + (this.dataLines.length === 0 ? 0 : 1) + value.length;
      if (length > this.limits.maxEventLength) {
        this.dataLines = [];
        this.dataLength = 0;
        throw new SseLimitError('event', this.limits.maxEventLength);
      }
      this.dataLines.push(value);
      this.dataLength = length;
    } else if (field === 'event') this.eventName = value;
    else if (field === 'id' && !value.includes('\0')) this.lastId = value;
    return undefined;
  }
}
