import { describe, expect, it } from 'vitest';
import {
  isAbaRoutingNumber,
  isCreditCardNumber,
  isItin,
  isLuhnValid,
  isNhsNumber,
  isPlausibleBirthDate,
  isSsn,
} from '../../../../main/gateway/pii/checksums.ts';

describe('PII check-digit validators', () => {
  it('accepts published card test numbers and refuses a one-digit change or an unknown issuer', () => {
    for (const n of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117', '2223003122003222']) {
      expect(isCreditCardNumber(n), n).toBe(true);
    }
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isCreditCardNumber('4111111111111112')).toBe(false);
    expect(isLuhnValid('9111111111111110')).toBe(true);
    expect(isCreditCardNumber('9111111111111110')).toBe(false); // valid Luhn, no scheme starts with 9
    expect(isCreditCardNumber('37828224631000')).toBe(false); // Amex must be 15 digits
  });

  it('checks ABA routing numbers with the 3-7-1 weights and a Federal Reserve prefix', () => {
    expect(isAbaRoutingNumber('021000021')).toBe(true); // JPMorgan Chase
    expect(isAbaRoutingNumber('011000015')).toBe(true); // Federal Reserve Boston
    expect(isAbaRoutingNumber('021000022')).toBe(false);
    expect(isAbaRoutingNumber('521000027')).toBe(false); // checksum fine, prefix 52 unassigned
    expect(isAbaRoutingNumber('02100002')).toBe(false);
  });

  it('checks NHS numbers with mod 11 and refuses a check value of 10', () => {
    expect(isNhsNumber('9434765919')).toBe(true);
    expect(isNhsNumber('9434765918')).toBe(false);
    expect(isNhsNumber('9434765910')).toBe(false); // a wrong check digit of 0 is as wrong as any other
    expect(isNhsNumber('1000000010')).toBe(false); // weighted sum 12 → check value 10: never issued, whatever the last digit
  });

  it('applies the SSA numbering rules to SSNs and the IRS group ranges to ITINs', () => {
    expect(isSsn('123456789')).toBe(true);
    for (const bad of ['000456789', '666456789', '912456789', '123006789', '123450000']) expect(isSsn(bad), bad).toBe(false);
    expect(isItin('912701234')).toBe(true);
    expect(isItin('912931234')).toBe(false); // group 93 is not issued
    expect(isItin('812701234')).toBe(false);
  });

  it('refuses impossible or future birth dates', () => {
    expect(isPlausibleBirthDate(1985, 3, 14)).toBe(true);
    expect(isPlausibleBirthDate(2000, 2, 29)).toBe(true);
    expect(isPlausibleBirthDate(1999, 2, 29)).toBe(false);
    expect(isPlausibleBirthDate(1985, 13, 1)).toBe(false);
    expect(isPlausibleBirthDate(2999, 1, 1)).toBe(false);
  });
});
