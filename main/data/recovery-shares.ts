/**
 * Text form of M-of-N Shamir recovery shares of a tenant root key:
 *   airlock-share-1:<tenantId>:<share hex>:<8-hex checksum>
 * The checksum (SHA-256 prefix) catches typos before any combination is attempted.
 */
import { createHash } from 'node:crypto';
import { combine } from 'shamir-secret-sharing';
import { RecoveryShareError } from './errors.ts';

const PREFIX = 'airlock-share-1';

const checksum = (tenantId: string, hex: string): string => createHash('sha256').update(`${tenantId}:${hex}`).digest('hex').slice(0, 8);

export function formatShare(tenantId: string, share: Uint8Array): string {
  const hex = Buffer.from(share).toString('hex');
  return `${PREFIX}:${tenantId}:${hex}:${checksum(tenantId, hex)}`;
}

export function parseShare(text: string, tenantId: string): Uint8Array {
  const parts = text.trim().split(':');
  if (parts.length !== 4 || parts[0] !== PREFIX) throw new RecoveryShareError('a share is not in the airlock-share-1 format');
  const [, shareTenant, hex, sum] = parts as [string, string, string, string];
  if (shareTenant !== tenantId) throw new RecoveryShareError('a share belongs to a different tenant');
  if (!/^[0-9a-f]+$/.test(hex) || checksum(shareTenant, hex) !== sum) throw new RecoveryShareError('a share has a typo (checksum mismatch)');
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export async function combineShares(texts: readonly string[], tenantId: string): Promise<Uint8Array> {
  const shares = texts.map((t) => parseShare(t, tenantId));
  if (shares.length < 2) throw new RecoveryShareError('at least two shares are needed');
  if (new Set(shares.map((s) => Buffer.from(s).toString('hex'))).size !== shares.length) throw new RecoveryShareError('the same share was given twice');
  try {
    return await combine(shares);
  } catch {
    throw new RecoveryShareError('the shares do not fit together');
  }
}
