/**
 * Team and agent ids stored before governance had one spelling for them (de2b77f), written straight
 * into the tables as an older Airlock did: opening governance renames them to the spelling calls
 * carry (a kill on `Claims` stops a call for `claims`, a stricter budget for `Claims` binds
 * `claims`), says so on the audit log once, and leaves rows it cannot rename visible and removable.
 */
import { describe, expect, it } from 'vitest';
import { rmSync } from 'node:fs';
import { KillSwitchEngaged } from '../../../main/governance/errors.ts';
import { runAirlock } from '../../support/airlock-cli.ts';
import { EchoProvider, gatewayFixture } from '../gateway/helpers.ts';
import { close, entries, governedTenant, PASS, restart, type GovernedTenant } from './helpers.ts';

const ACTION = 'governance.ids.canonicalise';

function legacyKill(t: GovernedTenant, scope: string, target: string, engagement: string, at: string, votes: string[] = []): void {
  t.tenant.db
    .prepare('INSERT INTO gov_kill_switches (scope, target, engagement, engaged_by, engaged_at, reason) VALUES (?, ?, ?, ?, ?, ?)')
    .run(scope, target, engagement, 'erin', at, 'runaway');
  for (const user of votes) t.tenant.db.prepare('INSERT INTO gov_kill_release_votes (engagement, user, voted_at) VALUES (?, ?, ?)').run(engagement, user, at);
}

function legacyPolicy(t: GovernedTenant, level: string, scope: string, dimension: string, value: string, at = '2026-11-01T00:00:00.000Z'): void {
  t.tenant.db.prepare('INSERT INTO gov_policy (level, scope, dimension, value, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?)').run(level, scope, dimension, value, 'alice', at);
}

/** Reopens the appliance and governance (the migration runs at open) and waits for its audit entry. */
async function reopen(t: GovernedTenant): Promise<GovernedTenant> {
  const r = await restart(t);
  await r.governance.pendingAudit;
  return r;
}

const canonicalisations = (t: GovernedTenant) => entries(t).filter((e) => e.action === ACTION);

describe('a kill switch engaged on a team spelt "Claims" before the one spelling', () => {
  it('is renamed at open: it stops a gateway call for "claims", is on the audit log once, and a second open changes nothing', async () => {
    let t = await governedTenant();
    legacyKill(t, 'team', 'Claims', 'kill_legacy_team', '2026-11-01T00:00:00.000Z', ['frank']);
    legacyKill(t, 'agent', 'Triage', 'kill_legacy_agent', '2026-11-01T00:00:00.000Z');
    t = await reopen(t);
    expect(t.governance.kills.status().map((s) => [s.scope, s.target, s.engagement, s.releaseVotes])).toEqual([
      ['team', 'claims', 'kill_legacy_team', []],
      ['agent', 'triage', 'kill_legacy_agent', []],
    ]);
    expect(t.governance.kills.covering({ team: 'claims' })?.engagement).toBe('kill_legacy_team');
    expect(t.governance.kills.covering({ agent: 'triage' })?.engagement).toBe('kill_legacy_agent');
    const f = await gatewayFixture(new EchoProvider({ answer: () => 'an answer' }), {}, t);
    const stopped = await f.gateway.call({ actor: 'ann', team: 'claims', messages: [{ role: 'user', content: 'an ordinary question' }], maxTokens: 16 }).catch((e: unknown) => e);
    expect(stopped).toBeInstanceOf(KillSwitchEngaged);
    expect(f.provider.calls).toBe(0);

    const [entry, ...more] = canonicalisations(t);
    expect(more).toEqual([]);
    expect(entry?.fields).toMatchObject({ killsRenamed: '2', killsDropped: '0', votesDropped: '1', policyRenamed: '0', policyMerged: '0' });
    // frank's vote was cast on `Claims`, a switch that stopped nothing: it does not count toward releasing `claims`.
    expect(entry?.fields.releaseVotesDropped).toMatch(/^1 release vote on kill_legacy_team \(team:claims, kept\): cast before it was renamed$/);
    expect(entry?.fields.kills).toContain('team:Claims→claims');
    expect(entry?.fields.kills).toContain('agent:Triage→triage');

    // Reopening again: nothing to change, nothing written.
    const count = entries(t).length;
    t = await reopen(t);
    expect(t.governance.canonicalised).toBeUndefined();
    expect(entries(t).length).toBe(count + 1); // the unlock's own entry only
    expect(entries(t).at(-1)?.action).not.toBe(ACTION);
    expect(t.tenant.db.prepare('SELECT count(*) AS n FROM gov_pending_audit').get()).toEqual({ n: 0 });
    await close(t);
  });

  it('merged with an engagement on "claims": the earliest is kept, every vote on either dropped (two fresh approvers), and the log says so', async () => {
    let t = await governedTenant();
    legacyKill(t, 'team', 'claims', 'kill_later', '2026-11-02T00:00:00.000Z', ['erin']);
    legacyKill(t, 'team', 'Claims', 'kill_earlier', '2026-11-01T00:00:00.000Z', ['frank']);
    t = await reopen(t);
    expect(t.governance.kills.status().map((s) => [s.target, s.engagement, s.releaseVotes])).toEqual([['claims', 'kill_earlier', []]]);
    expect(t.tenant.db.prepare("SELECT count(*) AS n FROM gov_kill_release_votes WHERE engagement = 'kill_later'").get()).toEqual({ n: 0 });
    const [entry] = canonicalisations(t);
    expect(entry?.fields).toMatchObject({ killsRenamed: '1', killsDropped: '1', votesDropped: '1' });
    expect(entry?.fields.killsDroppedEngagements).toMatch(/kill_later \(team:claims, engaged by erin .*1 release vote dropped; kept kill_earlier\)/);
    expect(entry?.fields.releaseVotesDropped).toMatch(/1 release vote on kill_earlier \(team:claims, kept\): cast before it was merged/);
    // frank's old vote was to release `Claims`, which stopped nothing: one approver now releases nothing.
    expect(await t.governance.kills.release('erin', 'team', 'claims', PASS.erin as string)).toMatchObject({ released: false });
    expect(t.governance.kills.covering({ team: 'claims' })).toBeDefined();
    expect(await t.governance.kills.release('frank', 'team', 'claims', PASS.frank as string)).toMatchObject({ released: true });
    await close(t);
  });
});

describe('a policy level set for team "Claims" before the one spelling', () => {
  it('is renamed at open and binds "claims"; on a collision the more restrictive value is kept', async () => {
    let t = await governedTenant();
    legacyPolicy(t, 'team', 'Claims', 'budget.perCall', '0.001');
    legacyPolicy(t, 'team', 'claims', 'budget.perCall', '0.2', '2026-11-05T00:00:00.000Z');
    legacyPolicy(t, 'team', 'CLAIMS ', 'budget.perSession', '0.3');
    legacyPolicy(t, 'agent', 'Triage', 'budget.perCall', '0.002');
    t = await reopen(t);
    expect(t.governance.policy.resolve({ team: 'claims' })['budget.perCall']).toEqual({ value: 0.001, decidedBy: 'team' });
    expect(t.governance.policy.resolve({ team: 'claims' })['budget.perSession']).toEqual({ value: 0.3, decidedBy: 'team' });
    expect(t.governance.policy.resolve({ agent: 'triage' })['budget.perCall']).toEqual({ value: 0.002, decidedBy: 'agent' });
    expect(t.governance.policyStore.rows().map((r) => [r.level, r.scope, r.dimension, r.value])).toEqual([
      ['agent', 'triage', 'budget.perCall', '0.002'],
      ['team', 'claims', 'budget.perCall', '0.001'],
      ['team', 'claims', 'budget.perSession', '0.3'],
    ]);
    const [entry, ...more] = canonicalisations(t);
    expect(more).toEqual([]);
    expect(entry?.fields).toMatchObject({ killsRenamed: '0', policyRenamed: '3', policyMerged: '1' });
    expect(entry?.fields.policyMergedValues).toContain('team:claims budget.perCall kept 0.001');
    const count = entries(t).length;
    t = await reopen(t);
    expect(entries(t).length).toBe(count + 1);
    expect(canonicalisations(t)).toHaveLength(1);
    await close(t);
  });
});

describe('a stored id with no one spelling ("Claims Dept")', () => {
  it('is left as it is, listed, and can be released and cleared by its stored spelling, while new uses stay refused', async () => {
    let t = await governedTenant();
    legacyKill(t, 'team', 'Claims Dept', 'kill_odd', '2026-11-01T00:00:00.000Z');
    legacyPolicy(t, 'team', 'Claims Dept', 'budget.perCall', '0.001');
    const before = entries(t).length;
    t = await reopen(t);
    expect(t.governance.canonicalised).toBeUndefined();
    expect(entries(t).length).toBe(before + 1); // the unlock only: nothing changed, nothing said
    expect(t.governance.kills.status().map((s) => s.target)).toEqual(['Claims Dept']);
    expect(t.governance.policyStore.rows().map((r) => r.scope)).toEqual(['Claims Dept']);

    // New engagements and settings under that spelling are still refused.
    await expect(t.governance.kills.engage('erin', 'agent', 'Claims Dept')).rejects.toThrow(/lower-case id/);
    expect(() => t.governance.policyChanges.set('alice', { level: 'team', id: 'Claims Dept' }, 'budget.perCall', '0.0001')).toThrow(/lower-case id/);
    expect(() => t.governance.policyChanges.set('alice', { level: 'team', id: 'Claims Dept' }, 'budget.perSession', undefined)).toThrow(/lower-case id/);

    expect(await t.governance.kills.release('erin', 'team', 'Claims Dept', PASS.erin as string)).toMatchObject({ released: false });
    expect(await t.governance.kills.release('alice', 'team', 'Claims Dept', PASS.alice as string)).toMatchObject({ released: true });
    const cleared = await t.governance.policyChanges.set('erin', { level: 'team', id: 'Claims Dept' }, 'budget.perCall', undefined, { passphrase: PASS.erin as string });
    expect(cleared).toMatchObject({ before: '0.001', after: undefined });
    expect(t.governance.kills.status()).toEqual([]);
    expect(t.governance.policyStore.rows()).toEqual([]);
    await close(t);
  });
});

describe('the CLI with a stored id that has no one spelling', () => {
  it('policy show lists the stranded setting, kill status the switch, and both are removed by their stored spelling', async () => {
    const t = await governedTenant();
    legacyKill(t, 'team', 'Claims Dept', 'kill_odd', '2026-11-01T00:00:00.000Z');
    legacyPolicy(t, 'team', 'Claims Dept', 'budget.perCall', '0.001');
    await t.tenant.close();
    t.appliance.close();
    const airlock = (user: string, args: string[], stdin: string[]) => runAirlock([...args, '--data', t.dir, '--tenant', 'acme', '--user', user, '--passphrase-stdin'], stdin);
    const [alice, erin] = [PASS.alice as string, PASS.erin as string];
    try {
      const show = airlock('alice', ['policy', 'show'], [alice]);
      expect(show.code, show.err).toBe(0);
      expect(show.out).toMatch(/Stored settings under ids no call can carry/);
      expect(show.out).toMatch(/team\s+"Claims Dept"\s+budget\.perCall\s+0\.001/);
      expect(airlock('alice', ['kill', 'status'], [alice]).out).toMatch(/team\s+Claims Dept\s+erin/);
      const unset = airlock('erin', ['policy', 'set', '--level', 'team', '--id', 'Claims Dept', '--dimension', 'budget.perCall', '--unset'], [erin, erin]);
      expect(unset.code, unset.err).toBe(0);
      expect(airlock('alice', ['policy', 'show'], [alice]).out).not.toMatch(/Claims Dept/);
      expect(airlock('erin', ['kill', 'release', '--scope', 'team', '--id', 'Claims Dept'], [erin, erin]).out).toMatch(/Still ENGAGED/);
      expect(airlock('alice', ['kill', 'release', '--scope', 'team', '--id', 'Claims Dept'], [alice, alice]).out).toMatch(/RELEASED the team kill switch for Claims Dept/);
    } finally {
      rmSync(t.dir, { recursive: true, force: true });
    }
  }, 180_000);
});
