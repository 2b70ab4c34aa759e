/**
 * The audit verifier recomputes each gateway call's pipeline hash from the stage verdicts in its
 * payload (reference 002: "a skipped stage is detectable by the audit verifier"). A record whose
 * stage list is complete but whose hash was not computed over the verdicts it carries (a stage
 * skipped, or a verdict changed after it was hashed) fails, in the appliance's verifier and in a
 * bundle exported with payloads. Real governed tenant, real gateway, real audit log and bundle.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBundle } from '../../../main/audit/bundle/export.ts';
import { verifyBundle } from '../../../main/audit/bundle/verify.ts';
import { REQUIRED_GATEWAY_STAGES } from '../../../main/audit/gateway-stages.ts';
import { pipelineHashOf } from '../../../main/gateway/pipeline.ts';
import type { StageVerdict } from '../../../main/gateway/stage.ts';
import { close, gatewayFixture, verify, type GatewayFixture } from './helpers.ts';

const ask = (content: string) => ({ actor: 'ann', agent: 'triage', messages: [{ role: 'user' as const, content }], maxTokens: 32 });

let f: GatewayFixture | undefined;
afterEach(async () => {
  if (f) await close(f);
  f = undefined;
});

/** A gateway call record written straight to the log, as a faulty (or subverted) stage 10 might. */
async function crafted(fixture: GatewayFixture, verdicts: readonly StageVerdict[], pipelineHash: string, options: { outcome?: string; outcomesField?: boolean } = {}): Promise<number> {
  const { seq } = await fixture.tenant.audit.recordGatewayCall({
    actor: 'ann',
    subject: 'crafted-call',
    outcome: options.outcome ?? 'ok',
    pipelineHash,
    stages: [...REQUIRED_GATEWAY_STAGES],
    fields: options.outcomesField === false ? {} : { verdicts: verdicts.map((v) => v.outcome).join(',') },
    payload: JSON.stringify({ callId: 'crafted-call', verdicts }),
  });
  return seq;
}

describe('the verifier recomputes pipeline hashes from the recorded verdicts', () => {
  it('recomputes the hash of every real call, in the appliance and in a bundle with payloads', async () => {
    f = await gatewayFixture();
    await f.gateway.call(ask('first call'));
    await f.gateway.call(ask('second call, email ann@example.com'));
    const result = await verify(f);
    expect(result.ok).toBe(true);
    expect(result.gatewayCallsVerified).toBe(2);
    expect(result.pipelineHashesRecomputed).toBe(2);

    const dir = join(mkdtempSync(join(tmpdir(), 'airlock-pipeline-bundle-')), 'bundle');
    const exported = await exportBundle(f.tenant.audit, { out: dir, withPayloads: true });
    const report = verifyBundle(dir, exported.fingerprint);
    expect(report.ok).toBe(true);
    expect(report.pipelineHashesRecomputed).toBe(2);
  });

  it('fails a record whose verdict was changed after the hash was taken', async () => {
    f = await gatewayFixture();
    const real = await f.gateway.call(ask('an ordinary call'));
    const verdicts = real.verdicts.map((v) => ({ ...v, detail: { ...v.detail } }));
    const hash = pipelineHashOf(verdicts);
    // The injection stage now says it found nothing to report, under the hash of what it did say.
    const altered = verdicts.map((v) => (v.stage === 'prompt-injection' ? { ...v, detail: { ...v.detail, findings: 99 } } : v));
    const seq = await crafted(f, altered, hash);
    const result = await verify(f);
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ seq, kind: 'incomplete-pipeline' });
    expect(result.failure?.message).toMatch(/pipeline hash does not match its recorded stage verdicts/);
  });

  it('fails a record that lists all ten stages but carries the verdicts of nine', async () => {
    f = await gatewayFixture();
    const real = await f.gateway.call(ask('an ordinary call'));
    const nine = real.verdicts.filter((v) => v.stage !== 'output-validation');
    const seq = await crafted(f, nine, pipelineHashOf(nine)); // hash consistent with the nine: only the stage list lies
    const result = await verify(f);
    expect(result.failure).toMatchObject({ seq, kind: 'incomplete-pipeline' });
    expect(result.failure?.message).toMatch(/payload's stages .* differ from the entry's/);
  });

  it.each([
    ['recorded ok while a stage blocked', (v: StageVerdict) => (v.stage === 'prompt-injection' ? { ...v, outcome: 'block' as const } : v), {}, /recorded ok, but its verdicts show a stage that blocked/],
    ['recorded ok while a stage did not run', (v: StageVerdict) => (v.stage === 'output-validation' ? { ...v, outcome: 'not-run' as const } : v), {}, /recorded ok, but its verdicts show a stage that blocked or did not run/],
    ['recorded blocked while no stage blocked', (v: StageVerdict) => v, { outcome: 'blocked' }, /recorded blocked, but none of its verdicts blocked/],
    ['missing the outcomes field', (v: StageVerdict) => v, { outcomesField: false }, /outcomes .* differ from the entry's \(none\)/],
  ])('fails a record %s, though its hash is consistent with its verdicts', async (_what, change, options, message) => {
    f = await gatewayFixture();
    const real = await f.gateway.call(ask('an ordinary call'));
    const verdicts = real.verdicts.map(change);
    const seq = await crafted(f, verdicts, pipelineHashOf(verdicts), options);
    const result = await verify(f);
    expect(result.failure).toMatchObject({ seq, kind: 'incomplete-pipeline' });
    expect(result.failure?.message).toMatch(message);
  });

  it('accepts a record built like stage 10 builds it, so the checks above are not vacuous', async () => {
    f = await gatewayFixture();
    const real = await f.gateway.call(ask('an ordinary call'));
    await crafted(f, real.verdicts, pipelineHashOf(real.verdicts));
    const result = await verify(f);
    expect(result.ok).toBe(true);
    expect(result.pipelineHashesRecomputed).toBe(2);
  });

  it('passes a call whose payload was crypto-shredded, and says its hash was not recomputed', async () => {
    f = await gatewayFixture();
    const real = await f.gateway.call(ask('to be shredded'));
    await f.tenant.audit.shredPayload(real.auditSeq, 'erin');
    const result = await verify(f);
    expect(result.ok).toBe(true);
    expect(result.pipelineHashesRecomputed).toBe(0);
    expect(result.notes.join('\n')).toMatch(/1 gateway call\(s\) not checked against their stage verdicts/);
  });
});
