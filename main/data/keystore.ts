/**
 * The per-tenant key store file (`tenants/<tenantId>/keystore.json`): key slots, the wrapped Ed25519
 * signing key and the KEK versions. It holds only wrapped keys, salts, parameters and public data.
 * Every write is atomic (temp file, fsync, rename, fsync dir), so a crash leaves the old or the new file.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { writeFileAtomic } from './atomic-file.ts';
import { KeyStoreCorruptError } from './errors.ts';
import { ScryptParamsSchema } from './kdf.ts';

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const KeySlotSchema = z.object({
  id: z.string().min(1),
  user: z.string().min(1),
  createdAt: z.string(),
  kdf: ScryptParamsSchema,
  salt: b64,
  /** 16 bytes of HMAC(slot key, label): tells a wrong passphrase apart from a tampered wrapped key. */
  check: b64,
  wrappedRoot: b64,
});
export type KeySlot = z.infer<typeof KeySlotSchema>;

export const KekVersionSchema = z.object({
  version: z.number().int().min(1),
  state: z.enum(['live', 'retired']),
  createdAt: z.string(),
  retiredAt: z.string().optional(),
  /** Present while live; erased on retirement (the old KEK is destroyed). */
  wrapped: b64.optional(),
});
export type KekVersion = z.infer<typeof KekVersionSchema>;

export const KeyStoreSchema = z.object({
  format: z.literal('airlock-keystore'),
  formatVersion: z.literal(1),
  tenantId: z.string().regex(/^tn_[0-9a-f]{32}$/),
  tenantName: z.string().min(1),
  createdAt: z.string(),
  slots: z.array(KeySlotSchema).min(1),
  signing: z.object({ alg: z.literal('ed25519'), publicKey: b64, wrappedSecret: b64 }),
  kek: z.object({ current: z.number().int().min(1), versions: z.array(KekVersionSchema).min(1) }),
});
export type KeyStore = z.infer<typeof KeyStoreSchema>;

/** At most this many KEK versions are recorded; the oldest retired records are pruned. */
export const KEK_VERSION_HISTORY_CAP = 16;
/** At most this many KEK versions may hold key material at once. */
export const KEK_LIVE_CAP = 4;

export function readKeyStore(path: string, expectedTenantId?: string): KeyStore {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new KeyStoreCorruptError(path, code === 'ENOENT' ? 'file is missing' : `cannot be read: ${code ?? 'unknown error'}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeyStoreCorruptError(path, 'not valid JSON');
  }
  const parsed = KeyStoreSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new KeyStoreCorruptError(path, `unexpected structure at ${first ? first.path.join('.') || 'top level' : 'top level'}`);
  }
  const store = parsed.data;
  if (expectedTenantId !== undefined && store.tenantId !== expectedTenantId) {
    throw new KeyStoreCorruptError(path, 'it belongs to a different tenant');
  }
  const current = store.kek.versions.find((v) => v.version === store.kek.current);
  if (!current || current.state !== 'live' || !current.wrapped) throw new KeyStoreCorruptError(path, 'current key version has no key');
  return store;
}

export function writeKeyStore(path: string, store: KeyStore): void {
  writeFileAtomic(path, `${JSON.stringify(KeyStoreSchema.parse(store), null, 2)}\n`);
}
