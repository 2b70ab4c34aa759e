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

/** The whole `key=value;` run around a password, if it has another connection key beside it. */
function connectionStringAround(text: string, start: number, end: number): { start: number; end: number } | null {
  const lineStart = text.lastIndexOf('\n', start) + 1;
  const nextBreak = text.indexOf('\n', end);
  const lineEnd = nextBreak < 0 ? text.length : nextBreak;
  const line = text.slice(lineStart, lineEnd);
  // The run of key=value pairs: from the first "word=" before the password to the last pair after it.
  const runPattern = /(?:[A-Za-z][A-Za-z ]{0,30}=[^;\r\n]*;\s*)*[A-Za-z][A-Za-z ]{0,30}=[^;\r\n]*;?/g;
  for (const run of line.matchAll(runPattern)) {
    const runStart = lineStart + run.index;
    const runEnd = runStart + run[0].length;
    if (runStart <= start && runEnd >= end && OTHER_CONNECTION_KEYS.test(run[0].replace(/\b(?:password|pwd)\s*=/gi, ''))) {
      const leading = run[0].length - run[0].trimStart().length;
      return { start: runStart + leading, end: runEnd };
    }
  }
  return null;
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
  for (const match of text.matchAll(PASSWORD_KEY)) {
    const around = connectionStringAround(text, match.index, match.index + match[0].length);
    if (around !== null) spans.push({ ...around, kind: 'connection-string', detector: 'connection-keyvalue' });
  }
  return spans;
}
