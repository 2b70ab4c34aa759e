/**
 * GDPR pack: consent tracking, subject records, subject export and erasure by crypto-shredding.
 *
 * Data subjects are never stored by their identifier: every table and audit entry uses the tenant's
 * keyed token for it (HMAC under the identity-token key), so erasure leaves no readable identifier
 * behind. A subject's records are sealed under ONE data key per subject; field-encrypted items and
 * audit payloads about the subject can be linked to them. Erasure destroys that data key, the keys of
 * the linked items and the linked audit payloads: the ciphertext stays, unreadable for good, and the
 * audit log keeps its leaves (with payload digests), so it still verifies.
 */
import { randomBytes } from 'node:crypto';
import { bindingAd } from '../../data/aead.ts';
import { fromUtf8, utf8 } from '../../data/bytes.ts';
import type { EnvelopeEncryption } from '../../data/envelope.ts';
import type { FieldEncryption } from '../../data/field-encryption.ts';
import type { Database } from '../../data/sqlite.ts';
import type { Authorizer } from '../actions.ts';
import { ConsentMissingError, SubjectErasedError } from '../errors.ts';
import type { AuditSink, PayloadShredder } from '../ports.ts';

export const SUBJECT_KEY_PURPOSE = 'gdpr:subject';
export const DEFAULT_CONSENT_PURPOSE = 'processing';

export interface GdprParts {
  readonly db: Database;
  readonly tenantId: string;
  readonly envelope: EnvelopeEncryption;
  readonly fieldEncryption: FieldEncryption;
  readonly authorizer: Authorizer;
  readonly audit: AuditSink;
  /** Keyed, stable token for a subject identifier (the data layer's identity token). */
  readonly subjectToken: (subjectId: string) => string;
  /** Drops audit payloads linked to an erased subject; without it such links are refused. */
  readonly payloads?: PayloadShredder | undefined;
}

export interface ConsentRecord {
  readonly purpose: string;
  readonly state: 'given' | 'withdrawn';
  readonly recordedBy: string;
  readonly recordedAt: string;
}

export interface SubjectExport {
  readonly subjectToken: string;
  readonly consent: readonly ConsentRecord[];
  readonly records: readonly { id: string; kind: string; content: string; createdAt: string }[];
  readonly linkedItems: readonly string[];
  readonly linkedAuditEntries: readonly number[];
}

export interface ErasureReport {
  readonly subjectToken: string;
  /** Data keys destroyed: the subject key plus the keys of linked field-encrypted items. */
  readonly keysDestroyed: number;
  readonly auditPayloadsShredded: number;
  readonly recordsMadeUnreadable: number;
}

export class GdprPack {
  constructor(private readonly parts: GdprParts) {}

  token(subjectId: string): string {
    if (subjectId.trim() === '') throw new RangeError('a data subject needs a non-empty identifier');
    return this.parts.subjectToken(subjectId);
  }

  #erasure(token: string): { erased_at: string } | undefined {
    return this.parts.db.prepare('SELECT erased_at FROM gov_erasures WHERE subject = ?').get(token) as { erased_at: string } | undefined;
  }

  // ——— consent ———

  async recordConsent(actor: string, subjectId: string, state: 'given' | 'withdrawn', purpose = DEFAULT_CONSENT_PURPOSE): Promise<void> {
    const token = this.token(subjectId);
    await this.parts.authorizer.enforce(actor, 'consent.record');
    const erased = this.#erasure(token);
    if (erased) throw new SubjectErasedError(subjectId, erased.erased_at);
    await this.parts.audit.append({ actor, action: 'governance.gdpr.consent', subject: token, outcome: state, fields: { purpose } });
    this.parts.db
      .prepare(
        `INSERT INTO consent (subject, purpose, state, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (subject, purpose) DO UPDATE SET state = excluded.state, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at`,
      )
      .run(token, purpose, state, actor, new Date().toISOString());
  }

  consentOf(subjectId: string): ConsentRecord[] {
    const rows = this.parts.db.prepare('SELECT purpose, state, recorded_by, recorded_at FROM consent WHERE subject = ? ORDER BY purpose').all(this.token(subjectId)) as {
      purpose: string;
      state: 'given' | 'withdrawn';
      recorded_by: string;
      recorded_at: string;
    }[];
    return rows.map((r) => ({ purpose: r.purpose, state: r.state, recordedBy: r.recorded_by, recordedAt: r.recorded_at }));
  }

  /** Why processing this subject's record is refused, or undefined when consent is on record. */
  consentRefusal(subjectId: string, purpose = DEFAULT_CONSENT_PURPOSE): string | undefined {
    const token = this.token(subjectId);
    const erased = this.#erasure(token);
    if (erased) return `the subject was erased at ${erased.erased_at}`;
    const consent = this.consentOf(subjectId).find((c) => c.purpose === purpose);
    if (!consent) return 'no consent is on record for this purpose';
    if (consent.state === 'withdrawn') return `consent was withdrawn at ${consent.recordedAt}`;
    return undefined;
  }

  /** Refuses (and records the refusal of) a record whose subject has not consented to `purpose`. */
  async requireConsent(subjectId: string, options: { actor?: string; purpose?: string } = {}): Promise<void> {
    const purpose = options.purpose ?? DEFAULT_CONSENT_PURPOSE;
    const refusal = this.consentRefusal(subjectId, purpose);
    if (refusal === undefined) return;
    await this.parts.audit.append({
      actor: options.actor ?? 'airlock/governance',
      action: 'governance.gdpr.consent-refused',
      subject: this.token(subjectId),
      outcome: 'refused',
      fields: { purpose, reason: refusal },
    });
    throw new ConsentMissingError(subjectId, purpose, refusal);
  }

  // ——— subject data ———

  #subjectKey(token: string, create: boolean): string | undefined {
    const existing = this.parts.envelope.findDataKey(SUBJECT_KEY_PURPOSE, token);
    return existing ?? (create ? this.parts.envelope.createDataKey(SUBJECT_KEY_PURPOSE, token) : undefined);
  }

  #ad(token: string, recordId: string): Uint8Array {
    return bindingAd({ tenant: this.parts.tenantId, purpose: 'gdpr-subject-record', version: 1, item: `${token}/${recordId}` });
  }

  /** Stores a record about a subject, sealed under the subject's own data key. Needs consent. */
  async storeRecord(actor: string, subjectId: string, kind: string, content: string): Promise<string> {
    await this.requireConsent(subjectId, { actor });
    const token = this.token(subjectId);
    const id = `rec_${randomBytes(12).toString('hex')}`;
    const dek = this.#subjectKey(token, true) as string;
    const sealed = this.parts.envelope.encrypt(dek, utf8(content), this.#ad(token, id));
    await this.parts.audit.append({ actor, action: 'governance.gdpr.record', subject: token, outcome: 'stored', fields: { record: id, kind }, payload: sealed });
    this.parts.db.prepare('INSERT INTO gov_subject_records (id, subject, kind, sealed, created_at) VALUES (?, ?, ?, ?, ?)').run(id, token, kind, sealed, new Date().toISOString());
    return id;
  }

  readRecords(subjectId: string): { id: string; kind: string; content: string; createdAt: string }[] {
    const token = this.token(subjectId);
    const erased = this.#erasure(token);
    if (erased) throw new SubjectErasedError(subjectId, erased.erased_at);
    const rows = this.parts.db.prepare('SELECT id, kind, sealed, created_at FROM gov_subject_records WHERE subject = ? ORDER BY created_at, id').all(token) as {
      id: string;
      kind: string;
      sealed: Uint8Array;
      created_at: string;
    }[];
    if (rows.length === 0) return [];
    const dek = this.#subjectKey(token, false);
    if (!dek) throw new SubjectErasedError(subjectId, 'an unknown time (its data key is gone)');
    return rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      content: fromUtf8(this.parts.envelope.decrypt(dek, r.sealed, this.#ad(token, r.id), `record ${r.id} of a data subject`)),
      createdAt: r.created_at,
    }));
  }

  /** Links a field-encrypted content item (e.g. a report) to the subject, so erasure shreds it too. */
  linkItem(subjectId: string, itemId: string): void {
    this.parts.db.prepare("INSERT OR IGNORE INTO gov_subject_links (subject, kind, ref) VALUES (?, 'field-item', ?)").run(this.token(subjectId), itemId);
  }

  /** Links an audit entry whose payload concerns the subject, so erasure drops that payload. */
  linkAuditEntry(subjectId: string, seq: number): void {
    if (!this.parts.payloads) throw new RangeError('audit payloads cannot be linked: this GDPR pack was opened without the audit log\'s payload shredder');
    this.parts.db.prepare("INSERT OR IGNORE INTO gov_subject_links (subject, kind, ref) VALUES (?, 'audit-seq', ?)").run(this.token(subjectId), String(seq));
  }

  #links(token: string, kind: 'field-item' | 'audit-seq'): string[] {
    return (this.parts.db.prepare('SELECT ref FROM gov_subject_links WHERE subject = ? AND kind = ? ORDER BY ref').all(token, kind) as { ref: string }[]).map((r) => r.ref);
  }

  /** Article 15/20 export: consent history and every readable record, as data. Recorded. */
  async exportSubject(actor: string, subjectId: string): Promise<SubjectExport> {
    await this.parts.authorizer.enforce(actor, 'subject.export');
    const token = this.token(subjectId);
    const result: SubjectExport = {
      subjectToken: token,
      consent: this.consentOf(subjectId),
      records: this.readRecords(subjectId),
      linkedItems: this.#links(token, 'field-item'),
      linkedAuditEntries: this.#links(token, 'audit-seq').map(Number),
    };
    await this.parts.audit.append({ actor, action: 'governance.gdpr.export', subject: token, outcome: 'ok', fields: { records: String(result.records.length) } });
    return result;
  }

  /**
   * Article 17 erasure by crypto-shredding. Needs admin and step-up. The intent is on the audit log
   * before anything is destroyed; the outcome after.
   */
  async eraseSubject(actor: string, subjectId: string, passphrase: string): Promise<ErasureReport> {
    await this.parts.authorizer.enforce(actor, 'subject.erase', {}, { passphrase });
    const token = this.token(subjectId);
    const already = this.#erasure(token);
    if (already) throw new SubjectErasedError(subjectId, already.erased_at);
    const items = this.#links(token, 'field-item');
    const seqs = this.#links(token, 'audit-seq').map(Number);
    await this.parts.audit.append({ actor, action: 'governance.gdpr.erasure', subject: token, outcome: 'started', fields: { items: String(items.length), auditPayloads: String(seqs.length) } });

    let keysDestroyed = 0;
    const subjectKey = this.#subjectKey(token, false);
    if (subjectKey && this.parts.envelope.shredDataKey(subjectKey)) keysDestroyed++;
    for (const item of items) keysDestroyed += this.parts.fieldEncryption.shredItem(item);
    const records = (this.parts.db.prepare('SELECT count(*) AS n FROM gov_subject_records WHERE subject = ?').get(token) as { n: number }).n;
    this.parts.db.transaction(() => {
      this.parts.db.prepare('DELETE FROM consent WHERE subject = ?').run(token);
      this.parts.db.prepare('INSERT INTO gov_erasures (subject, erased_by, erased_at, keys_destroyed) VALUES (?, ?, ?, ?)').run(token, actor, new Date().toISOString(), keysDestroyed);
    })();
    let shredded = 0;
    for (const seq of seqs) {
      if (!this.parts.payloads) break;
      await this.parts.payloads.shredPayload(seq, actor);
      shredded++;
    }
    // The deleted key rows were overwritten in the database (secure_delete); push them out of the WAL too.
    this.parts.db.pragma('wal_checkpoint(TRUNCATE)');
    await this.parts.audit.append({
      actor,
      action: 'governance.gdpr.erasure',
      subject: token,
      outcome: 'completed',
      fields: { keysDestroyed: String(keysDestroyed), auditPayloads: String(shredded), records: String(records) },
    });
    return { subjectToken: token, keysDestroyed, auditPayloadsShredded: shredded, recordsMadeUnreadable: records };
  }
}
