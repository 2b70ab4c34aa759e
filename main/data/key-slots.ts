/**
 * LUKS-style key slots: passphrase → scrypt → slot key, which unwraps the tenant root key.
 * Pure functions over slot records; the HSM and the appliance decide when to call them.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { randomBytes } from 'node:crypto';
import { bindingAd, open, seal } from './aead.ts';
import { equalBytes, fromB64, toB64, utf8, wipe } from './bytes.ts';
import { deriveSlotKey, type KdfOptions, type ScryptParams, checkScryptParams } from './kdf.ts';
import type { KeySlot } from './keystore.ts';

const CHECK_LABEL = utf8('airlock/v1 slot-check');

function slotAd(tenantId: string, slotId: string, user: string): Uint8Array {
  return bindingAd({ tenant: tenantId, purpose: 'slot-root', version: slotId, item: user });
}

function slotCheck(slotKey: Uint8Array): Uint8Array {
  return hmac(sha256, slotKey, CHECK_LABEL).subarray(0, 16);
}

export async function createSlot(
  tenantId: string,
  user: string,
  root: Uint8Array,
  passphrase: Uint8Array,
  kdf: ScryptParams,
): Promise<KeySlot> {
  checkScryptParams(kdf);
  const id = `slot_${randomBytes(8).toString('hex')}`;
  const salt = new Uint8Array(randomBytes(32));
  const slotKey = await deriveSlotKey(passphrase, salt, kdf);
  try {
    return {
      id,
      user,
      createdAt: new Date().toISOString(),
      kdf: { ...kdf },
      salt: toB64(salt),
      check: toB64(slotCheck(slotKey)),
      wrappedRoot: toB64(seal(slotKey, root, slotAd(tenantId, id, user))),
    };
  } finally {
    wipe(slotKey);
  }
}

export type SlotOpenResult =
  | { ok: true; root: Uint8Array }
  | { ok: false; reason: 'wrong-passphrase' | 'tampered' };

export async function openSlot(
  tenantId: string,
  slot: KeySlot,
  passphrase: Uint8Array,
  options: KdfOptions = {},
): Promise<SlotOpenResult> {
  checkScryptParams(slot.kdf);
  const slotKey = await deriveSlotKey(passphrase, fromB64(slot.salt), slot.kdf, options);
  try {
    if (!equalBytes(slotCheck(slotKey), fromB64(slot.check))) return { ok: false, reason: 'wrong-passphrase' };
    const root = open(slotKey, fromB64(slot.wrappedRoot), slotAd(tenantId, slot.id, slot.user));
    return root && root.length === 32 ? { ok: true, root } : { ok: false, reason: 'tampered' };
  } finally {
    wipe(slotKey);
  }
}
