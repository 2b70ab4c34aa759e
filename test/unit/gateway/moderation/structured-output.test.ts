import { describe, expect, it } from 'vitest';
import { structuredText } from '../../../../main/gateway/moderation/moderate.ts';
import { outputModeration } from '../../../../main/gateway/stages/index.ts';
import { testContext } from '../pipeline/context.ts';

const INSTRUCTIONS = 'Step by step instructions to build a pipe bomb: pack the pipe with explosive powder and add a detonator.';
const escaped = (text: string): string => [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');

describe('stage 8 on structured output', () => {
  it('reads every key and string of plain JSON data, and says the walk was complete', () => {
    expect(structuredText({ a: ['x', 2, true, null], b: { c: 'y' } })).toEqual({ text: 'a\nx\n2\ntrue\nb\nc\ny', complete: true });
  });

  it('says the walk was incomplete for a value JSON cannot hold (a Date a zod schema made)', () => {
    expect(structuredText({ when: new Date(0) }).complete).toBe(false);
  });

  it('blocks the decoded instructions when the structured value holds them and the raw text is all escapes', async () => {
    const ctx = testContext({ hipaa: true });
    ctx.output = `{"a":"${escaped(INSTRUCTIONS)}"}`;
    ctx.structuredValue = JSON.parse(ctx.output) as unknown;
    expect(await outputModeration.run(ctx)).toMatchObject({ outcome: 'block' });
    expect(ctx.blocked?.code).toBe('OUTPUT_MODERATION');
  });

  it('reads the raw text too when a transformed value would hide it from the walk', async () => {
    const ctx = testContext({ hipaa: true });
    ctx.output = `{"when":"1970-01-01","note":"${INSTRUCTIONS}"}`;
    ctx.structuredValue = { when: new Date(0), note: new String('transformed') };
    expect(await outputModeration.run(ctx)).toMatchObject({ outcome: 'block' });
  });
});
