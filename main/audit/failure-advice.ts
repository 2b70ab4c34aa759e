/**
 * What an auditor or an administrator should do about a verification failure: the report says what
 * was found (the first bad seq and why); this says what to do next.
 */
import type { FailureKind } from './stream-verifier.ts';

/** Advice for a failure of the appliance's own log (`airlock audit verify`). */
export function logFailureAdvice(seq: number): string {
  return (
    `entries from seq ${seq} on cannot be trusted. Keep the tenant's data directory as it is (copy it for evidence; ` +
    'do not repair, delete or export from it), verify the last audit bundle exported before with `airlock bundle verify` ' +
    'to see what was on record then, and report it to your security officer.'
  );
}

/** Advice for a failed bundle (`airlock bundle verify`). */
export function bundleFailureAdvice(kind: FailureKind): string {
  if (kind === 'untrusted-key') {
    return (
      'check that --fingerprint is the fingerprint of this tenant\'s first signing key as you were given it out of band (never read from the bundle); ' +
      'if it is, this bundle was not signed by that tenant\'s log: do not rely on it, and report it.'
    );
  }
  return (
    'this bundle does not prove the log as it was written: do not rely on it. Ask for a fresh export from the appliance ' +
    '(`airlock audit export`) and verify that; if the appliance\'s own log fails too (`airlock audit verify`), report it to its security officer.'
  );
}
