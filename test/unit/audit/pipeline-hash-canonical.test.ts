/** The verifier's recomputation of the pipeline hash keeps every key of a stored verdict and refuses values with no JSON form. */
import { describe, expect, it } from 'vitest';
import { recomputePipelineHash } from '../../../main/audit/gateway-stages.ts';

describe('recomputePipelineHash', () => {
  it('hashes an own "__proto__" key of a stored verdict (JSON.parse makes it an own key)', () => {
    const a = JSON.parse('{"stage":"budget","outcome":"pass","detail":{"x":1},"ms":1}') as unknown;
    const b = JSON.parse('{"stage":"budget","outcome":"pass","detail":{"x":1,"__proto__":"ANYTHING"},"ms":1}') as unknown;
    const c = JSON.parse('{"stage":"budget","outcome":"pass","detail":{"x":1},"ms":1,"__proto__":"Z"}') as unknown;
    expect(recomputePipelineHash([b])).not.toBe(recomputePipelineHash([a]));
    expect(recomputePipelineHash([c])).not.toBe(recomputePipelineHash([a]));
  });
  it('throws on a non-finite number rather than hash it as null', () => {
    for (const n of [NaN, Infinity, -Infinity]) {
      expect(() => recomputePipelineHash([{ stage: 'budget', outcome: 'pass', detail: { x: n }, ms: 1 }])).toThrow(TypeError);
    }
  });
});
