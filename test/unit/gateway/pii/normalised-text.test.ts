import { describe, expect, it } from 'vitest';
import { found, US } from './found.ts';
import type { PiiCategory } from '../../../../main/gateway/pii/categories.ts';
import { detectPii } from '../../../../main/gateway/pii/detector.ts';
import { normaliseForPii } from '../../../../main/gateway/pii/normalise.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/redaction.ts';

const FULLWIDTH = (ascii: string): string => ascii.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const ARABIC_INDIC = (ascii: string): string => ascii.replace(/[0-9]/g, (d) => String.fromCharCode(0x0660 + Number(d)));
const NBSP = '\u00a0';
const NARROW_NBSP = '\u202f';
const THIN = '\u2009';
const ZWSP = '\u200b';
const SOFT_HYPHEN = '\u00ad';
const EN_DASH = '\u2013';

// Values written with digits, spaces and dashes that are not ASCII, each found and cut out as written.
const DISGUISED: Array<[string, PiiCategory, string]> = [
  ['Card %s on file.', 'CREDIT_CARD', FULLWIDTH('4111 1111 1111 1111')],
  ['Card %s on file.', 'CREDIT_CARD', ['4111', '1111', '1111', '1111'].join(NBSP)],
  ['Card %s on file.', 'CREDIT_CARD', ['4111', '1111', '1111', '1111'].join(ZWSP)],
  ['Card %s on file.', 'CREDIT_CARD', ['4111', '1111', '1111', '1111'].join(SOFT_HYPHEN)],
  ['Card %s on file.', 'CREDIT_CARD', ['4111', '1111', '1111', '1111'].join(EN_DASH)],
  ['SSN %s on file.', 'SSN', ARABIC_INDIC('123-45-6789')],
  ['SSN %s on file.', 'SSN', ['123', '45', '6789'].join(EN_DASH)],
  ['SSN %s on file.', 'SSN', ['123', '45', '6789'].join(ZWSP)],
  ['Call me on %s tonight.', 'PHONE', ['415', '651', '1672'].join(NARROW_NBSP)],
  ['Call me on %s tonight.', 'PHONE', FULLWIDTH('(415) 651-1672')],
  ['Call me on %s tonight.', 'PHONE', ['415', '651', '1672'].join(THIN)],
  ['IBAN %s please.', 'IBAN', ['BE68', '5390', '0754', '7034'].join(NBSP)],
  ['IBAN %s please.', 'IBAN', FULLWIDTH('DE89 3704 0044 0532 0130 00')],
  ['NHS number %s added.', 'NHS_NUMBER', ['943', '476', '5919'].join(THIN)],
  ['NHS number %s added.', 'NHS_NUMBER', ARABIC_INDIC('943 476 5919')],
];

describe('digits, spaces and dashes outside ASCII', () => {
  for (const [template, category, value] of DISGUISED) {
    const text = template.replace('%s', value);
    it(`finds ${category} in ${JSON.stringify(text)} and cuts it out of the original text`, () => {
      const findings = detectPii(text, US);
      expect(findings.map((f) => [f.category, f.value])).toEqual([[category, value]]);
      for (const f of findings) expect(text.slice(f.start, f.end)).toBe(f.value);
      const redacted = createRedactionSession(US).redact(text);
      expect(redacted).toBe(template.replace('%s', `[${category}_1]`));
    });
  }

  it('still refuses what fails its checksum or numbering rule when written in other digits', () => {
    expect(found(`Card ${FULLWIDTH('4111 1111 1111 1112')} on file.`)).toEqual([]);
    expect(found(`SSN ${ARABIC_INDIC('000-45-6789')} on file.`)).toEqual([]);
    expect(found(`NHS number ${['943', '476', '5918'].join(THIN)} added.`)).toEqual([]);
    expect(found(`IBAN ${['BE69', '5390', '0754', '7034'].join(NBSP)} please.`)).toEqual([]);
    expect(found(`Call me on ${FULLWIDTH('(123) 456-7890')} tonight.`)).toEqual([]);
  });

  it('keeps accented names and other scripts in place around a finding', () => {
    const text = `Für Zoë: 電話 ${FULLWIDTH('4111 1111 1111 1111')} — danke.`;
    expect(createRedactionSession(US).redact(text)).toBe('Für Zoë: 電話 [CREDIT_CARD_1] — danke.');
  });

  it('leaves text it cannot change unnormalised, and maps every normalised unit back to its character', () => {
    expect(normaliseForPii('plain ascii 4111 1111 1111 1111')).toBeNull();
    expect(normaliseForPii('José García, 東京')).toBeNull();
    const original = `a${ZWSP}${FULLWIDTH('12')}${NBSP}\u{1d7d1}`;
    const n = normaliseForPii(original);
    expect(n?.text).toBe('a 12 3'); // a format character beside a letter separates, as a space would
    expect(Array.from(n?.start ?? [])).toEqual([0, 1, 2, 3, 4, 5]);
    expect(Array.from(n?.end ?? [])).toEqual([1, 2, 3, 4, 5, 7]);
  });

  it('reads a name whose accent is a combining mark (NFD) as one word and redacts all of it', () => {
    const s = createRedactionSession(US);
    expect(s.redact('Patient: John Garci\u0301a came in')).toBe('Patient: [PERSON_NAME_1] came in');
    expect(s.restorer(true).restore('[PERSON_NAME_1]')).toBe('John Garci\u0301a');
    const n = normaliseForPii('Garci\u0301a');
    expect(n?.text).toBe('García');
    expect(Array.from(n?.start ?? [])).toEqual([0, 1, 2, 3, 4, 6]);
    expect(Array.from(n?.end ?? [])).toEqual([1, 2, 3, 4, 6, 7]);
  });

  it('never lets an invisible format character join a value to its label or to a neighbouring digit', () => {
    const s = createRedactionSession(US);
    expect(s.redact('SSN\u200b123-45-6789')).toBe('SSN\u200b[SSN_1]');
    expect(s.redact('Card 4111111111111111\u200b7 ok')).toBe('Card [CREDIT_CARD_1]\u200b7 ok');
    expect(s.redact('Lot 4111 1111 1111 1111\u00ad2')).toBe('Lot [CREDIT_CARD_2]\u00ad2');
    // Inside one number it is still dropped.
    expect(s.redact('Card 4111\u200b1111\u200b1111\u200b1111 ok')).toBe('Card [CREDIT_CARD_3] ok');
  });
});
