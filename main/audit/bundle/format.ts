/**
 * The bundle's on-disk format, shared by the exporter and the offline verifier.
 *
 *   entries.bin            magic line, then per entry: u32 BE leaf length | leaf | 32-byte chain hash
 *   checkpoints/<size>.note every signed checkpoint up to the export checkpoint (C2SP signed notes)
 *   key-rotations.json     first public key and each signing-key rotation (also committed in leaves)
 *   consistency-proof.json proof that the export checkpoint extends an earlier one
 *   payloads.jsonl         only when exported with payloads: {"seq":n,"payload":"<base64>"}
 *   manifest.json          SHA-256 of every file above, tree size and root
 *   manifest.sig           signed note over manifest.json's SHA-256, by the key in force
 */
import { z } from 'zod';

export const BUNDLE_FORMAT = 'airlock-audit-bundle/1';
export const ENTRIES_FILE = 'entries.bin';
export const ENTRIES_MAGIC = Buffer.from('AIRLOCK-AUDIT-ENTRIES/1\n', 'latin1');
export const CHECKPOINTS_DIR = 'checkpoints';
export const KEY_ROTATIONS_FILE = 'key-rotations.json';
export const CONSISTENCY_FILE = 'consistency-proof.json';
export const PAYLOADS_FILE = 'payloads.jsonl';
export const MANIFEST_FILE = 'manifest.json';
export const MANIFEST_SIG_FILE = 'manifest.sig';
export const MAX_LEAF_BYTES = 16 * 1024 * 1024;

export function checkpointFileName(size: number): string {
  return `${CHECKPOINTS_DIR}/${String(size).padStart(16, '0')}.note`;
}

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const b64 = z.string().regex(/^[A-Za-z0-9+/=]*$/);

export const manifestSchema = z.strictObject({
  format: z.literal(BUNDLE_FORMAT),
  origin: z.string(),
  tenant: z.string(),
  createdMs: z.number().int().nonnegative(),
  treeSize: z.number().int().nonnegative(),
  root: b64,
  fingerprint: hex64,
  withPayloads: z.boolean(),
  /** The export checkpoint note, so a truncated bundle fails even with checkpoint files removed. */
  checkpoint: z.string(),
  /** Relative path → SHA-256 hex, for every file in the bundle but the manifest and its signature. */
  files: z.record(z.string(), hex64),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const keyRotationsSchema = z.strictObject({
  origin: z.string(),
  firstPublicKey: z.string().regex(/^[0-9a-f]{64}$/),
  rotations: z.array(
    z.strictObject({
      seq: z.number().int().nonnegative(),
      publicKey: z.string().regex(/^[0-9a-f]{64}$/),
      oldKeySignature: b64,
      newKeySignature: b64,
    }),
  ),
});
export type KeyRotationsFile = z.infer<typeof keyRotationsSchema>;

export const consistencySchema = z.strictObject({
  from: z.strictObject({ size: z.number().int().nonnegative(), root: b64 }).nullable(),
  to: z.strictObject({ size: z.number().int().nonnegative(), root: b64 }),
  proof: z.array(b64),
});
export type ConsistencyFile = z.infer<typeof consistencySchema>;

/** The text signed in manifest.sig; its own first line keeps it from passing for a checkpoint. */
export function manifestSignatureText(origin: string, manifestSha256: string): string {
  return `${BUNDLE_FORMAT} manifest\n${origin}\nsha256 ${manifestSha256}\n`;
}
