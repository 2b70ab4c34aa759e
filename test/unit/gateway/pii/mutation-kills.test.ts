// Boundaries and branches of the PII detectors that the older tests left unpinned: each test names
// the behaviour, and its input sits on the edge where a one-character change to the rule shows.
import { describe, expect, it } from 'vitest';
import { isAbaRoutingNumber, isCreditCardNumber, isItin, isPlausibleBirthDate } from '../../../../main/gateway/pii/checksums.ts';
import { detectPii } from '../../../../main/gateway/pii/detector.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/redaction.ts';

const JUNE_1_2026 = new Date(Date.UTC(2026, 5, 1));

/** Digits as MATHEMATICAL BOLD DIGIT characters: each is a surrogate pair, two code units. */
const bold = (digits: string): string => [...digits].map((ch) => (/\d/.test(ch) ? String.fromCodePoint(0x1d7ce + Number(ch)) : ch)).join('');

describe('card issuer ranges and lengths', () => {
  it('accepts the first and last IIN of each card range', () => {
    expect(isCreditCardNumber('2221000000000009')).toBe(true); // Mastercard 2-series starts at 2221
    expect(isCreditCardNumber('6490000000000004')).toBe(true); // Discover 644–649 ends at 649
    expect(isCreditCardNumber('3528000000000007')).toBe(true); // JCB starts at 3528
  });

  it('holds the whole 644–649 range to Discover lengths, so a 15-digit 649 number is no card', () => {
    // Read as Maestro (56–69, 12 to 19 digits) it would pass: the Discover rule must claim 649 first.
    expect(isCreditCardNumber('649000000000007')).toBe(false);
    expect(isCreditCardNumber('644000000000002')).toBe(false);
    expect(detectPii('card 649000000000007')).toEqual([]);
  });

  it('accepts the shortest number each scheme issues', () => {
    expect(isCreditCardNumber('30000000000004')).toBe(true); // Diners: 14 digits
    expect(isCreditCardNumber('500000000009')).toBe(true); // Maestro: 12 digits
  });

  it('finds a Mastercard 2-series number in text, span and all', () => {
    expect(detectPii('card 2221000000000009')).toEqual([{ category: 'CREDIT_CARD', start: 5, end: 21, value: '2221000000000009' }]);
  });

  it('finds a 12-digit Maestro number in text', () => {
    expect(detectPii('card 500000000009')).toEqual([{ category: 'CREDIT_CARD', start: 5, end: 17, value: '500000000009' }]);
  });
});

describe('ABA routing numbers', () => {
  it('accepts the 80 prefix of the Federal Reserve and finds it in text', () => {
    expect(isAbaRoutingNumber('800000006')).toBe(true);
    expect(detectPii('routing number 800000006')).toEqual([{ category: 'ABA_ROUTING', start: 15, end: 24, value: '800000006' }]);
  });

  it('refuses nine zeros although their weighted sum is a multiple of ten', () => {
    expect(isAbaRoutingNumber('000000000')).toBe(false);
    expect(detectPii('routing number 000000000')).toEqual([]);
  });
});

describe('ITIN group ranges', () => {
  it('accepts the last group of the 50–65 and 94–99 ranges', () => {
    expect(isItin('912651234')).toBe(true);
    expect(isItin('912991234')).toBe(true);
    expect(detectPii('ITIN 912-65-1234')).toEqual([{ category: 'ITIN', start: 5, end: 16, value: '912-65-1234' }]);
    expect(detectPii('ITIN 912-99-1234')).toEqual([{ category: 'ITIN', start: 5, end: 16, value: '912-99-1234' }]);
  });
});

describe('plausible dates of birth', () => {
  it('refuses day zero of a month', () => {
    expect(isPlausibleBirthDate(1985, 3, 0)).toBe(false);
    expect(detectPii('DOB: 1985-03-00')).toEqual([]);
  });

  it('accepts the first day of 1900, the earliest year allowed', () => {
    expect(isPlausibleBirthDate(1900, 1, 1)).toBe(true);
    expect(detectPii('DOB: 1900-01-01')).toEqual([{ category: 'DATE_OF_BIRTH', start: 5, end: 15, value: '1900-01-01' }]);
  });

  it('accepts a date earlier in the current year', () => {
    expect(isPlausibleBirthDate(2026, 1, 1, JUNE_1_2026)).toBe(true);
  });

  it('accepts today and refuses any later day of the current year', () => {
    expect(isPlausibleBirthDate(2026, 6, 1, JUNE_1_2026)).toBe(true);
    expect(isPlausibleBirthDate(2026, 6, 2, JUNE_1_2026)).toBe(false);
    expect(isPlausibleBirthDate(2026, 12, 31, JUNE_1_2026)).toBe(false);
  });
});

describe('spans read through the normalised text', () => {
  it('ends a finding after the whole last character when that character is a surrogate pair', () => {
    const text = `card ${bold('4111111111111111')}`;
    expect(detectPii(text)).toEqual([{ category: 'CREDIT_CARD', start: 5, end: 37, value: bold('4111111111111111') }]);
  });

  it('a zero-width space between a separator and a digit does not split a number', () => {
    expect(detectPii('SSN 123-45-\u200b6789')).toEqual([{ category: 'SSN', start: 4, end: 16, value: '123-45-\u200b6789' }]);
    expect(detectPii('card 4111\u200b 1111 1111 1111 ok')).toEqual([{ category: 'CREDIT_CARD', start: 5, end: 25, value: '4111\u200b 1111 1111 1111' }]);
  });

  it('reads an ogham space mark as a space between the parts of a number', () => {
    expect(detectPii('call 415\u1680651\u16801672')).toEqual([{ category: 'PHONE', start: 5, end: 17, value: '415\u1680651\u16801672' }]);
    expect(detectPii('card 4111\u16801111\u16801111\u16801111')).toEqual([{ category: 'CREDIT_CARD', start: 5, end: 24, value: '4111\u16801111\u16801111\u16801111' }]);
    expect(detectPii('SSN 123\u168045\u16806789')).toEqual([{ category: 'SSN', start: 4, end: 15, value: '123\u168045\u16806789' }]);
  });
});

describe('redaction tokens and foreign token-shaped text', () => {
  it('skips every token number the input already spelled, not only the first', () => {
    const session = createRedactionSession();
    session.noteForeignTokens('see [EMAIL_1] and [EMAIL_2]');
    const redacted = session.redact('mail ann@example.com');
    expect(redacted).toBe('mail [EMAIL_3]');
    expect(session.restorer(true).restore(redacted)).toBe('mail ann@example.com');
    expect(session.restorer(true).restore('[EMAIL_2]')).toBe('[EMAIL_2]');
  });

  it('notes a token spelled with a \\u escape in tool-call JSON as foreign', () => {
    const session = createRedactionSession();
    expect(session.redactToolArguments('{"note":"[EMAIL\\u005f1]","to":"ann@example.com"}')).toBe('{"note":"[EMAIL_1]","to":"[EMAIL_2]"}');
  });

  it('notes a token written with backslash-escaped brackets and underscore as foreign', () => {
    const session = createRedactionSession();
    session.noteForeignTokens('quoted \\[EMAIL\\_1\\]');
    expect(session.redact('mail ann@example.com')).toBe('mail [EMAIL_2]');
  });
});

describe('structured redaction', () => {
  const nested = (levels: number): unknown => {
    let value: unknown = 'x';
    for (let i = 0; i < levels; i++) value = [value];
    return value;
  };

  it('redacts a value nested 256 levels deep and refuses one nested 257', () => {
    expect(createRedactionSession().redactValue(nested(256) as never)).toEqual(nested(256));
    expect(() => createRedactionSession().redactValue(nested(257) as never)).toThrow(RangeError);
  });

  it("an array's items are read under the key that labels the array", () => {
    expect(createRedactionSession().redactValue({ ssn: ['123456789'] })).toEqual({ ssn: ['[SSN_1]'] });
    // Unlabelled, the same nine digits are no SSN: the key is what made them one.
    expect(createRedactionSession().redactValue(['123456789'])).toEqual(['123456789']);
  });
});

describe('withheld values', () => {
  it('a withheld text value stays a token when an authorised restorer reads it', () => {
    const session = createRedactionSession();
    const redacted = session.redact('mail ann@example.com');
    expect(session.withholdValues((value) => value === 'ann@example.com')).toBe(1);
    expect(session.restorer(true).restore(redacted)).toBe('mail [EMAIL_1]');
  });

  it('a withheld number stays a token in restoreValue, not the number it stood for', () => {
    const session = createRedactionSession();
    const redacted = session.redactValue({ card_number: 4111111111111111, n: 5 });
    expect(redacted).toEqual({ card_number: '[CREDIT_CARD_1]', n: 5 });
    expect(session.restorer(true).restoreValue(redacted)).toEqual({ card_number: 4111111111111111, n: 5 });
    session.withholdValues((value) => value === '4111111111111111');
    expect(session.restorer(true).restoreValue(redacted)).toEqual({ card_number: '[CREDIT_CARD_1]', n: 5 });
  });
});
