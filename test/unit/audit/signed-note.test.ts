import { describe, expect, it } from 'vitest';
import { ed25519 } from '@noble/curves/ed25519.js';
import { ed25519KeyId, NoteFormatError, parseNote, signNote, verifyNoteSignature } from '../../../main/audit/signed-note.ts';
import {
  checkpointBody,
  keyFingerprint,
  parseCheckpointBody,
  parseSignedCheckpoint,
  signCheckpoint,
  verifyCheckpointSignature,
} from '../../../main/audit/checkpoint.ts';
import { makeSigner } from './fixtures.ts';

// The example note and verifier key from the C2SP signed-note / Go golang.org/x/mod/sumdb/note docs.
const PETER_KEY = Buffer.from('ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'base64').subarray(1);
const PETER_NOTE =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n\n" +
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

describe('C2SP signed notes', () => {
  it('computes the published key ID and verifies the published example note', () => {
    expect(Buffer.from(ed25519KeyId('PeterNeumann', PETER_KEY)).toString('hex')).toBe('c74f20a3');
    expect(verifyNoteSignature(parseNote(PETER_NOTE), 'PeterNeumann', PETER_KEY)).toBe(true);
  });

  it('rejects the example note when its text, name or key differ', () => {
    expect(verifyNoteSignature(parseNote(PETER_NOTE.replace('cryptography', 'cryptograph!')), 'PeterNeumann', PETER_KEY)).toBe(false);
    expect(verifyNoteSignature(parseNote(PETER_NOTE), 'PeterNeuman', PETER_KEY)).toBe(false);
    expect(verifyNoteSignature(parseNote(PETER_NOTE), 'PeterNeumann', makeSigner().publicKey)).toBe(false);
  });

  it('signs notes that verify and ignores signatures by unknown keys', () => {
    const a = makeSigner();
    const b = makeSigner();
    const note = signNote('hello\n', 'airlock/t', a.sign, a.publicKey);
    const both = note + signNote('hello\n', 'other', b.sign, b.publicKey).split('\n\n')[1];
    expect(verifyNoteSignature(parseNote(both), 'airlock/t', a.publicKey)).toBe(true);
    expect(verifyNoteSignature(parseNote(both), 'airlock/t', b.publicKey)).toBe(false);
    expect(ed25519.verify(parseNote(note).signatures[0]!.signature, new TextEncoder().encode('hello\n'), a.publicKey)).toBe(true);
  });

  it('rejects malformed notes', () => {
    expect(() => parseNote('no signature\n')).toThrow(NoteFormatError);
    expect(() => parseNote('text\n\nnot a signature line\n')).toThrow(NoteFormatError);
    expect(() => parseNote('text\n\n— name !!!\n')).toThrow(NoteFormatError);
    expect(() => signNote('no newline', 'n', makeSigner().sign, makeSigner().publicKey)).toThrow(NoteFormatError);
    expect(() => signNote('a\n', 'bad name', makeSigner().sign, makeSigner().publicKey)).toThrow(NoteFormatError);
  });
});

describe('tlog checkpoints', () => {
  it('formats origin, size and base64 root, one per line', () => {
    const root = new Uint8Array(32).fill(1);
    expect(checkpointBody({ origin: 'airlock/acme', size: 12, root })).toBe(`airlock/acme\n12\n${Buffer.from(root).toString('base64')}\n`);
    expect(parseCheckpointBody(checkpointBody({ origin: 'airlock/acme', size: 12, root })).size).toBe(12);
    expect(() => parseCheckpointBody('airlock/acme\n012\nAAAA\n')).toThrow(NoteFormatError);
    expect(() => parseCheckpointBody('airlock/acme\n12\nAAAA\n')).toThrow(NoteFormatError);
  });

  it('verifies only under the signing key, with the origin as key name', () => {
    const s = makeSigner();
    const c = signCheckpoint({ origin: 'airlock/acme', size: 3, root: new Uint8Array(32) }, s);
    expect(verifyCheckpointSignature(parseSignedCheckpoint(c.note), s.publicKey)).toBe(true);
    expect(verifyCheckpointSignature(parseSignedCheckpoint(c.note), makeSigner().publicKey)).toBe(false);
    const forged = c.note.replace('\n3\n', '\n4\n');
    expect(verifyCheckpointSignature(parseSignedCheckpoint(forged), s.publicKey)).toBe(false);
    expect(keyFingerprint(s.publicKey)).toMatch(/^[0-9a-f]{64}$/);
  });
});
