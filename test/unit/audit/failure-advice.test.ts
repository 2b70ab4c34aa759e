/**
 * A failed verification says what to do next, beside what was found: for the appliance's own log
 * (keep the evidence, check the last bundle, report) and for a bundle (do not rely on it; a
 * fingerprint that does not match is first checked against what the auditor was given).
 */
import { describe, expect, it } from 'vitest';
import { formatBundleReport, type BundleReport } from '../../../main/audit/bundle/verify.ts';
import type { VerificationResult } from '../../../main/audit/stream-verifier.ts';
import { formatVerification } from '../../../main/cli/commands/audit.ts';

const verified: VerificationResult = {
  ok: true,
  origin: 'airlock/acme',
  entriesVerified: 12,
  treeSize: 12,
  root: 'ab'.repeat(32),
  checkpointsVerified: 2,
  macsVerified: 12,
  gatewayCallsVerified: 3,
  pipelineHashesRecomputed: 3,
  fingerprint: 'cd'.repeat(32),
  failure: null,
  notes: [],
} as unknown as VerificationResult;

describe('what a failed verification says to do', () => {
  it('the log: the first bad seq, then what to do with the evidence; nothing of the kind when it verifies', () => {
    expect(formatVerification(verified)).not.toMatch(/WHAT TO DO/);
    const failed = formatVerification({ ...verified, ok: false, failure: { seq: 7, kind: 'altered', message: 'entry 7: leaf hash does not match' } } as VerificationResult);
    expect(failed).toMatch(/FIRST BAD SEQ: 7 \(altered\): entry 7: leaf hash does not match\n {2}WHAT TO DO: +entries from seq 7 on cannot be trusted\. Keep the tenant's data directory as it is/);
    expect(failed).toMatch(/airlock bundle verify/);
  });

  it('a bundle: a key that does not match first sends the auditor back to the fingerprint they were given; any other failure says not to rely on it', () => {
    const report = { ...verified, path: '/media/usb/bundle', trustedFingerprint: 'cd'.repeat(32), signingKeys: [], payloadsVerified: null, consistency: null, problems: [] } as unknown as BundleReport;
    expect(formatBundleReport(report)).not.toMatch(/WHAT TO DO/);
    const untrusted = formatBundleReport({ ...report, ok: false, failure: { seq: 0, kind: 'untrusted-key', message: 'not the trusted key' } } as BundleReport);
    expect(untrusted).toMatch(/WHAT TO DO: +check that --fingerprint is the fingerprint of this tenant's first signing key as you were given it out of band/);
    const altered = formatBundleReport({ ...report, ok: false, failure: { seq: 4, kind: 'bad-mac', message: 'entry 4: MAC does not match' } } as BundleReport);
    expect(altered).toMatch(/WHAT TO DO: +this bundle does not prove the log as it was written: do not rely on it\. Ask for a fresh export/);
    const problem = formatBundleReport({ ...report, ok: false, problems: ['payload 3 does not match its digest'] } as BundleReport);
    expect(problem).toMatch(/WHAT TO DO: +this bundle does not prove the log/);
  });
});
