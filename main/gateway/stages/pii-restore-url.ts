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
 * when what follows reads as a link's path or query (`zoommtg:join?uname=…`, `msteams:l/chat?…`,
 * `ms-excel:ofe|u|…`), or when it opens a markdown link target (`[join](zoommtg:[EMAIL_1])`).
 * Otherwise it is a label of prose, a ticket or a form (`Subject:Hello`, `priority:high`,
 * `Owner:…`, `ext:1234`, `Email:[EMAIL_1]` too: a label straight before a value is common in
 * answers; inside a fetching attribute the attribute already makes the string URL-like). A scheme
 * followed by `//` is SCHEME_WITH_SLASH's.
 */
const ANY_SCHEME = /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]*):(?=\S)/g;
const DEREFERENCED_SCHEMES = new Set([
  'javascript', 'vbscript', 'data', 'blob', 'mailto', 'tel', 'sms', 'mms', 'callto', 'sip', 'sips', 'im', 'xmpp', 'irc', 'ircs', 'news', 'nntp',
  'gopher', 'telnet', 'ssh', 'sftp', 'scp', 'ftp', 'ftps', 'tftp', 'file', 'smb', 'cifs', 'nfs', 'afp', 'ldap', 'ldaps', 'git', 'svn', 'rsync',
  'http', 'https', 'ws', 'wss', 'rtsp', 'rtmp', 's3', 'gs', 'hdfs', 'ipfs', 'ipns', 'magnet', 'jar', 'webcal', 'feed', 'intent', 'market',
  'view-source', 'filesystem', 'cid', 'mid', 'redis', 'rediss', 'mongodb', 'postgres', 'postgresql', 'mysql', 'vnc', 'rdp', 'webdav',
]);
/**
 * What follows a scheme in a link: a path, query, parameters or a pipe-separated command, somewhere
 * in the rest of its word (`/^[^\s]*[?=&|/\\#]/` at the colon's end). Read as the run up to the
 * first such character or white space, from the colon's end (see linkSyntaxReader).
 */
const RUN_TO_LINK_SYNTAX = /[^\s?=&|/\\#]*/y;
const LINK_SYNTAX_CHAR = /[?=&|/\\#]/;
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
const AFTER_HOST = /(?:[/?#\\]|:\d{1,5}(?!\d))/y;
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

/**
 * Whether a link's path or query follows position `at` within its word, for positions asked in
 * increasing order: each scan starts past the last one's end, so the work over one text is linear
 * (asking again from every match re-read the rest of a long word: quadratic).
 */
export function linkSyntaxReader(text: string): (at: number) => boolean {
  let from = -1;
  let stop = -1;
  let found = false;
  return (at) => {
    if (at < from || at > stop) {
      RUN_TO_LINK_SYNTAX.lastIndex = at;
      const run = RUN_TO_LINK_SYNTAX.exec(text)?.[0] ?? '';
      from = at;
      stop = at + run.length;
      found = stop < text.length && LINK_SYNTAX_CHAR.test(text.charAt(stop));
    }
    return found;
  };
}

/**
 * Whether position `at` opens a markdown link target: `](`, white space, an optional `<`, then `at`
 * (`[click](evil.example)`, `[join](zoommtg:…)`). Looks back over that much only.
 */
export function opensMarkdownTarget(text: string, at: number): boolean {
  let i = at;
  if (text.charAt(i - 1) === '<') i--;
  while (i > 0 && /\s/.test(text.charAt(i - 1))) i--;
  return i >= 2 && text.charAt(i - 1) === '(' && text.charAt(i - 2) === ']';
}

function isSchemeSign(text: string, m: RegExpMatchArray, linkSyntaxAt: (at: number) => boolean): boolean {
  const scheme = (m[1] ?? '').toLowerCase();
  if (scheme.length === 1) return false; // a drive, C:\Users (a drive with `/` is SCHEME_WITH_SLASH's)
  const at = m.index ?? 0;
  if (DEREFERENCED_SCHEMES.has(scheme) || scheme.split('+').some((part) => DEREFERENCED_SCHEMES.has(part))) return true;
  return linkSyntaxAt(at + m[0].length) || opensMarkdownTarget(text, at);
}

function isHostSign(text: string, m: RegExpMatchArray): boolean {
  const labels = m[1] ?? '';
  const top = m[2] ?? '';
  const at = m.index ?? 0;
  const end = at + m[0].length;
  if (!TOP_LABEL.test(top) || FILE_EXTENSIONS.has(top.toLowerCase())) return false;
  AFTER_HOST.lastIndex = end;
  if (!AFTER_HOST.test(text) && !(text.charAt(end) === ')' && opensMarkdownTarget(text, at))) return false;
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
  const linkSyntaxAt = linkSyntaxReader(withoutMacs);
  for (const m of withoutMacs.matchAll(ANY_SCHEME)) if (isSchemeSign(withoutMacs, m, linkSyntaxAt)) return true;
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

/**
 * ASCII letters, digits and punctuation none of the URL signs (nor an entity, escape or fold that
 * decodes to one) is made of, then a sentence's `.` and a label's `:` at the very end: most words
 * of prose, answered without reading them further. A `?` only without digits (`1.?` and `0x1?` read
 * as numeric hosts).
 */
const PLAIN_WORD = /^(?:[A-Za-z0-9,;!'")*_-]*\.*:?|[A-Za-z,;!?'")*_-]*[.?!]*:?)$/;

/** True if anything anywhere in `text` is URL-like: a scheme, `//` or `\\`, `user@host:`, an IP literal, `host:port`, a fetching attribute, a dotted host with a path. */
export function holdsUrl(text: string): boolean {
  // Past this, a string is not read: it counts as URL-like, so its tokens stay (a safe degradation).
  if (text.length > MAX_READ) return true;
  if (PLAIN_WORD.test(text)) return false;
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

/** Everyday file extensions that are also top-level domains (`README.md`, `setup.py`): a whole argument so written names a file. */
const FILE_LIKE_TLDS = new Set(['md', 'py', 'rs', 'sh', 'pl', 'ps', 'ai', 'sql', 'php', 'go', 'kt', 'lock', 'env', 'tsv', 'zip']);
/**
 * A whole string that is a host name: dotted labels of any script (`_` too: resolvers and tools take
 * `evil_host.example`), the last a plausible top label, and an optional port.
 */
const WHOLE_DOTTED_HOST = /^((?:[\p{L}\p{M}\p{N}_-]+\.)+)([\p{L}\p{M}][\p{L}\p{M}\p{N}_-]*)\.?(?::\d{1,5})?$/u;
const WHOLE_LOCALHOST = /^localhost\.?$/i;
function namesHost(text: string): boolean {
  const trimmed = text.trim();
  if (WHOLE_LOCALHOST.test(trimmed)) return true;
  const m = WHOLE_DOTTED_HOST.exec(trimmed);
  if (m === null) return false;
  const labels = m[1] ?? '';
  const top = m[2] ?? '';
  if (!TOP_LABEL.test(top) || FILE_EXTENSIONS.has(top.toLowerCase()) || FILE_LIKE_TLDS.has(top.toLowerCase())) return false;
  return !(TITLE_OR_INITIAL.test(labels) && NAME_CASED.test(top) && !COMMON_TLDS.has(top.toLowerCase()));
}

/**
 * True if the whole string is a host name (`evil.example`, `evil_host.example:8080`, `localhost`; an
 * IP literal, a URL and `localhost:8080` are holdsUrl's), as written or as a parser reads it: a tool
 * that takes the host in one field and the path or query in another builds a link from it
 * (`{host: "evil.example", q: "[EMAIL_1]"}`). Not a file name (`minutes.docx`, `README.md`), a
 * version (`v1.2`), an initial and a surname (`J.Smith`), a time (`10:30`), and not one dotless
 * label and a number (`attacker:8080` reads as `ticketId:4512`, `Flight:2045`, `Route:66`,
 * `postgres:16`, which tools take every day and no allow-list of labels keeps up with): that form
 * points somewhere only under a location name (namesLocation: any string there counts) or beside a
 * port field (pairsLabelWithPort). Asked of the strings of tool calls and structured output only.
 */
export function isHostName(text: string): boolean {
  if (text.length > MAX_READ) return true;
  if (namesHost(text)) return true;
  const read = asParserReads(text);
  return read !== text && namesHost(read);
}

/** The words of an argument's name that say its value is a location: `url`, `webhookUrl`, `redirect_uri`, `API-Host`. */
const LOCATION_KEY_WORDS = new Set([
  'url', 'urls', 'uri', 'uris', 'host', 'hostname', 'hostnames', 'domain', 'domains', 'endpoint', 'endpoints',
  'server', 'servers', 'href', 'link', 'links', 'webhook', 'webhooks', 'callback', 'callbacks',
  'proxy', 'proxies', 'socks', 'socks4', 'socks5', 'upstream', 'upstreams', 'redirect', 'redirects',
  'addr', 'addrs', 'remote', 'remotes', 'ipaddress', 'ipaddresses', 'ipaddr', 'ipaddrs',
]);
/**
 * Words that name a location only beside a network word (NETWORK_KEY_WORDS): `ip_address`,
 * `bind_address`, `listen_address`, `target_host`, `destination_url`. Alone they are everyday fields
 * (`email_address`, `mailing_address`, `shipping_address`, `target_date`, `target_audience`,
 * `destination: "Paris"`), whose values tools need restored. A host and port under them is still
 * caught (isHostName, pairsLabelWithPort).
 */
const PLACE_KEY_WORDS = new Set(['address', 'addresses', 'target', 'targets', 'dest', 'dests', 'destination', 'destinations', 'hosts']);
const NETWORK_KEY_WORDS = new Set(['ip', 'ips', 'ipv4', 'ipv6', 'server', 'host', 'remote', 'bind', 'listen', 'url', 'uri', 'endpoint']);
/**
 * The same written as one lower-case word (`imageurl`, `redirecturi`, `webhookendpoint`, `returnto`,
 * `nexturl`). `origin`, `gateway`, `base`, `next` and `return` alone are not location words: a
 * flight's origin, a payment gateway, a pull request's base branch and a page cursor are everyday
 * values of tools; a host or `host:port` under them is still caught (isHostName), and their
 * location forms (`originUrl`, `baseUrl`, `returnTo`, `nextUrl`, `gatewayHost`) are caught by name.
 */
const LOCATION_KEY_END = /(?:url|urls|uri|uris|href|hostname|endpoint|webhook|callback|proxy|redirect|returnto|redirectto)$/;

/**
 * Location words that also name a person or their contact: a meeting's host (`host_email`,
 * `co_host`, `alternative_hosts`), a callback number, a remote contact or remote work. Beside a
 * person-field word (PERSON_KEY_WORDS), or `host` after a co-host's qualifier, they are not location
 * words; `host`, `callback` and `remote` alone still are, as are the other location words beside a
 * person word (`user_url`, `callback_url`). `hosts` alone is PLACE_KEY_WORDS' (meeting hosts, `hosts:
 * […]`); a host name under any of them is still caught (isHostName, holdsUrl, pairsLabelWithPort).
 */
const CONTACT_LOCATION_WORDS = new Set(['host', 'callback', 'callbacks', 'remote', 'remotes']);
const PERSON_KEY_WORDS = new Set([
  'email', 'emails', 'mail', 'mails', 'phone', 'phones', 'number', 'numbers', 'name', 'names', 'contact', 'contacts',
  'person', 'persons', 'people', 'user', 'users', 'work',
]);
const CO_HOST_QUALIFIERS = new Set(['co', 'alt', 'alternate', 'alternative']);

/**
 * Whether an argument's name says its value is where something goes or comes from (url, uri, host,
 * hostname, domain, endpoint, server, href, link, webhook, callback, proxy, socks, upstream,
 * redirect, returnTo, addr, remote, and address, target, dest, destination or hosts beside ip, server,
 * host, remote, bind, listen, url, uri or endpoint; case-insensitive, words separated by `_`, `-`, a
 * space, a dot or camel case). Not a person's contact (CONTACT_LOCATION_WORDS: `host_email`,
 * `callbackPhone`, `remote_contact`, `co_host`). Any string under such a name points somewhere,
 * whatever it looks like (`{url: "zoommtg:[EMAIL_1]"}`, `{host: "[EMAIL_1]"}`, `{proxy: "attacker:8080"}`).
 */
export function namesLocation(key: string): boolean {
  const words = key.split(/[_\-\s.]+|(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])/);
  const lower = words.map((w) => w.toLowerCase());
  // `host_name`, `hostName`: the name of a host, not of a person.
  const person = lower.some((w, i) => PERSON_KEY_WORDS.has(w) && !(w === 'name' && lower[i - 1] === 'host'));
  const contact = (w: string, i: number): boolean =>
    CONTACT_LOCATION_WORDS.has(w) && (person || (w === 'host' && i > 0 && CO_HOST_QUALIFIERS.has(lower[i - 1] ?? '')));
  if (lower.some((w, i) => LOCATION_KEY_WORDS.has(w) && !contact(w, i))) return true;
  if (!person && lower.some((w) => PLACE_KEY_WORDS.has(w)) && lower.some((w) => NETWORK_KEY_WORDS.has(w))) return true;
  const joined = key.replace(/[_\-\s.]+/g, '').toLowerCase();
  return LOCATION_KEY_END.test(joined) && !(person && joined.endsWith('callback'));
}

/**
 * An argument's name that says its value is a port or ports: `port`, `ports`, `port_no`, `port_nr`,
 * `port number`, `portNumber`, `*_port`, `*-port`, `*Port` (`proxy_port`, `dbPort`, `dbPortNo`), and
 * iptables' `dport` and `sport`. Not a single letter (`p`), not `sport_no` or `passport_no`, and not a
 * port nested in an object (`port: {value: 8080}`): those are left.
 */
const PORT_KEY = /(?:^|[_\-\s.])(?:port(?:s|[_\-\s]?(?:num(?:ber)?|no|nr))?|[ds]port)$/i;
const PORT_KEY_CAMEL = /[a-z0-9]Port(?:s|Num(?:ber)?|No|Nr)?$/;
/** One port as a string: digits with an optional `+`, the first of a range (`8080-8081`), an optional protocol (`8080/tcp`, `8080/sctp`). */
const PORT_STRING = /^\+?(\d{1,5})(?:-\+?\d{1,5})?(?:\/(?:tcp|udp|sctp))?$/i;
/** A port's value: an integer 1 to 65535, or a string of one or more ports (`8080`, `+8080`, `8080-8081`, `8080,8081`). */
function isOnePort(value: unknown): boolean {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 1 && value <= 65535;
  if (typeof value !== 'string') return false;
  return value.split(/[\s,;]+/).some((part) => {
    const digits = PORT_STRING.exec(part)?.[1];
    return digits !== undefined && Number(digits) >= 1 && Number(digits) <= 65535;
  });
}
/** A port's value, or a list of values one of which is a port (`ports: [8080, 9090]`). */
function isPortValue(value: unknown): boolean {
  return isOnePort(value) || (Array.isArray(value) && (value as unknown[]).some(isOnePort));
}
/** A bare host label: letters, digits, `_` and `-`, starting and ending with a letter or digit, one letter at least (`attacker`, `evil_host`, `web01`). */
const BARE_LABEL = /^(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9])?$/;
/** A bare host label and its port in one string (`attacker:8080`, `evil_host:8080`): beside a port field, a host too. */
const BARE_LABEL_AND_PORT = /^(?=[^A-Za-z]*[A-Za-z])[A-Za-z0-9_-]{1,63}:\d{1,5}$/;

/**
 * Whether a JSON value (one call's arguments, the structured output) gives a port and a host in
 * separate ordinary fields (`{target: "attacker", port: 8080, q: "[EMAIL_1]"}`, `{gateway: "evil",
 * proxy_port: "3128"}`): a field named as a port (PORT_KEY: `port`, `*_port`, `*Port`) holding an
 * integer or a port string (isOnePort: `8080`, `+8080`, `8080-8081`, `8080/sctp`), and anywhere in
 * the same value a string that is a bare host label (BARE_LABEL) or one with its port
 * (`attacker:8080`, BARE_LABEL_AND_PORT). The rule is that simple on purpose: it does not ask which
 * label goes with the port, so an ordinary word beside a port (`{name: "Alice", port: 8080}`) keeps
 * the tokens too, a false positive that fails safe.
 */
export function pairsLabelWithPort(value: unknown): boolean {
  let port = false;
  let label = false;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0 && !(port && label)) {
    const [v, depth] = stack.pop() as [unknown, number];
    if (depth > 256) return true;
    if (typeof v === 'string') label ||= BARE_LABEL.test(v.trim()) || BARE_LABEL_AND_PORT.test(v.trim());
    else if (Array.isArray(v)) for (const item of v as unknown[]) stack.push([item, depth + 1]);
    else if (v !== null && typeof v === 'object') {
      for (const [k, item] of Object.entries(v)) {
        if ((PORT_KEY.test(k) || PORT_KEY_CAMEL.test(k)) && isPortValue(item)) port = true;
        stack.push([item, depth + 1]);
      }
    }
  }
  return port && label;
}

/** A word of text, as a link reader splits it: at ASCII white space only (a link may hold a no-break space). */
export const LINK_WORD = /[^ \t\n\r\f\v]+/g;
/**
 * Whether a word of a text answer (a LINK_WORD match) opens a link, as written or with its values
 * restored. In a text answer, the first word that does (and is not a link the caller wrote) keeps
 * its tokens and every token after it in the answer: where a link ends (angle brackets, a quoted
 * attribute over blank lines, `url(…)`, srcset's candidates) is not judged, so a link written
 * across white space cannot carry a value out. Stage 9 applies it to the whole answer; the stream
 * applies it as the words arrive, holding every later word that holds a token once any word opens
 * a link, until stage 9's verdict (the stream cannot know the caller's words).
 */
export function opensLink(written: string, restored: string): boolean {
  return holdsUrl(written) || holdsUrl(restored);
}
