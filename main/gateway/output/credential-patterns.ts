/**
 * The credential shapes stage 7 checks beside the secretlint preset: PEM private keys (also
 * truncated ones), JWTs (verified by decoding the header and finding "alg"), connection strings
 * with a password, in URI form and in ADO.NET key=value form, http(s) URLs with user:password,
 * AWS secret access keys after their name in prose;
 * and the tail of a Slack or GitHub token split from its prefix (see withSplitTails).
 */
import type { SecretSpan } from './spans.ts';

const PEM_BLOCK = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|$)/g;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
/**
 * The user may be empty ("redis://:pw@cache") and the password may hold "/" ("pa/ss9Word"): it
 * runs to the last "@" before whitespace, since the host holds none. A password of digits then
 * "/" is a port and a path ("https://registry.example:443/@scope/pkg"), not userinfo.
 */
const URI_WITH_PASSWORD =
  /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|jdbc:[a-z0-9]+|clickhouse|cockroachdb|couchdb|neo4j(?:\+s)?|ftp|sftp|ldaps?|smtps?):\/\/[^\s:/@'"]*:(?!\d+\/)[^\s'"]+@[^\s@'"<>)]+/gi;
const HTTP_USERINFO = /\b(?:https?|wss?):\/\/[^\s:/@'"]*:(?!\d+\/)[^\s'"]+@[^\s@'"<>)]+/gi;
/**
 * An AWS secret access key after its name written as prose or with hyphens ("AWS Secret Access
 * Key: …", "aws-secret-access-key: …"): the preset's rule knows only "_" or nothing between the words.
 */
const AWS_SECRET_NAMED = /\b(?:aws[\s_-]?)?secret[\s_-]?access[\s_-]?key["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi;
/** The names the preset's AWS rule reads itself (it reports those, under its own name). */
const AWS_SECRET_NAMED_BY_PRESET = /^(?:(?:AWS|aws|Aws)_?)?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)/;
// A `<your password>` placeholder is documentation of the format, not a password.
const PASSWORD_KEY = /\b(?:password|pwd)\s*=\s*(?!<[^<>\r\n]*>)[^;\s'"]+/gi;
const OTHER_CONNECTION_KEYS = /\b(?:server|data source|host|address|addr|database|initial catalog|user id|uid|user|username)\s*=/i;

const UNQUOTED_RUN = /[^\s'"]+/g;
const HOST_AFTER_AT = /^[^\s@'"<>)]*/;

/**
 * The only places a URI with a password can be: runs without white space or quotes that hold an
 * "@", each cut after the host that follows its last "@". Searched whole, a run of `redis://:` with
 * no "@" after it made each start scan to the end of the text (64 KB: half a second); cut there,
 * the first start in a run matches through its last "@", and no start lies beyond it.
 */
function* userinfoCandidates(text: string): Generator<{ readonly at: number; readonly text: string }> {
  if (!text.includes('@')) return;
  for (const run of text.matchAll(UNQUOTED_RUN)) {
    const last = run[0].lastIndexOf('@');
    if (last < 0) continue;
    const host = HOST_AFTER_AT.exec(run[0].slice(last + 1))?.[0] ?? '';
    yield { at: run.index, text: run[0].slice(0, last + 1 + host.length) };
  }
}

function jwtHeaderHasAlg(token: string): boolean {
  const header = token.slice(0, token.indexOf('.'));
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && typeof (parsed as { alg?: unknown }).alg === 'string';
  } catch {
    // Not JSON: an ordinary dotted identifier that happens to start with "eyJ".
    return false;
  }
}

// The run of key=value pairs: from the first "word=" before the password to the last pair after it.
const KEY_VALUE_RUN = /(?:[A-Za-z][A-Za-z ]{0,30}=[^;\r\n]*;\s*)*[A-Za-z][A-Za-z ]{0,30}=[^;\r\n]*;?/g;

interface KeyValueRun {
  readonly start: number;
  readonly end: number;
  /** Where the run's text begins after its leading spaces. */
  readonly trimmedStart: number;
  /** It names another connection key beside the password (server, database, user, …). */
  readonly connection: boolean;
}

/**
 * The `key=value;` runs of the line holding [start, end), found once per line: a line of many
 * `password=` keys (adversarial model output) was re-scanned whole for each one, ≈ 8 s for 128 KB.
 */
class KeyValueRuns {
  #lineStart = -1;
  #lineEnd = -1;
  #runs: KeyValueRun[] = [];

  constructor(private readonly text: string) {}

  around(start: number, end: number): KeyValueRun | undefined {
    if (start < this.#lineStart || start > this.#lineEnd) this.#scanLine(start);
    return this.#runs.find((run) => run.start <= start && run.end >= end);
  }

  #scanLine(at: number): void {
    const { text } = this;
    this.#lineStart = text.lastIndexOf('\n', at - 1) + 1;
    const nextBreak = text.indexOf('\n', at);
    this.#lineEnd = nextBreak < 0 ? text.length : nextBreak;
    const line = text.slice(this.#lineStart, this.#lineEnd);
    this.#runs = [];
    for (const run of line.matchAll(KEY_VALUE_RUN)) {
      const start = this.#lineStart + run.index;
      this.#runs.push({
        start,
        end: start + run[0].length,
        trimmedStart: start + run[0].length - run[0].trimStart().length,
        connection: OTHER_CONNECTION_KEYS.test(run[0].replace(/\b(?:password|pwd)\s*=/gi, '')),
      });
    }
  }
}

export function findCredentialPatterns(text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  for (const match of text.matchAll(PEM_BLOCK)) {
    spans.push({ start: match.index, end: match.index + match[0].length, kind: 'private-key', detector: 'pem-block' });
  }
  for (const match of text.matchAll(JWT)) {
    if (jwtHeaderHasAlg(match[0])) spans.push({ start: match.index, end: match.index + match[0].length, kind: 'jwt', detector: 'jwt' });
  }
  for (const candidate of userinfoCandidates(text)) {
    for (const match of candidate.text.matchAll(URI_WITH_PASSWORD)) {
      spans.push({ start: candidate.at + match.index, end: candidate.at + match.index + match[0].length, kind: 'connection-string', detector: 'connection-uri' });
    }
    for (const match of candidate.text.matchAll(HTTP_USERINFO)) {
      spans.push({ start: candidate.at + match.index, end: candidate.at + match.index + match[0].length, kind: 'url-credentials', detector: 'url-userinfo' });
    }
  }
  for (const match of text.matchAll(AWS_SECRET_NAMED)) {
    if (AWS_SECRET_NAMED_BY_PRESET.test(match[0])) continue;
    const key = match[1] ?? '';
    const start = match.index + match[0].lastIndexOf(key);
    spans.push({ start, end: start + key.length, kind: 'aws', detector: 'aws-secret-named' });
  }
  const runs = new KeyValueRuns(text);
  for (const match of text.matchAll(PASSWORD_KEY)) {
    const run = runs.around(match.index, match.index + match[0].length);
    if (run?.connection === true) spans.push({ start: run.trimmedStart, end: run.end, kind: 'connection-string', detector: 'connection-keyvalue' });
  }
  return spans;
}

/** Token kinds whose prefix is found alone when the token is split at one of its `-` or `_` separators. */
const SPLIT_TAIL_KINDS: ReadonlySet<string> = new Set(['slack', 'github']);
/**
 * Right after a token that ends in its own separator: a space, or a `:`/`=` (quoted or not: a JSON
 * key and its value, `key=value`), then a run of the token's alphabet of 8 or more characters.
 */
const SPLIT_TAIL = /^[-_](?:\s+|["']?\s*[:=]\s*["']?)([A-Za-z0-9][A-Za-z0-9_-]{7,})(?![A-Za-z0-9_-])/;
/** A word of prose (also hyphenated, capitalised or in capitals): never a token's random tail. */
const PROSE_WORD = /^(?:[A-Z]?[a-z]+|[A-Z]+)(?:-(?:[a-z]+|[A-Z]+))*$/;

/**
 * `spans` with a Slack or GitHub token's span carried over its split tail: the preset finds
 * "xoxb-123456789012-1234567890123" in "xoxb-123456789012-1234567890123- AbCdEfGhIjKlMnOpQrStUvWx"
 * and stops before the "-", which left the secret part after the space (or after `":"` when the
 * split falls between a JSON key and its value). A tail that is a word of prose is not taken.
 */
export function withSplitTails(text: string, spans: readonly SecretSpan[]): SecretSpan[] {
  return spans.map((span) => {
    if (!SPLIT_TAIL_KINDS.has(span.kind)) return span;
    const tail = SPLIT_TAIL.exec(text.slice(span.end, span.end + 256));
    if (tail === null || PROSE_WORD.test(tail[1] ?? '')) return span;
    return { ...span, end: span.end + tail[0].length, detector: `${span.detector}+split-tail` };
  });
}
