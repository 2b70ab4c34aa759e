import { describe, expect, it } from 'vitest';
import { found } from './found.ts';

describe('names with accents or in capitals', () => {
  it('finds labelled and honorific names whose letters are not ASCII', () => {
    expect(found('Patient: José García')).toEqual([['PERSON_NAME', 'José García']]);
    expect(found('Name: Zoë Smith')).toEqual([['PERSON_NAME', 'Zoë Smith']]);
    expect(found('Dr. Müller will call back.')).toEqual([['PERSON_NAME', 'Müller']]);
    expect(found('Yesterday José García met the team.')).toEqual([['PERSON_NAME', 'José García']]);
  });

  it('finds a labelled name in capitals the lexicon knows, and not capitals it does not', () => {
    expect(found('Patient: JOHN SMITH')).toEqual([['PERSON_NAME', 'JOHN SMITH']]);
    expect(found('Contact: IT SUPPORT')).toEqual([]);
    expect(found('Customer: ACME CORP')).toEqual([]);
    expect(found('Ärzte Kammer Berlin tagt heute.')).toEqual([]);
  });
});

describe('labels with a curly apostrophe and values wrapped in underscores', () => {
  it('reads driver’s license with a typographic apostrophe', () => {
    expect(found('Driver’s license D1234567 scanned.')).toEqual([['DRIVER_LICENCE', 'D1234567']]);
  });

  it('finds values that Markdown wraps in underscores', () => {
    expect(found('Card __4111 1111 1111 1111__ on file.')).toEqual([['CREDIT_CARD', '4111 1111 1111 1111']]);
    expect(found('SSN: _123-45-6789_')).toEqual([['SSN', '123-45-6789']]);
    expect(found('IBAN _BE68 5390 0754 7034_')).toEqual([['IBAN', 'BE68 5390 0754 7034']]);
    expect(found('Call _415-651-1672_ now.')).toEqual([['PHONE', '415-651-1672']]);
  });

  it('still refuses wrapped numbers that fail their checks, and digits joined to letters', () => {
    expect(found('Card __4111 1111 1111 1112__ on file.')).toEqual([]);
    expect(found('SSN: _000-45-6789_')).toEqual([]);
    expect(found('Build x4111111111111111 and 123-45-6789b.')).toEqual([]);
  });
});
