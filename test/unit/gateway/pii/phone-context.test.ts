import { describe, expect, it } from 'vitest';
import { found } from './found.ts';

describe('a phone number near the name of another identifier', () => {
  it('is a phone number when the word only mentions the order, account or invoice', () => {
    expect(found('About my order, call me at 415-651-1672 tomorrow.')).toEqual([['PHONE', '415-651-1672']]);
    expect(found('Questions about this invoice? Call 415-651-1672')).toEqual([['PHONE', '415-651-1672']]);
    expect(found('My account is locked! Ring 415-651-1672 please.')).toEqual([['PHONE', '415-651-1672']]);
    expect(found('The ticket was closed; reach me on (415) 651-1672.')).toEqual([['PHONE', '(415) 651-1672']]);
  });

  it('is not a phone number when the word labels it', () => {
    for (const text of [
      'Order 415-651-1672 has shipped.',
      'Order #415-651-1672 has shipped.',
      'Order no. 415-651-1672 has shipped.',
      'Invoice number: 415-651-1672',
      'Account: 415-651-1672',
      'Tracking ref 415-651-1672',
      '{"order_id": "415-651-1672"}',
    ]) {
      expect(found(text), text).toEqual([]);
    }
  });

  it('ends the sentence that gives context at a question or exclamation mark', () => {
    expect(found('What is my SSN? 123456789 is the order total.')).toEqual([]);
    expect(found('SSN: 123456789')).toEqual([['SSN', '123456789']]);
  });
});
