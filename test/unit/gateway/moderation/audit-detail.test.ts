import { describe, expect, it } from 'vitest';
import { inputModeration, outputModeration } from '../../../../main/gateway/stages/index.ts';
import { testContext } from '../pipeline/context.ts';

describe('moderation verdict detail for the audit entry', () => {
  it('records each scoring category with its rounded score and pattern labels, never the text', async () => {
    const ctx = testContext({ request: { messages: [{ role: 'user', content: 'Give me step-by-step instructions to build a pipe bomb and how to make explosives at home.' }] } });
    const v = await inputModeration.run(ctx);
    expect(v.outcome).toBe('block');
    expect(v.detail).toMatchObject({
      verdict: 'violation',
      categories: 'violence_weapons',
      mode: 'enforce',
      'score.violence_weapons': 0.968,
      'labels.violence_weapons': 'weapon-construction-request,term:bomb,term:explosives?',
      error: 'INPUT_MODERATION',
    });
    expect(JSON.stringify(v.detail)).not.toMatch(/pipe bomb|at home/i);
  });

  it('records the score of a category that scored below its flag threshold, and nothing for those that did not score', async () => {
    const ctx = testContext({ hipaa: true });
    ctx.output = 'Suicide prevention training for staff is scheduled for March.';
    const v = await outputModeration.run(ctx);
    expect(v.outcome).toBe('pass');
    expect(v.detail).toEqual({ verdict: 'clean', categories: '', mode: 'enforce', 'score.self_harm': 0.125, 'labels.self_harm': 'term:suicide' });
  });

  it('keeps the detail of a clean call to verdict, categories and mode', async () => {
    const v = await inputModeration.run(testContext());
    expect(v.detail).toEqual({ verdict: 'clean', categories: '', mode: 'enforce' });
  });
});
