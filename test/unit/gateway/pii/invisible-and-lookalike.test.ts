// Values written with invisible characters inside them (tag characters, format characters,
// variation selectors, combining marks on digits) or with Cyrillic/Greek capitals that look Latin:
// each is found, and the whole span as the caller wrote it (invisible characters included) becomes
// the token, so no letter of the value reaches the model and restore gives it back as written.
import { describe, expect, it } from 'vitest';
import { found, US } from './found.ts';
import type { PiiCategory } from '../../../../main/gateway/pii/categories.ts';
import { detectPii } from '../../../../main/gateway/pii/detector.ts';
import { normaliseForPii } from '../../../../main/gateway/pii/normalise.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/redaction.ts';

/** The Unicode tag characters (U+E0020–U+E007E) that spell `ascii`, invisible in most renderers. */
const tag = (ascii: string): string => [...ascii].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');

const CASES: Array<[string, PiiCategory, string]> = [
  // 1. tag characters
  ['tag-character email', 'EMAIL', tag('jane.doe@corp.example')],
  ['tag-character SSN', 'SSN', tag('123-45-6789')],
  // 2. format and default-ignorable characters inside a value
  ['ZWJ in email domain', 'EMAIL', 'jane.doe@co\u200drp.example'],
  ['ZWJ in email local part', 'EMAIL', 'ja\u200dne.doe@corp.example'],
  ['ZWSP after @', 'EMAIL', 'jane.doe@\u200bcorp.example'],
  ['ZWSP before @', 'EMAIL', 'jane.doe\u200b@corp.example'],
  ['BOM in email domain', 'EMAIL', 'jane.doe@corp\ufeff.example'],
  ['soft hyphen in email domain', 'EMAIL', 'jane.doe@co\u00adrp.example'],
  ['invisible times in email domain', 'EMAIL', 'jane.doe@corp\u2062.example'],
  ['ZWNJ in email TLD', 'EMAIL', 'jane.doe@corp.exa\u200cmple'],
  ['variation selector in email domain', 'EMAIL', 'jane.doe@co\ufe0frp.example'],
  ['CGJ in email domain', 'EMAIL', 'jane.doe@corp\u034f.example'],
  ['two invisibles in a row in email domain', 'EMAIL', 'jane.doe@co\u200b\u200drp.example'],
  ['variation selector in SSN', 'SSN', '123\ufe0f-45-6789'],
  ['CGJ in SSN', 'SSN', '123\u034f-45-6789'],
  ['variation selectors between card groups', 'CREDIT_CARD', '4111\ufe0f1111\ufe0f1111\ufe0f1111'],
  // 3. combining marks on digits
  ['dots below SSN digits', 'SSN', '1\u03232\u03233-45-6789'],
  ['acute on a card digit', 'CREDIT_CARD', '4\u0301111111111111111'],
  // 4. Cyrillic / Greek capitals inside a Latin alphanumeric run
  ['Cyrillic E in IBAN country code', 'IBAN', 'D\u041589 3704 0044 0532 0130 00'],
  ['Cyrillic E in IBAN bank code', 'IBAN', 'GB82 W\u0415ST 1234 5698 7654 32'],
  ['Greek Beta in IBAN', 'IBAN', 'G\u039282 WEST 1234 5698 7654 32'],
];

describe('values with invisible or look-alike characters inside them', () => {
  for (const [name, category, value] of CASES) {
    const text = `Please store my data: ${value} thanks`;
    it(`redacts the whole ${name} and restores it as written`, () => {
      expect(found(text)).toEqual([[category, value]]);
      const s = createRedactionSession(US);
      expect(s.redact(text)).toBe(`Please store my data: [${category}_1] thanks`);
      expect(s.restorer(true).restore(`It is [${category}_1].`)).toBe(`It is ${value}.`);
    });
  }

  it('reads a value spelled in tag characters inside visible text, keeping the label outside', () => {
    const s = createRedactionSession(US);
    expect(s.redact(`SSN ${tag('123-45-6789')} ok`)).toBe('SSN [SSN_1] ok');
    expect(s.redact(`doc ${tag('jane.doe@corp.example 123-45-6789')}`)).toBe(`doc [EMAIL_1]${tag(' ')}[SSN_1]`);
  });

  it('maps every normalised unit back to the original span, invisible characters included', () => {
    const n = normaliseForPii('co\u200drp');
    expect(n?.text).toBe('corp');
    expect(Array.from(n?.start ?? [])).toEqual([0, 1, 3, 4]);
    expect(Array.from(n?.end ?? [])).toEqual([1, 2, 4, 5]);
    const t = normaliseForPii(`a${tag('b@')}`);
    expect(t?.text).toBe('ab@');
    expect(Array.from(t?.start ?? [])).toEqual([0, 1, 3]);
    expect(Array.from(t?.end ?? [])).toEqual([1, 3, 5]);
    const m = normaliseForPii('1\u03232');
    expect(m?.text).toBe('12');
    expect(Array.from(m?.end ?? [])).toEqual([2, 3]);
  });
});

describe('precision: what must not change', () => {
  it('still separates a label from its number, and a number from a neighbouring digit', () => {
    const s = createRedactionSession(US);
    expect(s.redact('SSN\u200b123-45-6789')).toBe('SSN\u200b[SSN_1]');
    expect(s.redact('SSN\ufe0f123-45-6789')).toBe('SSN\ufe0f[SSN_1]');
    expect(s.redact('Card 4111111111111111\ufe0f7 ok')).toBe('Card [CREDIT_CARD_1]\ufe0f7 ok');
    expect(normaliseForPii('a\u200b\uff11')?.text).toBe('a 1');
  });

  it('folds look-alike capitals only inside a Latin alphanumeric run, not in Cyrillic or Greek words', () => {
    expect(normaliseForPii('\u0415\u0412\u0420\u041e 89')).toBeNull(); // "ЕВРО": a Cyrillic word reads as written
    expect(normaliseForPii('\u0391\u0398\u0397\u039d\u0391')).toBeNull(); // "ΑΘΗΝΑ"
    expect(normaliseForPii('W\u0415ST')?.text).toBe('WEST');
    expect(found('Reference \u041e\u0420\u0415\u0421 1234 in Cyrillic')).toEqual([]);
  });

  it('leaves emoji with variation selectors, and accented names, as they read', () => {
    expect(found('I \u2764\ufe0f it, thanks Jos\u00e9')).toEqual([]);
    expect(normaliseForPii('Jos\u00e9 Garc\u00eda')).toBeNull();
    expect(detectPii('Patient: John Garci\u0301a came in', US).map((f) => f.value)).toEqual(['John Garci\u0301a']);
  });

  it('does not read a digit run with a combining mark after the last digit as longer or shorter', () => {
    expect(found('Card 4111 1111 1111 1112\u0301 on file.')).toEqual([]);
  });
});
