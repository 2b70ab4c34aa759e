/**
 * A forbidden term stage 7 redacts is never released by the stream first, however the model splits
 * it: the stream folds case as stage 7's match does, holds a term from wherever stage 7 may match
 * it (after a quote, a bracket, CJK text; a term opening with punctuation anywhere), and a term
 * written with spaces around it is the term. Real governed tenant; the model
 * is a neighbour that streams one character at a time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, GenerateResult, ModelProvider } from '../../../main/providers/provider.ts';
import { close, gatewayFixture, type GatewayFixture } from './helpers.ts';

class CharacterProvider implements ModelProvider {
  readonly kind = 'llama-cpp' as const;
  readonly modelId = 'characters';
  answer = '';
  async generate(request: GenerateRequest): Promise<GenerateResult> {
    for (const c of this.answer) {
      await new Promise((resolve) => setImmediate(resolve));
      request.onToken?.(c);
    }
    return { text: this.answer, tokens: this.answer.length, promptTokens: 8, stopReason: 'eos' };
  }
  async dispose(): Promise<void> {}
}

let f: GatewayFixture<CharacterProvider>;
beforeAll(async () => {
  f = await gatewayFixture(new CharacterProvider(), { pricing: () => ({ input: 0.001, output: 0.001 }) });
});
afterAll(async () => {
  await close(f);
});

describe('forbidden terms, call and stream alike', () => {
  const cases: [string, string, string][] = [
    ['the micro sign for the Greek mu', 'μLab', 'Welcome to µLab now. '],
    ['a final sigma', 'Κρόνος', 'The Κρόνοσ project. '],
    ['a term in quotes', 'Project Falcon', 'Codename "Project Falcon" ships. '],
    ['a term in brackets', 'Project Falcon', 'Codename (Project Falcon) ships. '],
    ['a term written with spaces around it, at a sentence end', '  Falcon  ', 'We use Falcon. '],
    ['a term as link text', 'Project Falcon', 'See [Project Falcon](https://x.example/) now. '],
    ['a term right after CJK text', 'Project Falcon', '使用Project Falcon today. '],
    ['a term that starts with punctuation, inside a word', '.NET Core', 'We use ASP.NET Core today. '],
  ];
  for (const [how, term, answer] of cases) {
    it(`redacts and never streams ${how}`, async () => {
      f.provider.answer = answer;
      const request = { actor: 'ann', agent: 'terms', messages: [{ role: 'user' as const, content: 'Tell me.' }], maxTokens: 256, outputPolicy: { forbiddenTerms: [term] } };
      const called = await f.gateway.call(request);
      expect(called.text).toContain('[REDACTED_TERM]');
      const streamed: string[] = [];
      const result = await f.gateway.stream(request, (t) => streamed.push(t), { holdUntilVerdict: false });
      expect(result.text).toBe(called.text);
      // Not even the term's first word went out (matched as stage 7 matches: case-insensitively).
      const word = term.trim().split(' ')[0] ?? '';
      expect(streamed.join('')).not.toMatch(new RegExp(word, 'i'));
    });
  }
});
