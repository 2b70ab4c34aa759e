/**
 * main/cli/airlock.mjs started by an older system Node (the machines we ship to run Node 20)
 * re-runs the CLI on the bundled Node 22. It must pass signals on to that child and end as the
 * child ends, or a SIGTERM orphans an `ask` in flight, which then completes its call.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { askSite, gatewayCallEntry, PASS, readTenant, slowModelServer, spawnAirlock, writeManifest, type AskSite, type SlowModelServer } from './ask-support.ts';

const SYSTEM_NODE = '/usr/bin/node';

let site: AskSite;
let server: SlowModelServer;
let manifest: string;

beforeAll(async () => {
  site = await askSite();
  server = await slowModelServer({ pieces: Array.from({ length: 200 }, (_, i) => `word${i} `), delayMs: 40 });
  manifest = writeManifest(site.root, server.baseUrl);
}, 60_000);
afterAll(async () => {
  await server.close();
  site.remove();
});

/** The wrapper's child (the bundled Node), once it has been started. */
async function childOf(pid: number): Promise<number> {
  for (;;) {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    if (children !== '') return Number(children.split(' ')[0]);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('airlock.mjs on an older Node', () => {
  it('has an older system Node to start it with', () => {
    const version = execFileSync(SYSTEM_NODE, ['--version'], { encoding: 'utf8' });
    expect(Number(/^v(\d+)\./.exec(version)?.[1])).toBeLessThan(22);
  });

  it('passes SIGTERM on to the child: the ask in flight records the call as aborted, and the wrapper exits 143', async () => {
    const running = spawnAirlock(['ask', ...site.unlock('alice'), '--manifest', manifest, '--max-tokens', '256', '--stream', 'Tell me a long story'], [PASS.alice as string], { node: SYSTEM_NODE });
    await running.firstOutput();
    running.child.kill('SIGTERM');
    const { code } = await running.exit;
    expect(code, running.err()).toBe(143);
    const { entries, openReservations } = await readTenant(site);
    expect(gatewayCallEntry(entries)).toMatchObject({ outcome: 'blocked', fields: { blockedBy: 'GATEWAY_CALL_ABORTED' } });
    expect(openReservations).toBe(0);
  }, 30_000);

  it('dies of the signal that killed its child, not exit 1', async () => {
    const running = spawnAirlock(['ask', ...site.unlock('alice'), '--manifest', manifest, 'hello'], [], { node: SYSTEM_NODE, keepStdinOpen: true });
    process.kill(await childOf(running.child.pid as number), 'SIGHUP');
    expect(await running.exit).toEqual({ code: null, signal: 'SIGHUP' });
  }, 30_000);

  it('passes SIGQUIT on too: the wrapper ends only when its child has', async () => {
    const running = spawnAirlock(['ask', ...site.unlock('alice'), '--manifest', manifest, '--max-tokens', '256', '--stream', 'Tell me a long story'], [PASS.alice as string], { node: SYSTEM_NODE });
    await running.firstOutput();
    const child = await childOf(running.child.pid as number);
    running.child.kill('SIGQUIT');
    expect(await running.exit).toEqual({ code: null, signal: 'SIGQUIT' });
    expect(existsSync(`/proc/${child}`)).toBe(false);
  }, 30_000);

  it('ends by SIGHUP, not exit 129, when its child recorded a hung-up call and exited 129', async () => {
    const running = spawnAirlock(['ask', ...site.unlock('alice'), '--manifest', manifest, '--max-tokens', '256', '--stream', 'Tell me a long story'], [PASS.alice as string], { node: SYSTEM_NODE });
    await running.firstOutput();
    process.kill(await childOf(running.child.pid as number), 'SIGHUP');
    expect(await running.exit).toEqual({ code: null, signal: 'SIGHUP' });
    expect(running.err()).toMatch(/interrupted \(SIGHUP\): The call was cancelled by its caller/);
  }, 30_000);
});
