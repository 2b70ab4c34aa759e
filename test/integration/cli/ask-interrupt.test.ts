/**
 * `airlock ask` stopped while the answer streams: by a kill switch engaged from another process,
 * by Ctrl-C or SIGTERM, by a reader that closes the pipe. The provider is real (a loopback
 * OpenAI-compatible server streaming slowly); each stop ends with the call recorded and billed
 * for what it used, and no budget reservation left open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openAppliance } from '../../../main/appliance.ts';
import { TEST_KDF } from '../governance/helpers.ts';
import { askSite, gatewayCallEntry, PASS, readTenant, slowModelServer, spawnAirlock, until, writeManifest, type AskSite, type SlowModelServer } from './ask-support.ts';

const SLOW = { pieces: Array.from({ length: 200 }, (_, i) => `word${i} `), delayMs: 40 };

let site: AskSite;
let server: SlowModelServer;
let manifest: string;

beforeAll(async () => {
  site = await askSite();
  server = await slowModelServer(SLOW);
  manifest = writeManifest(site.root, server.baseUrl);
}, 60_000);
afterAll(async () => {
  await server.close();
  site.remove();
});

const ask = (...extra: string[]): string[] => ['ask', ...site.unlock('alice'), '--manifest', manifest, '--max-tokens', '256', ...extra];

describe('airlock ask, stopped in flight', () => {
  it('is stopped by a kill switch engaged from another process and the call is recorded blocked', async () => {
    const running = spawnAirlock(ask('--team', 'blue', 'Tell me a long story'), [PASS.alice as string]);
    await server.firstPieceSent();
    const engage = spawnAirlock(['kill', 'engage', '--scope', 'team', '--id', 'blue', '--reason', 'drill', ...site.unlock('erin')], [PASS.erin as string]);
    expect((await engage.exit).code, engage.err()).toBe(0);
    const { code } = await running.exit;
    expect(code, running.err()).toBe(3);
    expect(running.err()).toMatch(/Refused: the team kill switch for team "blue" was engaged by erin/);
    expect(running.out()).not.toContain('word199');
    const { entries, openReservations } = await readTenant(site);
    expect(gatewayCallEntry(entries)).toMatchObject({ outcome: 'blocked', fields: { blockedBy: 'KILL_SWITCH_ENGAGED' } });
    expect(openReservations).toBe(0);
  }, 30_000);

  it('names the audit entry of a refusal at admission under the engaged switch', async () => {
    const refused = spawnAirlock(ask('--team', 'blue', 'Anything'), [PASS.alice as string]);
    const { code } = await refused.exit;
    expect(code, refused.err()).toBe(3);
    const seq = /Refused: the team kill switch for team "blue".*\(audit seq (\d+)\)/s.exec(refused.err())?.[1];
    expect(seq, refused.err()).toBeDefined();
    const { entries } = await readTenant(site);
    expect(entries.find((e) => e.seq === Number(seq))).toMatchObject({ action: 'governance.kill.refused', outcome: 'refused', fields: { team: 'blue' } });
  }, 30_000);

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('on %s records the call as aborted, bills it, leaves no reservation open and exits %i', async (signal, exitCode) => {
    const running = spawnAirlock(ask('--stream', 'Tell me a long story'), [PASS.alice as string]);
    await running.firstOutput();
    running.child.kill(signal);
    const { code } = await running.exit;
    expect(code, running.err()).toBe(exitCode);
    expect(running.err()).toMatch(/airlock ask: interrupted; recording the call/);
    expect(running.err()).toMatch(new RegExp(`interrupted \\(${signal}\\): The call was cancelled by its caller.*\\(audit seq \\d+\\)`));
    // The user stopped it: the streamed text is cut short, not refused.
    expect(running.err()).toMatch(/\[INTERRUPTED: the call was stopped, so the text above is incomplete/);
    expect(running.err()).not.toMatch(/WITHDRAWN/);
    const { entries, openReservations } = await readTenant(site);
    expect(gatewayCallEntry(entries)).toMatchObject({ outcome: 'blocked', fields: { blockedBy: 'GATEWAY_CALL_ABORTED' } });
    expect(openReservations).toBe(0);
  }, 30_000);

  it('stops quietly when the reader closes the pipe (ask | head -c 10): no stack, the call recorded as aborted', async () => {
    const running = spawnAirlock(ask('--stream', 'Tell me a long story'), [PASS.alice as string]);
    await running.firstOutput();
    running.child.stdout?.destroy();
    const { code } = await running.exit;
    expect(code, running.err()).toBe(141);
    expect(running.err()).toMatch(/standard output was closed \(EPIPE\), so the call was stopped/);
    expect(running.err()).not.toMatch(/\n\s+at |unexpected failure|Unhandled/);
    const { entries, openReservations } = await readTenant(site);
    expect(gatewayCallEntry(entries)).toMatchObject({ outcome: 'blocked', fields: { blockedBy: 'GATEWAY_CALL_ABORTED' } });
    expect(openReservations).toBe(0);
  }, 30_000);

  it('still records the call when stderr is closed and Ctrl-C comes (2>&1 | head): no crash, exit 130', async () => {
    const running = spawnAirlock(ask('--stream', 'Tell me a long story'), [PASS.alice as string]);
    await running.firstOutput();
    running.child.stderr?.destroy();
    running.child.kill('SIGINT');
    const { code } = await running.exit;
    expect(code).toBe(130);
    const { entries, openReservations } = await readTenant(site);
    expect(gatewayCallEntry(entries)).toMatchObject({ outcome: 'blocked', fields: { blockedBy: 'GATEWAY_CALL_ABORTED' } });
    expect(openReservations).toBe(0);
  }, 30_000);

  it('exits 141 naming the audit seq when the held answer could not be written (ask | reader that left)', async () => {
    server.script = { pieces: ['short ', 'answer'], delayMs: 100 };
    try {
      for (const extra of [[], ['--json']]) {
        const running = spawnAirlock(ask(...extra, 'Say something short'), [PASS.alice as string]);
        running.child.stdout?.destroy();
        const { code } = await running.exit;
        expect(code, running.err()).toBe(141);
        const seq = /airlock: standard output was closed; the answer was not delivered \(audit seq (\d+)\)\n$/.exec(running.err())?.[1];
        expect(seq, running.err()).toBeDefined();
        expect(running.err()).not.toMatch(/\bstage\b.*\bverdict\b/);
        const { entries } = await readTenant(site);
        expect(entries.find((e) => e.seq === Number(seq))).toMatchObject({ action: 'gateway.call', outcome: 'ok' });
      }
    } finally {
      server.script = SLOW;
    }
  }, 30_000);

  it('on a signal while the finished call is being recorded, keeps the answer, says it was recorded and exits 130', async () => {
    server.script = { pieces: ['all ', 'done'], delayMs: 300 };
    // Holding the tenant's write lock keeps the CLI in stage 10 (recording) after the model has answered.
    const appliance = openAppliance(site.data, { kdf: TEST_KDF });
    const tenant = await appliance.unlockTenant('acme', 'alice', PASS.alice as string);
    try {
      const before = server.completed;
      const asked = server.prompts.length;
      const running = spawnAirlock(ask('Say all done'), [PASS.alice as string]);
      // The pre-call entry is written before the model is asked: the lock taken now stops only the record.
      await until(() => server.prompts.length > asked, 'the model to be asked');
      tenant.db.exec('BEGIN IMMEDIATE');
      try {
        await until(() => server.completed > before, 'the model to answer');
        // Long enough for the CLI to reach the record (stages 7–9 are quick), well inside its 5 s busy wait.
        await new Promise((resolve) => setTimeout(resolve, 600));
        running.child.kill('SIGINT');
        await new Promise((resolve) => setTimeout(resolve, 200));
      } finally {
        tenant.db.exec('ROLLBACK');
      }
      const { code } = await running.exit;
      expect(code, running.err()).toBe(130);
      expect(running.out()).toBe('all done\n');
      const seq = /interrupted \(SIGINT\), but the call had already completed; recorded as audit seq (\d+)/.exec(running.err())?.[1];
      expect(seq, running.err()).toBeDefined();
      const { entries, openReservations } = await readTenant(site);
      expect(entries.find((e) => e.seq === Number(seq))).toMatchObject({ action: 'gateway.call', outcome: 'ok' });
      expect(openReservations).toBe(0);
    } finally {
      await tenant.close();
      appliance.close();
      server.script = SLOW;
    }
  }, 30_000);
});
