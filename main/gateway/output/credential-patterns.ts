/**
 * The credential shapes stage 7 checks beside the secretlint preset: PEM private keys (also
 * truncated ones), JWTs (verified by decoding the header and finding "alg"), connection strings
 * with a password, in URI form and in ADO.NET key=value form, and http(s) URLs with user:password.
 */
import type { SecretSpan } from './spans.ts';

const PEM_BLOCK = /-----BEGIN ((?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?)-----[\s\S]*?(?:-----END \1-----|$)/g;
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g;
const URI_WITH_PASSWORD =
  /\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|jdbc:[a-z0-9]+|clickhouse|cockroachdb|couchdb|neo4j(?:\+s)?|ftp|sftp|ldaps?|smtps?):\/\/[^\s:/@'"]+:[^\s@'"]+@[^\s'"<>)]+/gi;
const HTTP_USERINFO = /\b(?:https?|wss?):\/\/[^\s:/@'"]+:[^\s@/'"]+@[^\s'"<>)]+/gi;
const PASSWORD_KEY = /\b(?:password|pwd)\s*=\s*[^;\s'"]+/gi;
const OTHER_CONNECTION_KEYS = /\b(?:server|data source|host|address|addr|database|initial catalog|user id|uid|user|username)\s*=/i;

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
  for (const match of text.matchAll(URI_WITH_PASSWORD)) {
    spans.push({ start: match.index, end: match.index + match[0].length, kind: 'connection-string', detector: 'connection-uri' });
  }
  for (const match of text.matchAll(HTTP_USERINFO)) {
    spans.push({ start: match.index, end: match.index + match[0].length, kind: 'url-credentials', detector: 'url-userinfo' });
  }
  const runs = new KeyValueRuns(text);
  for (const match of text.matchAll(PASSWORD_KEY)) {
    const run = runs.around(match.index, match.index + match[0].length);
    if (run?.connection === true) spans.push({ start: run.trimmedStart, end: run.end, kind: 'connection-string', detector: 'connection-keyvalue' });
  }
  return spans;
}
