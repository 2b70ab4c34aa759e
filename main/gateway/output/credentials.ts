/**
 * Every credential stage 7 finds in a text: its own shapes and the secretlint preset, over the
 * text as written and over its scan copy (invisible characters removed, JSON escapes decoded),
 * spans always in the text as written. The streaming guards ask the same questions of a window.
 */
import { findCredentialPatterns, withSplitTails } from './credential-patterns.ts';
import { plausibleCredentials } from './credential-plausibility.ts';
import { scanCopy } from './scan-copy.ts';
import { scanWithSecretlint, secretSuspicion, type SecretSuspicion } from './secretlint-scan.ts';
import type { SecretSpan } from './spans.ts';

async function credentialsAsWritten(text: string): Promise<SecretSpan[]> {
  return plausibleCredentials(text, withSplitTails(text, [...findCredentialPatterns(text), ...(await scanWithSecretlint(text))]));
}

export async function findCredentials(text: string): Promise<SecretSpan[]> {
  const spans = await credentialsAsWritten(text);
  const copy = scanCopy(text);
  if (copy !== null) for (const span of await credentialsAsWritten(copy.text)) spans.push(copy.toOriginal(span));
  return spans;
}

const RANK: Readonly<Record<SecretSuspicion, number>> = { none: 0, token: 1, structural: 2 };

function suspicionAsWritten(text: string): SecretSuspicion {
  const suspicion = secretSuspicion(text);
  // Stage 7's own shapes are cheap and synchronous: text they match is structural, never released on the fly.
  return suspicion === 'none' && findCredentialPatterns(text).length > 0 ? 'structural' : suspicion;
}

/** How far `text` may hold a credential, read both ways (see secretSuspicion); the stream's on-the-fly decision. */
export function credentialSuspicion(text: string): SecretSuspicion {
  const asWritten = suspicionAsWritten(text);
  if (asWritten === 'structural') return asWritten;
  const copy = scanCopy(text);
  if (copy === null) return asWritten;
  const inCopy = suspicionAsWritten(copy.text);
  return RANK[inCopy] > RANK[asWritten] ? inCopy : asWritten;
}
