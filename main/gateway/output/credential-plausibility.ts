/**
 * Findings that name a credential's shape but not a credential: the secretlint preset reads any
 * 12-digit number after "account" as an AWS account id, and any `xoxb-…-…` as a Slack token, so
 * "account: 123456789012" on an invoice and the example "xoxb-1234-5678-abcd" in a how-to were
 * redacted (and a structured answer holding them withheld). A finding is dropped here only when
 * its own text and the text around it say it is not the credential.
 */
import type { SecretSpan } from './spans.ts';

/** How far either side of an account id "aws" or "arn:" makes it an AWS one (a line or two of config). */
const AWS_CONTEXT_REACH = 120;
/** AWS named as a word or a name's prefix ("AWS_ACCOUNT_ID", "awsAccountId", "arn:aws:…"), not inside "laws" or "draws". */
const AWS_CONTEXT = /(?<![a-z])aws|arn:/i;
/**
 * The id itself in the console's "1234-5678-9012" grouping, or named `account_id` as AWS's
 * config files and environment variables write it: an AWS account id without the word "AWS".
 */
const AWS_SHAPED_ID = /\d{4}-\d{4}-\d{4}|account_id/i;

function isAwsAccountId(text: string, span: SecretSpan): boolean {
  const found = text.slice(span.start, span.end);
  if (AWS_SHAPED_ID.test(found)) return true;
  return AWS_CONTEXT.test(text.slice(Math.max(0, span.start - AWS_CONTEXT_REACH), span.end + AWS_CONTEXT_REACH));
}

/**
 * A Slack token is `xoxb-<team id>-<user id>-<secret>`: ids of 10 digits or more and a secret of
 * 24 characters. One whose every part after the prefix is shorter than 8 characters
 * ("xoxb-1234-5678-abcd", "xoxp-xxx-yyy") is an example of the format, not a token.
 */
const SLACK_PARTS = /^xox[a-z]-|^xapp-/i;
const SLACK_MIN_REAL_PART = 8;

function isSlackToken(text: string, span: SecretSpan): boolean {
  const parts = text.slice(span.start, span.end).replace(SLACK_PARTS, '').split(/[-_\s:="']+/);
  return parts.some((part) => part.length >= SLACK_MIN_REAL_PART);
}

/** `spans` without the findings that are a credential's shape in ordinary text (see above). */
export function plausibleCredentials(text: string, spans: readonly SecretSpan[]): SecretSpan[] {
  return spans.filter((span) => {
    if (span.detector === 'secretlint:AWSAccountID') return isAwsAccountId(text, span);
    if (span.kind === 'slack') return isSlackToken(text, span);
    return true;
  });
}
