/**
 * Credential leaks found by the @secretlint recommend preset (AWS, GitHub, Slack, GCP, npm,
 * OpenAI, Anthropic, Stripe, private keys, database URIs, …). lintSource is async and not free,
 * so a cheap pre-filter skips text that cannot hold any token the preset looks for, and the rule
 * configuration is built once.
 */
import { lintSource } from '@secretlint/core';
import { secretLintProfiler } from '@secretlint/profiler';
import { rules as recommendRules } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig, SecretLintCoreResultMessage } from '@secretlint/types';
import type { SecretSpan } from './spans.ts';

// secretlint profiles every lint by default: about 60 performance marks a call into the process's
// global buffer, and each one kept again by its observer, never cleared. In an appliance that runs
// for weeks that is memory without bound. (package.json pins the profiler to the version
// @secretlint/core depends on, so this is the instance it marks with; a test checks no mark is left.)
secretLintProfiler.setEnabled(false);

const FILTER_COMMENTS = '@secretlint/secretlint-rule-filter-comments';

/**
 * The recommend preset's rules, registered one by one so that one of them can be left out:
 * filter-comments obeys `secretlint-disable` comments in the scanned text, and here that text is
 * the model's, so a model could switch every rule off. (`disabled: true` on a rule inside the
 * preset entry is not honoured by @secretlint/core 13: preset rules are registered regardless.)
 */
const CONFIG: SecretLintCoreConfig = {
  rules: recommendRules
    .filter((rule) => rule.meta.id !== FILTER_COMMENTS)
    .map((rule) =>
      // Access key IDs are off by default in the preset; a response carrying one is a leak.
      rule.meta.id === '@secretlint/secretlint-rule-aws' ? { id: rule.meta.id, rule, options: { enableIDScanRule: true } } : { id: rule.meta.id, rule },
    ),
};

/**
 * Every preset rule matches either a token of 16+ characters without spaces, a URI with
 * userinfo, a PEM header, a key=value password, or an AWS key or account id after its name. Prose
 * without any of those skips the lint. Tokens that are only lower-case words, dots, colons and
 * hyphens (host names like "northwind.example") or only digits and date punctuation
 * ("2025-03-01T09:00:00Z") match no preset rule either: provider tokens mix cases and digits, so
 * they do not excuse a lint run.
 *  - A URI's userinfo is a user with no "/", "?" or "#" before the "@", or a user, a ":" and a
 *    password that may hold "/" ("x/K!9#q"): stopping at the first "/" let such a URL through
 *    unchecked while streaming, and running to any "@" held every link to a scoped npm package
 *    or a medium.com/@author page. Its slashes may be JSON-escaped (":\/\/" in structured output).
 *  - The AWS rules allow any whitespace, newlines too, between `aws_secret_access_key =` and its
 *    value, so the name alone is structural; an account id is 12 digits, too short to be a token.
 *  - A PEM block is structural from "-----BEGIN": its header is not released before the hold.
 */
const NON_TOKEN_SECRET =
  /:\\?\/\\?\/(?:[^\s/?#@]*|[^\s/?#@:]*:[^\s@]*)@|PRIVATE KEY|-----BEGIN|(?:password|pwd|secret|token)\s*[:=]|(?:aws)?[\s_-]?secret[\s_-]?access[\s_-]?key["']?\s*(?::|=>|=)|account_?(?:id)?["']?\s*(?::|=>|=)\s*["']?\d{4}-?\d{4}-?\d{4}(?!\d)/i;
const LONG_TOKEN = /(?<![A-Za-z0-9_+/=.:-])[A-Za-z0-9_+/=.:-]{16,}/g;
const HOST_SHAPED = /^[a-z.:-]+$/;
const TIMESTAMP_SHAPED = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * 'none': no preset rule or credential shape can match. 'token': only a long token could (a key,
 * a JWT, or just a path or identifier), which lies whole in the text, so checking this text
 * decides it. 'structural': a PEM header, a URI with userinfo or a `password=`-style key, which can
 * span lines or need context far back, so only the whole answer decides it.
 */
export type SecretSuspicion = 'none' | 'token' | 'structural';

export function secretSuspicion(text: string): SecretSuspicion {
  if (NON_TOKEN_SECRET.test(text)) return 'structural';
  LONG_TOKEN.lastIndex = 0;
  for (let match = LONG_TOKEN.exec(text); match !== null; match = LONG_TOKEN.exec(text)) {
    if (!HOST_SHAPED.test(match[0]) && !TIMESTAMP_SHAPED.test(match[0])) return 'token';
  }
  return 'none';
}

export function mayHoldSecret(text: string): boolean {
  return secretSuspicion(text) !== 'none';
}

const RULE_PREFIX = '@secretlint/secretlint-rule-';

function kindOf(message: SecretLintCoreResultMessage): string {
  const rule = message.ruleId.startsWith(RULE_PREFIX) ? message.ruleId.slice(RULE_PREFIX.length) : message.ruleId;
  if (rule === 'privatekey') return 'private-key';
  if (rule === 'database-connection-string') return 'connection-string';
  return rule;
}

/**
 * The secret's own span. Some rules report a range that starts at the key name rather than the
 * value (the AWS secret-key rule does), so prefer locating the reported value itself.
 */
function spanOf(content: string, message: SecretLintCoreResultMessage): { start: number; end: number } {
  const [start, end] = message.range;
  const values = Object.values(message.data ?? {}).filter((v): v is string => typeof v === 'string' && v.length >= 8);
  for (const value of values) {
    const at = content.indexOf(value, Math.max(0, start - 1));
    if (at >= 0 && at <= end + value.length) return { start: Math.min(at, start), end: Math.max(at + value.length, end) };
  }
  return { start, end };
}

/** The preset over the whole text, without the pre-filter (the pre-filter's property test compares against this). */
export async function lintForSecrets(text: string): Promise<SecretSpan[]> {
  const result = await lintSource({
    source: { content: text, filePath: 'model-response.txt', ext: '.txt', contentType: 'text' },
    options: { config: CONFIG, noPhysicFilePath: true },
  });
  return result.messages.map((message) => ({
    ...spanOf(text, message),
    kind: kindOf(message),
    detector: `secretlint:${message.messageId}`,
  }));
}

export async function scanWithSecretlint(text: string): Promise<SecretSpan[]> {
  return mayHoldSecret(text) ? lintForSecrets(text) : [];
}
