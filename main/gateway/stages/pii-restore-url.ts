/**
 * Stage 9's question of one string: could it point somewhere? Asked of a whole argument string, never
 * word by word, and of the string as a URL parser or a tool would read it: invisible characters and
 * the tab and newlines a WHATWG parser drops removed, fullwidth forms folded (NFKC), slash look-alikes
 * folded, HTML entities and percent-escapes of printable ASCII decoded until nothing changes. A false
 * positive costs a token the caller sees unrestored; a miss costs the caller's data in someone's
 * server log. Where the two pull apart on a string people write every day (`ext:1234`, `J.Smith/HR`,
 * `C:\Users\…`, `version 1.2.3.4`) the everyday reading wins, and the rule that yields says so.
 */
import { isIPv6 } from 'node:net';

/** `name:` then a slash or backslash: `https://`, `http:\\` (WHATWG reads it as `//`), `file:/`; not a drive path `C:\`. */
const SCHEME_WITH_SLASH = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]+:[\\/]|(?<![A-Za-z0-9+.-])[A-Za-z]:\//;
/** The strong form, for pieces joined together: `scheme://` or `scheme:\\` (`Agenda:` beside `/shared/x.docx` is no URL). */
const SCHEME_WITH_TWO_SLASHES = /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:(?:\/\/|\\\\)/;
/** A special scheme needs no slashes for WHATWG: `http:evil.example` is a host. */
const SPECIAL_SCHEME = /(?<![A-Za-z0-9+.-])(?:https?|wss?|ftp|file):(?=\S)/i;
/**
 * `word:` before the rest of its word. It is a scheme when something dereferences that scheme
 * without slashes (`javascript:`, `mailto:`, `data:`, `sftp:host`, `smb:host`, `ldap:host`, `tel:`),
 * or when what follows reads as a link's path or query (`zoommtg:join?uname=…`, `msteams:l/chat?…`,
 * `ms-excel:ofe|u|…`). Otherwise it is a label of prose, a ticket or a form (`Subject:Hello`,
 * `priority:high`, `Owner:…`, `ext:1234`). A scheme followed by `//` is SCHEME_WITH_SLASH's.
 */
const ANY_SCHEME = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):(?=\S)/g;
const DEREFERENCED_SCHEMES = new Set([
  'javascript', 'vbscript', 'data', 'blob', 'mailto', 'tel', 'sms', 'mms', 'callto', 'sip', 'sips', 'im', 'xmpp', 'irc', 'ircs', 'news', 'nntp',
  'gopher', 'telnet', 'ssh', 'sftp', 'scp', 'ftp', 'ftps', 'tftp', 'file', 'smb', 'cifs', 'nfs', 'afp', 'ldap', 'ldaps', 'git', 'svn', 'rsync',
  'http', 'https', 'ws', 'wss', 'rtsp', 'rtmp', 's3', 'gs', 'hdfs', 'ipfs', 'ipns', 'magnet', 'jar', 'webcal', 'feed', 'intent', 'market',
  'view-source', 'filesystem', 'cid', 'mid', 'redis', 'rediss', 'mongodb', 'postgres', 'postgresql', 'mysql', 'vnc', 'rdp', 'webdav',
]);
/** What follows a scheme in a link: a path, query, parameters or a pipe-separated command. */
const LINK_SYNTAX = /^[^\s]*[?=&|/\\#]/;
/** A MAC address (`ab:cd:ef:01:23:45`): its hex pairs are not schemes. */
const MAC_ADDRESS = /(?<![0-9A-Fa-f:])[0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5}(?![0-9A-Fa-f:])/g;
/** Protocol-relative `//host`, or a UNC path `\\host\share`. */
const DOUBLE_SLASH = /\/\/|\\\\/;
/** `user@host:path`, the scp form git and rsync use (`git@evil.example:x`). */
const SCP_FORM = /(?<![\p{L}\p{N}._+-])[\p{L}\p{N}._+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.?:(?=\S)/u;
/**
 * A dotted host (labels may be any script; an optional trailing dot), its last label ≥ 2 letters or
 * punycode. Group 1: every label but the last; group 2: the last.
 */
const DOTTED_HOST = /(?<![\p{L}\p{M}\p{N}_.-])((?:[\p{L}\p{M}\p{N}-]+\.)+)([\p{L}\p{M}][\p{L}\p{M}\p{N}-]*)\.?/gu;
const TOP_LABEL = /^(?:\p{L}[\p{L}\p{M}]+|xn--[a-z0-9-]+)$/iu;
/** A title or an initial before a surname (`Dr.Smith/Jones`, `J.Smith/HR`), when the surname is written as a name. */
const TITLE_OR_INITIAL = /^(?:\p{L}|dr|mr|mrs|ms|mx|st|prof|rev|sr|jr)\.$/iu;
const NAME_CASED = /^\p{Lu}\p{Ll}+$/u;
/** Top-level domains common enough that `X.Com/c` is read as a host even when written like a name. */
const COMMON_TLDS = new Set(['com', 'net', 'org', 'io', 'ai', 'co', 'app', 'dev', 'me', 'info', 'biz', 'xyz', 'site', 'online', 'top', 'ly', 'to', 'gg', 'sh', 'cc', 'tv', 'us', 'uk', 'de', 'ru', 'cn']);
/** File extensions that are not delegated top-level domains: `v2.docx/pdf` names a file, not a host. */
const FILE_EXTENSIONS = new Set(['docx', 'doc', 'xlsx', 'xls', 'pptx', 'ppt', 'pdf', 'txt', 'csv', 'rtf', 'odt', 'ods', 'odp', 'jpg', 'jpeg', 'png', 'gif', 'bmp', 'tif', 'tiff', 'svg', 'json', 'xml', 'html', 'htm', 'log', 'tmp', 'bak', 'yaml', 'yml', 'toml', 'ini', 'cfg', 'conf', 'js', 'ts', 'tsx', 'jsx', 'mjs', 'cjs', 'rb', 'java', 'cpp', 'hpp', 'exe', 'dll', 'msi', 'dmg', 'iso', 'tar', 'gz', 'tgz', 'bz2', 'xz', '7z', 'rar', 'wav', 'mp3', 'mp4', 'avi', 'mkv', 'webm']);
/** What may follow a host: a path, query, fragment or port (`evil.example/c`, `evil.example?d=`, `db.internal:5432`). */
const AFTER_HOST = /^(?:[/?#\\]|:\d{1,5}(?!\d))/;
/** A markdown link to a bare host: `[click](evil.example)`. */
const MARKDOWN_LINK_TARGET = /\]\(\s*<?$/;
const IPV4 = /(?<![\d.])(?<!\b(?:v|version)\s?)(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(?![\d]|\.\d)/i;
/** The shortened and numeric forms a WHATWG parser reads as IPv4 (`127.1/c`, `0x7f000001/c`, `0177.0.0.1/c`), before a path or port. */
const NUMERIC_HOST = /(?<![\p{L}\p{N}_.-])(?:0x[0-9a-f]+|\d+)(?:\.(?:0x[0-9a-f]+|\d+)){0,3}\.?(?=[/\\?#]|:\d)(?!\/\d+(?:\.\d+)?(?:$|[\s,;)]|[.!?:](?:$|\s)))/iu;
const HEX_OR_SPLIT_NUMBER = /0x|\./i;
const IPV6_BRACKETED = /\[[0-9A-Fa-f.]*:[0-9A-Fa-f:.%\w]*\]/;
const IPV6_CANDIDATE = /(?<![0-9A-Fa-f:.])[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*/g;
/** `localhost:port`; a dotted `host:port` is DOTTED_HOST's, and a bare word before a port (`ext:1234`) is a label. */
const LOCALHOST_AND_PORT = /(?<![\p{L}\p{N}.-])localhost\.?:\d{1,5}(?!\d)/iu;
/** Markup and CSS that fetch what they name. */
const FETCHING_ATTRIBUTE = /(?<![A-Za-z-])(?:src|href|srcset|action|formaction|poster|background|codebase|cite|longdesc|manifest|lowsrc|dynsrc|icon|archive)\s*=|url\s*\(|<[^<>]*(?<![A-Za-z-])(?:data|ping|content)\s*=/i;

const INVISIBLE_OR_PARSER_DROPPED = /[\p{Cf}\p{Default_Ignorable_Code_Point}\t\n\r]/gu;
const IDEOGRAPHIC_FULL_STOP = /[\u3002\uFF61]/g;
/** Division slash, big solidus, fraction slash: drawn as `/`, and some tools and homograph checks treat them so. */
const SLASH_LOOKALIKE = /[\u2215\u29F8\u2044]/g;
const BACKSLASH_LOOKALIKE = /[\u2216\u29F5\u29F9]/g;
/** Modifier-letter colon and ratio: drawn as `:`. */
const COLON_LOOKALIKE = /[\uA789\u2236]/g;
const PRINTABLE_PERCENT_ESCAPE = /%([2-7][0-9A-Fa-f])/g;
const HTML_ENTITY = /&(?:#(\d+)|#[xX]([0-9A-Fa-f]+)|([A-Za-z]+));?/g;
const NAMED_ENTITIES: Readonly<Record<string, string>> = {
  colon: ':', sol: '/', bsol: '\\', period: '.', quest: '?', num: '#', equals: '=', commat: '@', percnt: '%', amp: '&',
  lt: '<', gt: '>', quot: '"', apos: "'", lpar: '(', rpar: ')', tab: '\t', newline: '\n', nbsp: ' ', lsqb: '[', rsqb: ']',
};
/** Decoding rounds, each of entities and escapes: enough for any nesting a tool would unwrap, bounded so a long string cannot loop. */
const MAX_DECODE_ROUNDS = 8;

function decodeEntities(text: string): string {
  return text.replace(HTML_ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    const code = dec !== undefined ? parseInt(dec, 10) : hex !== undefined ? parseInt(hex, 16) : undefined;
    if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return NAMED_ENTITIES[(name ?? '').toLowerCase()] ?? whole;
  });
}

function isSchemeSign(text: string, m: RegExpMatchArray): boolean {
  const scheme = (m[1] ?? '').toLowerCase();
  if (scheme.length === 1) return false; // a drive, C:\Users (a drive with `/` is SCHEME_WITH_SLASH's)
  if (DEREFERENCED_SCHEMES.has(scheme) || scheme.split('+').some((part) => DEREFERENCED_SCHEMES.has(part))) return true;
  return LINK_SYNTAX.test(text.slice((m.index ?? 0) + m[0].length));
}

function isHostSign(text: string, m: RegExpMatchArray): boolean {
  const labels = m[1] ?? '';
  const top = m[2] ?? '';
  const at = m.index ?? 0;
  const after = text.slice(at + m[0].length);
  const before = text.slice(0, at);
  if (!TOP_LABEL.test(top) || FILE_EXTENSIONS.has(top.toLowerCase())) return false;
  if (!AFTER_HOST.test(after) && !(MARKDOWN_LINK_TARGET.test(before) && after.startsWith(')'))) return false;
  // `Dr.Smith/Jones`, `J.Smith/HR`: a title or initial and a name-cased surname, two labels only.
  return !(TITLE_OR_INITIAL.test(labels) && NAME_CASED.test(top) && !COMMON_TLDS.has(top.toLowerCase()));
}

function holdsIPv4(text: string): boolean {
  const m = IPV4.exec(text);
  return m !== null && m.slice(1, 5).every((octet) => Number(octet) <= 255);
}

function holdsNumericHost(text: string): boolean {
  const m = NUMERIC_HOST.exec(text);
  return m !== null && HEX_OR_SPLIT_NUMBER.test(m[0]);
}

function shapedLikeUrl(text: string): boolean {
  if (SCHEME_WITH_SLASH.test(text) || SPECIAL_SCHEME.test(text) || DOUBLE_SLASH.test(text) || SCP_FORM.test(text)) return true;
  const withoutMacs = text.replace(MAC_ADDRESS, ' ');
  for (const m of withoutMacs.matchAll(ANY_SCHEME)) if (isSchemeSign(withoutMacs, m)) return true;
  for (const m of text.matchAll(DOTTED_HOST)) if (isHostSign(text, m)) return true;
  if (holdsIPv4(text) || holdsNumericHost(text) || IPV6_BRACKETED.test(text) || LOCALHOST_AND_PORT.test(text) || FETCHING_ATTRIBUTE.test(text)) return true;
  for (const m of text.matchAll(IPV6_CANDIDATE)) if (isIPv6(m[0])) return true;
  return false;
}

/** The string as a lenient URL parser would see it (see the module comment). */
export function asParserReads(text: string): string {
  let read = text;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const next = decodeEntities(read)
      .normalize('NFKC')
      .replace(INVISIBLE_OR_PARSER_DROPPED, '')
      .replace(IDEOGRAPHIC_FULL_STOP, '.')
      .replace(SLASH_LOOKALIKE, '/')
      .replace(BACKSLASH_LOOKALIKE, '\\')
      .replace(COLON_LOOKALIKE, ':')
      .replace(PRINTABLE_PERCENT_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    if (next === read) break;
    read = next;
  }
  return read;
}

/** Longer strings are not inspected (see holdsUrl); no argument a person reads is this long. */
const MAX_READ = 65_536;

/** True if anything anywhere in `text` is URL-like: a scheme, `//` or `\\`, `user@host:`, an IP literal, `host:port`, a fetching attribute, a dotted host with a path. */
export function holdsUrl(text: string): boolean {
  // Past this, a string is not read: it counts as URL-like, so its tokens stay (a safe degradation).
  if (text.length > MAX_READ) return true;
  if (shapedLikeUrl(text)) return true;
  const read = asParserReads(text);
  return read !== text && shapedLikeUrl(read);
}

/**
 * True if a URL appears only once the pieces are put together (`["http", "s:", "/", "/evil.example"]`):
 * the strong signs only (`scheme://`, `http:host`), since unrelated fields often join into a path
 * (`Agenda:` beside `/shared/minutes.docx`).
 */
export function joinsIntoUrl(pieces: readonly string[]): boolean {
  const joined = pieces.join('');
  if (joined.length > MAX_READ) return true;
  const read = asParserReads(joined);
  return SCHEME_WITH_TWO_SLASHES.test(read) || SPECIAL_SCHEME.test(read);
}

/** A word of text, as a link reader splits it: at ASCII white space only (a link may hold a no-break space). */
export const LINK_WORD = /[^ \t\n\r\f\v]+/g;
/** A word that leaves a link open for the next one: `…?d=` then ` [EMAIL_1]`, `src="…/` then a newline. */
const LEAVES_LINK_OPEN = /[=/?&#(<"'[\\]$/;

/** Whether `previous` (the word before a token's word) is a link the token's word may continue. */
export function continuesLink(previous: string | undefined): boolean {
  return previous !== undefined && LEAVES_LINK_OPEN.test(previous) && holdsUrl(previous);
}

/**
 * Whether a word of text holding PII tokens is (part of) a link: as written, with its values
 * restored, or continuing a link the word before left open (`?d= [EMAIL_1]`, a newline in an
 * attribute). Stage 9 and the stream ask the same question of the same word.
 */
export function wordInLink(written: string, restored: string, previous: string | undefined): boolean {
  return continuesLink(previous) || holdsUrl(written) || holdsUrl(restored);
}
