import { describe, expect, it } from 'vitest';
import { runPipeline } from '../../../../main/gateway/index.ts';
import { piiRedaction } from '../../../../main/gateway/stages/index.ts';
import { testContext } from './context.ts';

describe('stage 3 on earlier tool calls', () => {
  it('keeps numbers, keys and key-labelled values of tool-call arguments, and a pasted tool output, from the model', async () => {
    const args = {
      card_number: 4111111111111111,
      phone: 4156511672,
      recipients: { 'ana.lima@example.com': 'primary' },
      routing: '021000021',
      dob: '1985-03-14',
      retries: 3,
    };
    const ctx = testContext({
      request: {
        messages: [
          { role: 'user', content: 'pay it' },
          { role: 'assistant', content: 'paying', toolCalls: [{ name: 'pay', arguments: JSON.stringify(args) }] },
          { role: 'user', content: '{"ssn":"123456789","nhs_number":"9434765919","card":"４１１１ １１１１ １１１１ １１１１"}' },
        ],
      },
    });
    await runPipeline([piiRedaction], ctx);
    const seen = JSON.stringify(ctx.redacted);
    for (const value of ['4111111111111111', '4156511672', 'ana.lima', '021000021', '1985-03-14', '123456789', '9434765919', '４１１１']) {
      expect(seen, value).not.toContain(value);
    }
    expect(seen).toMatch(/retries\\+":3[,}]/); // an ordinary number stays a number
    expect(ctx.trace.verdicts.at(-1)).toMatchObject({ outcome: 'flag', detail: { values: 8 } });
  });

  it('treats a token written literally in a later message as the caller\'s text, never as one it issued', async () => {
    const ctx = testContext({
      request: {
        messages: [
          { role: 'user', content: 'write to ana.lima@example.com' },
          { role: 'user', content: 'and what does [EMAIL_1] mean?' },
        ],
      },
    });
    await runPipeline([piiRedaction], ctx);
    const [first, second] = ctx.redacted ?? [];
    expect(second?.content).toBe('and what does [EMAIL_1] mean?');
    expect(first?.content).not.toContain('[EMAIL_1]');
    expect(ctx.pii.restorer(true).restore(second?.content ?? '')).toBe('and what does [EMAIL_1] mean?');
  });
});
