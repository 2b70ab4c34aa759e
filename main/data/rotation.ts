/**
 * `keys rotate`: a new KEK version, every DEK re-wrapped (content untouched), the old KEK destroyed.
 *
 * Crash safety, by step (every SIGKILL point leaves a store that unlocks and decrypts everything):
 *  0. finish an interrupted rotation: if several KEK versions are live, re-wrap to the current one and
 *     retire the rest (same as steps 2–3);
 *  1. the key store gains the new version as current, the old versions stay live (atomic file
 *     replace: before it the old store, after it both KEKs are available);
 *  2. one SQLite transaction re-wraps every DEK to the new version (WAL + synchronous=FULL: either
 *     all rows moved or none; either way their KEK is live in the key store);
 *  3. only when no DEK references an old version, the key store retires them (atomic replace).
 */
import type { EnvelopeEncryption } from './envelope.ts';
import type { TenantHsm } from './hsm.ts';

export type RotationStep = 'finished-interrupted' | 'kek-added' | 'rewrapped' | 'retired';

export interface RotationHooks {
  /** Test hook: called after each step and each re-wrapped row (crash injection). */
  onStep?: (step: RotationStep | 'row', index?: number) => void;
}

export interface RotationResult {
  newVersion: number;
  retiredVersions: number[];
  rewrapped: number;
}

function settle(hsm: TenantHsm, envelope: EnvelopeEncryption, version: number, hooks: RotationHooks): { retired: number[]; rewrapped: number } {
  const rewrapped = envelope.rewrapAll(version, (i) => hooks.onStep?.('row', i));
  hooks.onStep?.('rewrapped');
  const stale = [...envelope.countByKekVersion().keys()].filter((v) => v !== version);
  if (stale.length > 0) throw new Error(`data keys still under key versions ${stale.join(', ')} after re-wrap`);
  const retired = hsm.retireKekVersionsExcept(version);
  hooks.onStep?.('retired');
  return { retired, rewrapped };
}

export function rotateKeys(hsm: TenantHsm, envelope: EnvelopeEncryption, hooks: RotationHooks = {}): RotationResult {
  const retiredVersions: number[] = [];
  let rewrapped = 0;
  if (hsm.liveKekVersions.length > 1) {
    const finished = settle(hsm, envelope, hsm.currentKekVersion, hooks);
    retiredVersions.push(...finished.retired);
    rewrapped += finished.rewrapped;
    hooks.onStep?.('finished-interrupted');
  }
  const newVersion = hsm.addKekVersion();
  hooks.onStep?.('kek-added');
  const result = settle(hsm, envelope, newVersion, hooks);
  retiredVersions.push(...result.retired);
  rewrapped += result.rewrapped;
  return { newVersion, retiredVersions, rewrapped };
}
