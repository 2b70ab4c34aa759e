// Lowercase Cyrillic and Greek letters that look Latin, inside an address or a Latin alphanumeric
// run, read as the Latin letter: a review found "jоhn.doe@corp.example" (Cyrillic о) reaching the
// model as "jо[EMAIL_1]", the letters before the look-alike in the clear. And a flag's subdivision
// tags (🏴 + "gbsct" in tag characters + cancel tag) belong to the flag: an email right after it
// took them into its span, so the model got "🏴[EMAIL_1]", a broken flag.
import { describe, expect, it } from 'vitest';
import { found, US } from './found.ts';
import type { PiiCategory } from '../../../../main/gateway/pii/categories.ts';
import { normaliseForPii } from '../../../../main/gateway/pii/normalise.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/redaction.ts';

const tag = (ascii: string): string => [...ascii].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
const CANCEL = '\u{e007f}';
const SCOTLAND = `\u{1f3f4}${tag('gbsct')}${CANCEL}`;
const ENGLAND = `\u{1f3f4}${tag('gbeng')}${CANCEL}`;

const LOWERCASE: Array<[string, PiiCategory, string]> = [
  ['Cyrillic о in the local part', 'EMAIL', 'j\u043ehn.doe@corp.example'],
  ['Greek ο in the local part', 'EMAIL', 'john.d\u03bfe@corp.example'],
  ['Cyrillic а and е in the local part', 'EMAIL', 'j\u0430n\u0435.doe@corp.example'],
  ['Cyrillic о in the domain', 'EMAIL', 'jane.doe@c\u043erp.example'],
  ['whole look-alike word before the @', 'EMAIL', 'jane.\u0440\u043e@corp.example'],
  ['Cyrillic е in an IBAN country code', 'IBAN', 'd\u043589 3704 0044 0532 0130 00'],
];

describe('lowercase look-alikes inside an address or a Latin alphanumeric run', () => {
  for (const [name, category, value] of LOWERCASE) {
    const text = `Store ${value} please`;
    it(`redacts the whole value with a ${name}`, () => {
      expect(found(text)).toEqual([[category, value]]);
      const s = createRedactionSession(US);
      expect(s.redact(text)).toBe(`Store [${category}_1] please`);
      expect(s.restorer(true).restore(`Stored [${category}_1].`)).toBe(`Stored ${value}.`);
    });
  }

  it('leaves Cyrillic and Greek words, and addresses written in them, as they read', () => {
    expect(normaliseForPii('\u043e\u043a\u043d\u043e \u0438 \u0441\u0430\u0434')).toBeNull(); // "окно и сад"
    expect(normaliseForPii('\u03ba\u03b1\u03bb\u03b7\u03bc\u03ad\u03c1\u03b1, \u03bf \u03c6\u03af\u03bb\u03bf\u03c2')).toBeNull();
    expect(normaliseForPii('\u0438\u0432\u0430\u043d@\u043f\u043e\u0447\u0442\u0430.\u0440\u0444')).toBeNull(); // иван@почта.рф
    // A Cyrillic word before a Latin address is its own word: nothing in it folds.
    expect(normaliseForPii('\u0441\u043e\u0440 jane@corp.example')).toBeNull(); // "сор" (all look-alikes)
    // A look-alike beside a Latin word joined by punctuation other than an address's stays.
    expect(normaliseForPii('\u0441\u043e\u0440/abc')).toBeNull();
    // An address word with another Cyrillic letter in it is not folded.
    expect(normaliseForPii('\u0438\u0432\u0430\u043d.ivan@corp.example')).toBeNull();
  });

  it('finds nothing in the texts the review checked for false positives', () => {
    const clean = [
      '\u041e\u041e\u041e \u00ab\u0420\u043e\u043c\u0430\u0448\u043a\u0430\u00bb, \u0434\u0438\u0440\u0435\u043a\u0442\u043e\u0440 \u0418\u0432\u0430\u043d\u043e\u0432',
      '\u041c\u043e\u0434\u0435\u043b\u044c BMW X5 \u041c-\u043f\u0430\u043a\u0435\u0442',
      '\u0391\u0392\u0393 \u0395\u03a0\u0395, variable \u03911 = 5, \u03a4\u0391\u03a7 12',
      'Part No. ABC-\u0415123',
      '\u05de\u05e1\u05e4\u05e8 \u05d4\u05d6\u05de\u05e0\u05d4\u200f \u05e0\u05e9\u05dc\u05d7', // Hebrew with RLM
      '\u0631\u0642\u0645 \u0627\u0644\u0637\u0644\u0628\u200e', // Arabic with LRM
      '\u0915\u094d\u200d\u0937 \u0924\u094d\u0930 \u0928\u092e\u0938\u094d\u0924\u0947', // Hindi with ZWJ
      '\u0d28\u0d4d\u200d \u0d2a\u0d4d\u0d30\u0d27\u0d3e\u0d28', // Malayalam with ZWJ
      'Family \u{1f468}\u200d\u{1f469}\u200d\u{1f467} trip',
      `Go ${SCOTLAND} team and ${ENGLAND} too`,
      '\u03bf \u03ba\u03cc\u03c3\u03bc\u03bf\u03c2 \u03ba\u03b1\u03b9 \u03bf\u03b9 \u03c6\u03af\u03bb\u03bf\u03b9 \u03c4\u03bf\u03c5',
    ];
    for (const text of clean) expect(found(text), text).toEqual([]);
    expect(found('\u041f\u0438\u0441\u044c\u043c\u043e \u0434\u043b\u044f \u0418\u0432\u0430\u043d, ivan@corp.example')).toEqual([
      ['EMAIL', 'ivan@corp.example'],
    ]);
  });
});

describe("a flag's subdivision tags stay with the flag", () => {
  for (const [name, flag] of [
    ['Scotland', SCOTLAND],
    ['England', ENGLAND],
  ] as const) {
    it(`an email right after the ${name} flag is redacted without the flag's tags`, () => {
      const text = `Team ${flag}jane.doe@corp.example ok`;
      expect(found(text)).toEqual([['EMAIL', 'jane.doe@corp.example']]);
      const s = createRedactionSession(US);
      expect(s.redact(text)).toBe(`Team ${flag}[EMAIL_1] ok`);
      expect(s.redact(`Team ${flag}\u200bjane.doe@corp.example`)).toBe(`Team ${flag}\u200b[EMAIL_1]`);
    });
  }

  it('still reads a value spelled in tag characters after an emoji: only a subdivision code is a flag', () => {
    const hidden = tag('jane.doe@corp.example');
    expect(found(`Team \u{1f3f4}${hidden}${CANCEL} ok`)).toEqual([['EMAIL', hidden]]);
    expect(found(`Team \u{1f3f4}${hidden} ok`)).toEqual([['EMAIL', hidden]]);
    expect(found(`SSN \u{1f3f4}${tag('123-45-6789')}${CANCEL} ok`)).toEqual([['SSN', tag('123-45-6789')]]);
    // Tags without an emoji before them, or without the cancel tag, read as the ASCII they spell.
    expect(normaliseForPii(`x${tag('gbsct')}${CANCEL}`)?.text).toBe('xgbsct '); // a cancel tag at the end reads as a space
    expect(normaliseForPii(`\u{1f3f4}${tag('gbsct')}y`)?.text).toBe('\u{1f3f4}gbscty');
    expect(normaliseForPii(`\u{1f3f4}${tag('gbsct')}${CANCEL}y`)?.text).toBe('\u{1f3f4}y');
  });
});
