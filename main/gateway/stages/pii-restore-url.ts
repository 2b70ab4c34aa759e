/**
 * Stage 9's question of one string: could it point somewhere? Asked of a whole argument string, never
 * word by word, and of the string as a URL parser or a tool would read it: invisible characters and
 * the tab and newlines a WHATWG parser drops removed, fullwidth forms folded (NFKC), percent-escapes of
 * printable ASCII decoded. A false positive costs a token the caller sees unrestored; a miss costs
 * the caller's data in someone's server log.
 */
import { isIPv6 } from 'node:net';

/** `name:` then a slash or backslash: `https://`, `http:\\` (WHATWG reads it as `//`), `file:/`, `c:\`. */
const SCHEME_WITH_SLASH = /[A-Za-z][A-Za-z0-9+.-]*:[\\/]/;
/** A special scheme needs no slashes for WHATWG: `http:evil.example` is a host. */
const SPECIAL_SCHEME = /(?<![A-Za-z0-9+.-])(?:https?|wss?|ftp|file):(?=\S)/i;
/** Protocol-relative `//host`, or a UNC path `\\host\share`. */
const DOUBLE_SLASH = /\/\/|\\\\/;
/** A dotted host followed by a path, query or fragment (`evil.example/c?d=`, `evil.example\c`). */
const HOST_WITH_PATH = /[A-Za-z0-9-]\.[A-Za-z][A-Za-z0-9-]*(?::\d+)?[/?#\\]/;
const IPV4 = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d])/;
const IPV6_BRACKETED = /\[[0-9A-Fa-f.]*:[0-9A-Fa-f:.%\w]*\]/;
const IPV6_CANDIDATE = /[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/g;
/** `host:port` with a named host (`localhost:8080`, `db.internal:5432`); not a time (`10:30`). */
const HOST_AND_PORT = /(?<![A-Za-z0-9.-])[A-Za-z0-9.-]*[A-Za-z][A-Za-z0-9.-]*:\d{1,5}(?!\d)/;
/** Markup and CSS that fetch what they name. */
const FETCHING_ATTRIBUTE = /(?<![A-Za-z-])(?:src|href|srcset|action|formaction|poster|background)\s*=|url\s*\(/i;

const INVISIBLE_OR_PARSER_DROPPED = /[\p{Cf}\p{Default_Ignorable_Code_Point}\t\n\r]/gu;
const IDEOGRAPHIC_FULL_STOP = /[\u3002\uFF61]/g;
const PRINTABLE_PERCENT_ESCAPE = /%([2-7][0-9A-Fa-f])/g;

function shapedLikeUrl(text: string): boolean {
  if (SCHEME_WITH_SLASH.test(text) || SPECIAL_SCHEME.test(text) || DOUBLE_SLASH.test(text) || HOST_WITH_PATH.test(text)) return true;
  if (IPV4.test(text) || IPV6_BRACKETED.test(text) || HOST_AND_PORT.test(text) || FETCHING_ATTRIBUTE.test(text)) return true;
  for (const m of text.matchAll(IPV6_CANDIDATE)) if (isIPv6(m[0])) return true;
  return false;
}

/** The string as a lenient URL parser would see it (see the module comment). */
export function asParserReads(text: string): string {
  return text
    .normalize('NFKC')
    .replace(INVISIBLE_OR_PARSER_DROPPED, '')
    .replace(IDEOGRAPHIC_FULL_STOP, '.')
    .replace(PRINTABLE_PERCENT_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** True if anything anywhere in `text` is URL-like: a scheme, `//` or `\\`, an IP literal, `host:port`, a fetching attribute, a dotted host with a path. */
export function holdsUrl(text: string): boolean {
  if (shapedLikeUrl(text)) return true;
  const read = asParserReads(text);
  return read !== text && shapedLikeUrl(read);
}

/**
 * True if a URL appears only once the pieces are put together (`["http", "s:", "/", "/evil.example"]`):
 * the strong signs only (a scheme followed by a slash), since unrelated fields often join into a path.
 */
export function joinsIntoUrl(pieces: readonly string[]): boolean {
  const joined = asParserReads(pieces.join(''));
  return SCHEME_WITH_SLASH.test(joined) || SPECIAL_SCHEME.test(joined);
}
