import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalVerdict, GATEWAY_STAGE_MODULES, Gateway, pipelineHashOf, PIPELINE_GENESIS, type StageVerdict } from '../../../../main/gateway/index.ts';

const v = (stage: StageVerdict['stage'], outcome: StageVerdict['outcome'] = 'pass', detail: StageVerdict['detail'] = {}): StageVerdict => ({ stage, outcome, detail, ms: 0.5 });

describe('pipeline hash', () => {
  it('is h_i = SHA-256(h_{i-1} || canonical(verdict_i)) from h_0 = SHA-256("airlock gateway pipeline v1")', () => {
    expect(PIPELINE_GENESIS).toBe(createHash('sha256').update('airlock gateway pipeline v1').digest('hex'));
    const a = v('budget', 'pass', { z: 1, a: 'x' });
    const b = v('prompt-injection', 'flag');
    const h1 = createHash('sha256').update(Buffer.from(PIPELINE_GENESIS, 'hex')).update('{"detail":{"a":"x","z":1},"ms":0.5,"outcome":"pass","stage":"budget"}').digest('hex');
    const h2 = createHash('sha256').update(Buffer.from(h1, 'hex')).update(canonicalVerdict(b)).digest('hex');
    expect(pipelineHashOf([a, b])).toBe(h2);
  });
  it('changes when a verdict is dropped, reordered or altered', () => {
    const all = GATEWAY_STAGE_MODULES.map((s) => v(s.name));
    const full = pipelineHashOf(all);
    expect(pipelineHashOf(all.filter((x) => x.stage !== 'prompt-injection'))).not.toBe(full);
    expect(pipelineHashOf([all[1] as StageVerdict, all[0] as StageVerdict, ...all.slice(2)])).not.toBe(full);
    expect(pipelineHashOf(all.map((x, i) => (i === 3 ? { ...x, outcome: 'flag' as const } : x)))).not.toBe(full);
  });
  it('refuses a gateway whose stage list is not the ten of reference 002 in order', () => {
    const swapped = [GATEWAY_STAGE_MODULES[1], GATEWAY_STAGE_MODULES[0], ...GATEWAY_STAGE_MODULES.slice(2)].filter((s) => s !== undefined);
    const options = { tenant: {} as never, audit: {} as never, governance: {} as never, providers: () => Promise.reject(new Error('unused')), pricing: () => ({ input: 0, output: 0 }) };
    expect(() => new Gateway({ ...options, stages: swapped })).toThrow(/in that order/);
    expect(() => new Gateway({ ...options, stages: GATEWAY_STAGE_MODULES.slice(0, 9) })).toThrow(/in that order/);
  });
});
