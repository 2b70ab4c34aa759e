import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataKeyMissingError } from '../../../main/data/errors.ts';
import { ConsentMissingError, SubjectErasedError } from '../../../main/governance/errors.ts';
import { SUBJECT_KEY_PURPOSE } from '../../../main/governance/packs/gdpr.ts';
import { close, entries, governedTenant, PASS, restart, verify, type GovernedTenant } from './helpers.ts';

let t: GovernedTenant;
beforeEach(async () => {
  t = await governedTenant();
});
afterEach(async () => {
  await close(t);
});

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest();

describe('governance packs drive field encryption', () => {
  it('enabling GDPR or HIPAA switches field encryption on; disabling the last (approver + step-up) switches it off', async () => {
    const g = t.governance;
    expect(t.tenant.fieldEncryption.required).toBe(false);
    await g.packs.enable('alice', 'gdpr');
    expect(t.tenant.fieldEncryption.required).toBe(true);
    expect(t.tenant.settings.get('fieldEncryption')).toBe('on');
    expect(t.tenant.fieldEncryption.protect('report.content', 'rep-1', 'findings')[0]).toBe(0x01); // sealed form
    await g.packs.enable('alice', 'hipaa', { level: 'team', id: 'ward-7' });
    await expect(g.packs.disable('alice', 'gdpr', PASS.alice as string)).rejects.toThrow(/needs the approver role/);
    await g.packs.disable('erin', 'gdpr', PASS.erin as string);
    expect(t.tenant.fieldEncryption.required).toBe(true); // HIPAA on team ward-7 still needs it
    await g.packs.disable('erin', 'hipaa', PASS.erin as string, { level: 'team', id: 'ward-7' });
    expect(t.tenant.fieldEncryption.required).toBe(false);
    expect(g.policyFor({ team: 'ward-7' }).packs.value).toEqual([]);
  });
});

describe('GDPR pack: consent, export, erasure by crypto-shredding', () => {
  it('refuses records without consent with a clear reason, and records the refusal', async () => {
    const gdpr = t.governance.gdpr;
    await t.governance.packs.enable('alice', 'gdpr');
    const refused = await gdpr.storeRecord('ann', 'patient-42', 'intake-note', 'asthma, wheeze').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConsentMissingError);
    expect((refused as Error).message).toMatch(/Refused to process the record of data subject "patient-42" for "processing": no consent is on record/);
    await gdpr.recordConsent('ann', 'patient-42', 'given');
    await gdpr.storeRecord('ann', 'patient-42', 'intake-note', 'asthma, wheeze');
    await gdpr.recordConsent('ann', 'patient-42', 'withdrawn');
    await expect(gdpr.requireConsent('patient-42')).rejects.toThrow(/consent was withdrawn/);
    const log = entries(t).filter((e) => e.action === 'governance.gdpr.consent-refused');
    expect(log).toHaveLength(2);
    // The subject's identifier never reaches the audit log, only its keyed token.
    expect(entries(t).some((e) => JSON.stringify(e).includes('patient-42'))).toBe(false);
    expect(log[0]?.subject).toBe(gdpr.token('patient-42'));
  });

  it('exports a subject\'s data, then erases it: keys destroyed, content unreadable, audit digests kept and the log verifies', async () => {
    const { gdpr } = t.governance;
    await t.governance.packs.enable('alice', 'gdpr');
    await gdpr.recordConsent('ann', 'patient-42', 'given');
    await gdpr.recordConsent('ann', 'patient-7', 'given');
    await gdpr.storeRecord('ann', 'patient-42', 'intake-note', 'asthma, wheeze since 2019');
    await gdpr.storeRecord('ann', 'patient-42', 'discharge', 'inhaler twice daily');
    await gdpr.storeRecord('ann', 'patient-7', 'intake-note', 'fracture, left wrist');
    // A field-encrypted report and an audit payload about the subject, linked for erasure.
    const report = t.tenant.fieldEncryption.protect('report.content', 'report-42', 'Report on patient 42: asthma');
    gdpr.linkItem('patient-42', 'report-42');
    const payload = 'triage summary for patient 42: asthma';
    const { seq } = await t.log.append({ actor: 'agent:triage', action: 'record.summarise', subject: gdpr.token('patient-42'), outcome: 'ok', payload });
    gdpr.linkAuditEntry('patient-42', seq);

    const exported = await gdpr.exportSubject('alice', 'patient-42');
    expect(exported.records.map((r) => [r.kind, r.content])).toEqual([['intake-note', 'asthma, wheeze since 2019'], ['discharge', 'inhaler twice daily']]);
    expect(exported).toMatchObject({ consent: [{ purpose: 'processing', state: 'given' }], linkedItems: ['report-42'], linkedAuditEntries: [seq] });

    const subjectKey = t.tenant.envelope.findDataKey(SUBJECT_KEY_PURPOSE, gdpr.token('patient-42'));
    expect(subjectKey).toBeDefined();
    await expect(gdpr.eraseSubject('alice', 'patient-42', 'not alices passphrase 9')).rejects.toThrow(/re-authentication|not correct/);
    await expect(gdpr.eraseSubject('erin', 'patient-42', PASS.erin as string)).rejects.toThrow(/needs the admin role/);
    const report42 = await gdpr.eraseSubject('alice', 'patient-42', PASS.alice as string);
    expect(report42).toMatchObject({ keysDestroyed: 2, auditPayloadsShredded: 1, recordsMadeUnreadable: 2 });

    // The keys are gone, so is every way to the content — also after a restart.
    t = await restart(t);
    const g = t.governance.gdpr;
    expect(t.tenant.envelope.findDataKey(SUBJECT_KEY_PURPOSE, g.token('patient-42'))).toBeUndefined();
    expect(() => t.tenant.envelope.decrypt(subjectKey as string, new Uint8Array(64), new Uint8Array(0), 'x')).toThrow(DataKeyMissingError);
    expect(() => g.readRecords('patient-42')).toThrow(SubjectErasedError);
    expect(() => t.tenant.fieldEncryption.reveal('report.content', 'report-42', report)).toThrow(DataKeyMissingError);
    const sealedRows = t.tenant.db.prepare('SELECT count(*) AS n FROM gov_subject_records WHERE subject = ?').get(g.token('patient-42')) as { n: number };
    expect(sealedRows.n).toBe(2); // ciphertext stays, unreadable
    expect(t.log.readPayload(seq)).toBeNull();
    await expect(g.storeRecord('ann', 'patient-42', 'intake-note', 'again')).rejects.toThrow(/the subject was erased/);
    // Other subjects are untouched.
    expect(g.readRecords('patient-7').map((r) => r.content)).toEqual(['fracture, left wrist']);

    // The audit log keeps the leaf with the payload's digest, and the whole log still verifies.
    const leaf = entries(t).find((e) => e.seq === seq);
    expect(Buffer.from(leaf?.payloadDigest ?? []).equals(sha256(payload))).toBe(true);
    expect(entries(t).filter((e) => e.action === 'governance.gdpr.erasure').map((e) => e.outcome)).toEqual(['started', 'completed']);
    expect(await verify(t)).toMatchObject({ ok: true });
  });
});
