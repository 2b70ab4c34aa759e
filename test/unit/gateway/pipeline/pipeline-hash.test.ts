import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalVerdict, GATEWAY_STAGE_MODULES, Gateway, pipelineHashOf, PIPELINE_GENESIS, Trace, type StageVerdict } from '../../../../main/gateway/index.ts';
import { mulberry32 } from '../../../../models/seeded-random.ts';
import { recomputePipelineHash } from '../../../../main/audit/gateway-stages.ts';

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
  it('writes the same bytes as JSON.stringify of the key-sorted object, for any detail (index-like keys, escapes, unicode)', () => {
    const rand = mulberry32(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const keys = ['a', 'z', 'count.EMAIL', 'values', '7', '10', '0', 'é', 'quote"d', 'back\\slash', 'tab\t', '\u2028', 'B', '_'];
    const values: (string | number | boolean)[] = [0, -0, 1.5, 1e21, 1e-7, 0.1 + 0.2, -3, 2 ** 53 + 2, true, false, '', 'x', 'línea\n"dos"', '\u0000', '\ud83d\ude00'];
    for (let n = 0; n < 2000; n++) {
      const detail: Record<string, string | number | boolean> = {};
      for (let k = Math.floor(rand() * 6); k > 0; k--) detail[pick(keys)] = pick(values);
      const verdict = { stage: 'budget' as const, outcome: pick(['pass', 'flag', 'block'] as const), detail, ms: Math.round(rand() * 1e6) / 1000 };
      const sorted: Record<string, string | number | boolean> = {};
      for (const key of Object.keys(detail).sort()) sorted[key] = detail[key] as string | number | boolean;
      const expected = JSON.stringify({ detail: sorted, ms: verdict.ms, outcome: verdict.outcome, stage: verdict.stage });
      expect(canonicalVerdict(verdict)).toBe(expected);
    }
  });
  it('is recomputed by the audit verifier, from the verdicts as stored in the payload, to the same hash', () => {
    const rand = mulberry32(7);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const keys = ['a', 'z', 'count.EMAIL', '7', '10', '0', 'é', 'quote"d', '\u2028', 'B'];
    const values: (string | number | boolean)[] = [0, -0, 1.5, 1e21, 1e-7, 2 ** 53 + 2, true, false, '', 'línea\n"dos"', '\ud83d\ude00'];
    for (let n = 0; n < 300; n++) {
      const verdicts = GATEWAY_STAGE_MODULES.map((stage) => {
        const detail: Record<string, string | number | boolean> = {};
        for (let k = Math.floor(rand() * 5); k > 0; k--) detail[pick(keys)] = pick(values);
        return v(stage.name, pick(['pass', 'flag', 'block', 'not-run'] as const), detail);
      });
      // What the verifier reads: stage 10's payload, JSON-encoded and stored.
      const stored = (JSON.parse(JSON.stringify({ verdicts })) as { verdicts: unknown[] }).verdicts;
      expect(recomputePipelineHash(stored)).toBe(pipelineHashOf(verdicts));
    }
  });

  it('a trace hashes lazily to the same chain, and its verdicts cannot change once appended', () => {
    const all = GATEWAY_STAGE_MODULES.map((s, i) => v(s.name, 'pass', { i }));
    const trace = new Trace();
    for (const [i, x] of all.entries()) {
      trace.append(x);
      if (i === 4) expect(trace.hash).toBe(pipelineHashOf(all.slice(0, 5)));
    }
    expect(trace.preview(v('budget'))).toBe(pipelineHashOf([...all, v('budget')]));
    expect(trace.hash).toBe(pipelineHashOf(all));
    expect(() => {
      (trace.verdicts[0]?.detail as Record<string, number>).i = 9;
    }).toThrow(TypeError);
    expect(trace.hash).toBe(pipelineHashOf(all));
  });
  it('reuses a previewed link only for the verdict previewed, on the chain it was previewed on', () => {
    const all = GATEWAY_STAGE_MODULES.map((s, i) => v(s.name, 'pass', { i }));
    const head = all.slice(0, 9);
    const last = all[9] as StageVerdict;
    // Previewed, then appended: the chain is the same as hashing from scratch.
    const same = new Trace();
    for (const x of head) same.append(x);
    expect(same.preview(last)).toBe(pipelineHashOf(all));
    same.append(last);
    expect(same.hash).toBe(pipelineHashOf(all));
    // Previewed, then another verdict appended instead (the stage failed after its preview).
    const other = new Trace();
    for (const x of head) other.append(x);
    other.preview(last);
    const blocked = v(last.stage, 'block', { error: 'GATEWAY_AUDIT_ERROR' });
    other.append(blocked);
    expect(other.hash).toBe(pipelineHashOf([...head, blocked]));
    // Previewed before the chain caught up with earlier verdicts: the link is not taken.
    const early = new Trace();
    for (const x of head.slice(0, 8)) early.append(x);
    early.preview(last);
    early.append(head[8] as StageVerdict);
    early.append(last);
    expect(early.hash).toBe(pipelineHashOf(all));
    // What was previewed cannot change before it is appended.
    expect(() => {
      (last.detail as Record<string, number>).i = 0;
    }).toThrow(TypeError);
  });
  it('refuses a gateway whose stage list is not the ten of reference 002 in order', () => {
    const swapped = [GATEWAY_STAGE_MODULES[1], GATEWAY_STAGE_MODULES[0], ...GATEWAY_STAGE_MODULES.slice(2)].filter((s) => s !== undefined);
    const options = { tenant: {} as never, audit: {} as never, governance: {} as never, providers: () => Promise.reject(new Error('unused')), pricing: () => ({ input: 0, output: 0 }) };
    expect(() => new Gateway({ ...options, stages: swapped })).toThrow(/in that order/);
    expect(() => new Gateway({ ...options, stages: GATEWAY_STAGE_MODULES.slice(0, 9) })).toThrow(/in that order/);
  });
});
