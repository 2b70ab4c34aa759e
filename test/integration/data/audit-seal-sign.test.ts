/**
 * The two crypto operations on every audit commit: the head signature (node:crypto Ed25519 inside
 * the HSM, byte-identical to @noble's) and payload sealing (one fresh DEK per payload, stored
 * wrapped, shreddable on its own).
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { initAppliance, type Appliance, type UnlockedTenant } from '../../../main/appliance.ts';
import { randomBytes } from 'node:crypto';
import { open } from '../../../main/data/aead.ts';
import { fromB64 } from '../../../main/data/bytes.ts';
import { createTenantKeys, derivePurposeKey, HKDF_PURPOSES, signingAd, TenantHsm } from '../../../main/data/hsm.ts';
import { ContentIntegrityError, DataKeyMissingError, TenantLockedError } from '../../../main/data/errors.ts';
import { verifyEd25519 } from '../../../main/audit/ed25519-verify.ts';
import { PASS_ALICE, TEST_KDF, tempDir } from './helpers.ts';

const bytes = (s: string) => new TextEncoder().encode(s);

let cleanup: () => void;
let appliance: Appliance;
let t: UnlockedTenant;

beforeEach(async () => {
  let dir: string;
  ({ dir, cleanup } = tempDir());
  ({ appliance } = await initAppliance({ dir, tenant: 'acme', user: 'alice', passphrase: PASS_ALICE, kdf: TEST_KDF }));
  t = await appliance.unlockTenant('acme', 'alice', PASS_ALICE);
});

afterEach(() => {
  t.lock();
  appliance.close();
  cleanup();
});

it('signs exactly as @noble does (Ed25519 is deterministic) and the signatures verify', async () => {
  const { store, root } = await createTenantKeys('t1', 'T1', 'alice', bytes(PASS_ALICE), TEST_KDF);
  // The secret key, unwrapped here independently of the HSM (which takes and wipes `root`).
  const wrap = derivePurposeKey(root, 't1', HKDF_PURPOSES.signingWrap);
  const secret = open(wrap, fromB64(store.signing.wrappedSecret), signingAd('t1'));
  if (!secret) throw new Error('test setup: could not unwrap the signing key');
  const hsm = new TenantHsm(store, '/nonexistent/keystore.json', root);
  const signer = hsm.auditSigner();
  const messages = [new Uint8Array(0), bytes('airlock/t1\n1\nq83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=\n'), new Uint8Array(4096).fill(7)];
  for (let i = 0; i < 64; i++) messages.push(randomBytes(i * 3));
  for (const message of messages) {
    const signature = signer.sign(message);
    expect(signature).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(signature)).toEqual(Buffer.from(ed25519.sign(message, secret)));
    expect(ed25519.verify(signature, message, signer.publicKey)).toBe(true);
    expect(verifyEd25519(signature, message, signer.publicKey)).toBe(true);
  }
  hsm.lock();
  expect(() => signer.sign(bytes('after lock'))).toThrow(TenantLockedError);
});

it("signs an unlocked tenant's checkpoints with its stored public key", () => {
  const message = bytes('airlock/acme\n42\nq83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=\n');
  expect(ed25519.verify(t.hsm.sign(message), message, t.hsm.signingPublicKey)).toBe(true);
});

it('seals each payload under its own stored DEK; shredding that DEK makes only it unreadable', () => {
  const before = [...t.envelope.countByKekVersion().values()].reduce((a, b) => a + b, 0);
  const a = t.envelope.sealForTenant('audit-payload', bytes('payload a'));
  const b = t.envelope.sealForTenant('audit-payload', bytes('payload b'));
  const after = [...t.envelope.countByKekVersion().values()].reduce((x, y) => x + y, 0);
  expect(after - before).toBe(2);
  expect(new TextDecoder().decode(t.envelope.openForTenant('audit-payload', a))).toBe('payload a');
  expect(new TextDecoder().decode(t.envelope.openForTenant('audit-payload', b))).toBe('payload b');
  expect(new TextDecoder().decode(a)).not.toContain('payload a');
  const dekOf = (sealed: Uint8Array) => new TextDecoder().decode(sealed.subarray(4, 4 + (sealed[3] as number)));
  expect(dekOf(a)).not.toBe(dekOf(b));
  expect(t.envelope.shredDataKey(dekOf(a))).toBe(true);
  expect(() => t.envelope.openForTenant('audit-payload', a)).toThrow(DataKeyMissingError);
  expect(new TextDecoder().decode(t.envelope.openForTenant('audit-payload', b))).toBe('payload b');
  const tampered = b.slice();
  tampered[tampered.length - 1] = (tampered[tampered.length - 1] as number) ^ 1;
  expect(() => t.envelope.openForTenant('audit-payload', tampered)).toThrow(ContentIntegrityError);
});

it('shredding an audit payload destroys its DEK with it, in the commit of the entry that records it', async () => {
  const log = t.audit;
  const { seq } = await log.append({ actor: 'u', action: 'note.write', payload: 'secret clinical note' });
  const { seq: other } = await log.append({ actor: 'u', action: 'note.write', payload: 'another note' });
  // A copy of the sealed bytes, as a freed page or an old WAL frame might keep them.
  const copy = (t.db.prepare('SELECT sealed FROM audit_payloads WHERE seq = ?').get(seq) as { sealed: Uint8Array }).sealed;
  const keys = (): number => (t.db.prepare("SELECT count(*) AS n FROM data_keys WHERE purpose = 'sealed:audit-payload'").get() as { n: number }).n;
  const keysBefore = keys();
  const shred = await log.shredPayload(seq, 'dpo@acme');
  expect(log.readPayload(seq)).toBeNull();
  expect(keys()).toBe(keysBefore - 1);
  expect(() => t.envelope.openForTenant('audit-payload', copy)).toThrow(DataKeyMissingError);
  expect(new TextDecoder().decode(log.readPayload(other) as Uint8Array)).toBe('another note');
  const entry = t.db.prepare('SELECT seq FROM audit_entries WHERE seq = ?').get(shred.seq);
  expect(entry).toBeDefined();
  // Shredding again finds nothing to destroy, and says so.
  const again = await log.shredPayload(seq, 'dpo@acme');
  expect(again.seq).toBe(shred.seq + 1);
  expect(keys()).toBe(keysBefore - 1);
  expect((await t.verifyAudit()).ok).toBe(true);
});

it('destroys nothing when the entry recording the shred cannot be written (fail closed)', async () => {
  const log = t.audit;
  const { seq } = await log.append({ actor: 'u', action: 'note.write', payload: 'kept until recorded' });
  const keys = (): number => (t.db.prepare('SELECT count(*) AS n FROM data_keys').get() as { n: number }).n;
  const keysBefore = keys();
  t.db.exec("CREATE TEMP TRIGGER no_more_entries BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
  await expect(log.shredPayload(seq, 'dpo@acme')).rejects.toThrow(/not recorded/);
  t.db.exec('DROP TRIGGER no_more_entries');
  expect(keys()).toBe(keysBefore);
  expect(new TextDecoder().decode(log.readPayload(seq) as Uint8Array)).toBe('kept until recorded');
});

it('an epoch rotation destroys the key of the retired epoch key\'s sealed copy', async () => {
  const log = t.audit;
  const sealedEpochKey = (): Uint8Array => (t.db.prepare('SELECT sealed FROM audit_epoch_key WHERE id = 1').get() as { sealed: Uint8Array }).sealed;
  const retired = sealedEpochKey();
  expect(t.envelope.openForTenant('audit-payload', retired).length).toBe(32);
  const epoch = log.epoch;
  await log.rotateEpoch('admin');
  expect(log.epoch).toBe(epoch + 1);
  expect(() => t.envelope.openForTenant('audit-payload', retired)).toThrow(DataKeyMissingError);
  expect(t.envelope.openForTenant('audit-payload', sealedEpochKey()).length).toBe(32);
  await log.append({ actor: 'u', action: 'after.rotation' });
  expect((await t.verifyAudit()).ok).toBe(true);
});
