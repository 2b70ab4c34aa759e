/**
 * The stream's on-the-fly credential check reads words as the caller will see them: a restored
 * PII value that completes a credential (the tokens showed none) holds the stream, like stage 9
 * keeps that token in the final text.
 */
import { describe, expect, it } from 'vitest';
import { OutputStream } from '../../../../main/gateway/output-stream.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/index.ts';

describe('streamed restore goes through the credential check', () => {
  it('holds words whose restored value completes a connection string, and releases nothing of it', async () => {
    const session = createRedactionSession();
    expect(session.redact('Our DBA is ops@db.internal')).toBe('Our DBA is [EMAIL_1]');
    const restorer = session.restorer(true);
    const out: string[] = [];
    const stream = new OutputStream((t) => out.push(t), restorer.createStreamRestorer(), { restoreView: (text) => restorer.restore(text) });
    for (const word of 'use postgres://admin:Sup3rS3cretPw.[EMAIL_1]:5432/prod now, or mail [EMAIL_1] '.split(/(?<= )/)) stream.push(word);
    await stream.drained;
    expect(out.join('')).not.toContain('Sup3rS3cretPw.ops@db.internal');
    expect(stream.heldOnTheFly).toBe(true);
  });

  it('still streams restored values that complete nothing', async () => {
    const session = createRedactionSession();
    session.redact('Our DBA is ops@db.internal');
    const restorer = session.restorer(true);
    const out: string[] = [];
    const stream = new OutputStream((t) => out.push(t), restorer.createStreamRestorer(), { restoreView: (text) => restorer.restore(text) });
    for (const word of 'please mail [EMAIL_1] today '.split(/(?<= )/)) stream.push(word);
    await stream.drained;
    expect(out.join('')).toBe('please mail ops@db.internal today ');
    expect(stream.heldOnTheFly).toBe(false);
  });
});
