/**
 * Stage 3 through the real gateway, with values a review got past it: an email and an SSN spelled
 * in Unicode tag characters, format characters and variation selectors inside values, combining
 * marks on digits, and a Cyrillic capital in an IBAN. The scripted model records what it was sent:
 * the token, never a letter of the value; stage 9 restores each value exactly as the caller wrote it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayRequest } from '../../../main/gateway/index.ts';
import { close, gatewayFixture, ScriptedProvider, type GatewayFixture } from './helpers.ts';

const tag = (ascii: string): string => [...ascii].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');

let f: GatewayFixture<ScriptedProvider>;
beforeAll(async () => {
  f = await gatewayFixture(new ScriptedProvider(), { pricing: () => ({ input: 0.001, output: 0.001 }) });
});
afterAll(async () => {
  await close(f);
});

const ask = (agent: string, content: string): GatewayRequest => ({ actor: 'ann', agent, messages: [{ role: 'user', content }], maxTokens: 64 });

const CASES: Array<[string, string, string]> = [
  ['zwj-email-domain', 'jane.doe@co\u200drp.example', 'EMAIL'],
  ['zwj-email-local', 'ja\u200dne.doe@corp.example', 'EMAIL'],
  ['zwsp-before-at', 'jane.doe\u200b@corp.example', 'EMAIL'],
  ['soft-hyphen-domain', 'jane.doe@co\u00adrp.example', 'EMAIL'],
  ['vs16-ssn', '123\ufe0f-45-6789', 'SSN'],
  ['cgj-ssn', '123\u034f-45-6789', 'SSN'],
  ['marks-on-ssn-digits', '1\u03232\u03233-45-6789', 'SSN'],
  ['vs16-card', '4111\ufe0f1111\ufe0f1111\ufe0f1111', 'CREDIT_CARD'],
  ['cyrillic-iban', 'D\u041589 3704 0044 0532 0130 00', 'IBAN'],
  ['tag-email', tag('jane.doe@corp.example'), 'EMAIL'],
  ['cyrillic-o-email', 'j\u043ehn.doe@corp.example', 'EMAIL'],
  ['greek-omicron-email', 'john.d\u03bfe@corp.example', 'EMAIL'],
  ['cyrillic-e-lowercase-iban', 'd\u043589 3704 0044 0532 0130 00', 'IBAN'],
];

describe('values with invisible or look-alike characters reach the model as tokens', () => {
  for (const [agent, value, category] of CASES) {
    it(`${agent}: the model gets [${category}_1]; the answer restores the value as written`, async () => {
      f.provider.answer = `Stored [${category}_1] for you.`;
      const before = f.provider.seen.length;
      const result = await f.gateway.call(ask(`pii-invisible-${agent}`, `Please store my data: ${value} thanks`));
      const sent = f.provider.seen.slice(before).join('\n');
      expect(sent).toContain(`Please store my data: [${category}_1] thanks`);
      expect(sent).not.toContain(value);
      for (const piece of ['jane', 'john', 'hn.', 'corp', 'doe', '6789', '1111', '3704', '\u0415', '\u0435', '\u043e', '\u03bf', '\u200d', '\ufe0f']) expect(sent).not.toContain(piece);
      expect(sent).not.toMatch(/[\u{e0000}-\u{e007f}]/u);
      expect(result.text).toBe(`Stored ${value} for you.`);
    });
  }
});

describe('flags and long invisible runs through the gateway', () => {
  const flag = `\u{1f3f4}${tag('gbsct')}\u{e007f}`; // Scotland: the black flag, "gbsct" in tags, cancel tag

  it("an email right after a flag is redacted without the flag's tags: the model gets the whole flag", async () => {
    f.provider.answer = `Team ${flag}[EMAIL_1] ok`;
    const before = f.provider.seen.length;
    const result = await f.gateway.call(ask('pii-invisible-flag', `Team ${flag}jane.doe@corp.example ok`));
    const sent = f.provider.seen.slice(before).join('\n');
    expect(sent).toContain(`Team ${flag}[EMAIL_1] ok`);
    expect(sent).not.toContain('jane');
    expect(result.text).toBe(`Team ${flag}jane.doe@corp.example ok`);
  });

  // A review held one call for minutes on a 100 K message: each invisible character walked the whole
  // run. No timing is asserted; the test's own timeout is the bound.
  it('a value inside 64,000 invisible characters is found and redacted', async () => {
    const value = `jane.doe@co${'\u200b'.repeat(64_000)}rp.example`;
    f.provider.answer = 'Stored [EMAIL_1].';
    const before = f.provider.seen.length;
    const result = await f.gateway.call(ask('pii-invisible-long-run', `Please store my data: ${value} thanks`));
    const sent = f.provider.seen.slice(before).join('\n');
    expect(sent).toContain('Please store my data: [EMAIL_1] thanks');
    expect(sent).not.toContain('corp');
    expect(result.text).toBe(`Stored ${value}.`);
  }, 120_000);
});
