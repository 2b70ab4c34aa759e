import { describe, expect, it } from 'vitest';
import { found } from './found.ts';

describe('dates of birth after a DOB label', () => {
  for (const [text, value] of [
    ['DOB: 14-Mar-1985', '14-Mar-1985'],
    ['DOB: 14-Mar-85.', '14-Mar-85'],
    ['DOB: 03/14/85', '03/14/85'],
    ['DOB: 1985/03/14', '1985/03/14'],
    ['Date of birth (MM/DD/YYYY): 03/14/1985', '03/14/1985'],
    ['Birthdate (dd.mm.yyyy) 14.03.1985', '14.03.1985'],
  ] as const) {
    it(`finds ${value} in "${text}"`, () => {
      expect(found(text)).toEqual([['DATE_OF_BIRTH', value]]);
    });
  }

  it('refuses impossible dates, two-digit years glued to more digits, and dates without a DOB label', () => {
    expect(found('DOB: 02/30/85')).toEqual([]);
    expect(found('DOB: 31-Feb-1985')).toEqual([]);
    expect(found('DOB: 03/14/851')).toEqual([]);
    expect(found('The meeting is on 03/14/85 and 1985/03/14.')).toEqual([]);
    expect(found('DOB: 14-Mar-2099')).toEqual([]);
  });
});
