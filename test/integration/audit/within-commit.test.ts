import { afterEach, describe, expect, it } from 'vitest';
import { AuditWriteError } from '../../../main/audit/log.ts';
import { verifyAuditDatabase } from '../../../main/audit/verify.ts';
import { recomputePipelineHash, REQUIRED_GATEWAY_STAGES } from '../../../main/audit/gateway-stages.ts';
import { appendPreCall, openLog, passingVerdicts, TENANT, withPreCallSeq, type OpenedLog } from './helpers.ts';

const opened: OpenedLog[] = [];
function track(o: OpenedLog): OpenedLog {
  opened.push(o);
  o.db.exec('CREATE TABLE IF NOT EXISTS side_rows (tag TEXT NOT NULL)');
  return o;
}
afterEach(() => {
  for (const o of opened.splice(0)) if (o.db.open) o.db.close();
});

const tags = (o: OpenedLog): string[] => (o.db.prepare('SELECT tag FROM side_rows ORDER BY rowid').all() as { tag: string }[]).map((r) => r.tag);
const entryCount = (o: OpenedLog): number => (o.db.prepare('SELECT count(*) AS n FROM audit_entries').get() as { n: number }).n;

describe('AuditLog withinCommit', () => {
  it("commits the caller's rows in the entry's own transaction, under the write lock, before the entry", async () => {
    const o = track(openLog());
    const before = o.log.commits;
    let sizeSeen = -1;
    const result = await o.log.append(
      { actor: 'u', action: 'a.b' },
      {
        withinCommit: (db) => {
          expect(db).toBe(o.db);
          expect(db.inTransaction).toBe(true);
          sizeSeen = entryCount(o);
          db.prepare('INSERT INTO side_rows (tag) VALUES (?)').run('with-entry');
        },
      },
    );
    expect(o.log.commits - before).toBe(1);
    expect(sizeSeen).toBe(result.seq); // the entry was not yet written when the hook ran
    expect(tags(o)).toEqual(['with-entry']);
  });

  it('rejects only the item whose hook throws, rolls back its rows, and commits the rest of the batch', async () => {
    const o = track(openLog());
    // The call's pre-call entry (stage 5) comes first, in its own commit, as the gateway writes it.
    const preSeq = await appendPreCall(o.log, 'call-3', passingVerdicts(), { actor: 'u' });
    const verdicts = withPreCallSeq(passingVerdicts(), preSeq);
    const before = o.log.commits;
    const insert = (tag: string) => (db: typeof o.db) => void db.prepare('INSERT INTO side_rows (tag) VALUES (?)').run(tag);
    const refusal = new RangeError('over budget');
    const outcomes = await Promise.allSettled([
      o.log.append({ actor: 'u', action: 'a.b', subject: '1' }, { withinCommit: insert('first') }),
      o.log.append(
        { actor: 'u', action: 'a.b', subject: '2' },
        {
          withinCommit: (db) => {
            insert('half-written')(db);
            throw refusal;
          },
        },
      ),
      o.log.recordGatewayCall(
        {
          actor: 'u',
          subject: 'call-3',
          outcome: 'ok',
          pipelineHash: recomputePipelineHash(verdicts),
          stages: [...REQUIRED_GATEWAY_STAGES],
          fields: { verdicts: verdicts.map((v) => v.outcome).join(','), preCallSeq: String(preSeq) },
          payload: JSON.stringify({ callId: 'call-3', verdicts }),
        },
        { withinCommit: insert('third') },
      ),
      o.log.append({ actor: 'u', action: 'a.b', subject: '4' }),
    ]);
    expect(outcomes.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect(outcomes[1]?.status === 'rejected' && outcomes[1].reason).toBe(refusal);
    expect(o.log.commits - before).toBe(1);
    expect(tags(o)).toEqual(['first', 'third']);
    const seqs = outcomes.flatMap((r) => (r.status === 'fulfilled' ? [r.value.seq] : []));
    expect(seqs).toEqual([preSeq + 1, preSeq + 2, preSeq + 3]); // no gap where the refused item would have been
    expect(verifyAuditDatabase(o.db, { tenant: TENANT, epochZeroKey: o.epochZeroKey }).ok).toBe(true);
  });

  it("rolls back the hook's rows with a malformed event, which fails alone", async () => {
    const o = track(openLog());
    const outcomes = await Promise.allSettled([
      o.log.append({ actor: 'u', action: 'audit.log.create' }, { withinCommit: (db) => void db.prepare("INSERT INTO side_rows (tag) VALUES ('orphan')").run() }),
      o.log.append({ actor: 'u', action: 'a.b' }, { withinCommit: (db) => void db.prepare("INSERT INTO side_rows (tag) VALUES ('kept')").run() }),
    ]);
    expect(outcomes.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
    expect(tags(o)).toEqual(['kept']);
  });

  it("fails closed: when the batch cannot commit, every item rejects and no hook's rows remain", async () => {
    const o = track(openLog());
    const sizeBefore = o.log.size;
    o.db.exec("CREATE TEMP TRIGGER disk_full BEFORE INSERT ON audit_entries WHEN NEW.seq >= 2 BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 4 }, (_, i) => o.log.append({ actor: 'u', action: 'a.b', subject: String(i) }, { withinCommit: (db) => void db.prepare('INSERT INTO side_rows (tag) VALUES (?)').run(`t${i}`) })),
    );
    expect(outcomes.every((r) => r.status === 'rejected' && r.reason instanceof AuditWriteError)).toBe(true);
    expect(tags(o)).toEqual([]);
    expect(o.log.size).toBe(sizeBefore);
    o.db.exec('DROP TRIGGER disk_full');
    await o.log.append({ actor: 'u', action: 'a.b' }, { withinCommit: (db) => void db.prepare("INSERT INTO side_rows (tag) VALUES ('after')").run() });
    expect(tags(o)).toEqual(['after']);
    expect(verifyAuditDatabase(o.db, { tenant: TENANT, epochZeroKey: o.epochZeroKey }).ok).toBe(true);
  });
});
