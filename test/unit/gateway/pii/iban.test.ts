import { composeIBAN, countrySpecs, friendlyFormatIBAN, isValidIBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import { seededBelow } from '../../../../models/seeded-random.ts';
import { isValidIban } from '../../../../main/gateway/pii/categories.ts';
import { detectPii } from '../../../../main/gateway/pii/detector.ts';

describe('IBAN validity with the BBAN pattern compiled once', () => {
  it('answers as ibantools.isValidIBAN for valid IBANs of every country, their near misses and malformed input', () => {
    const random = seededBelow(13);
    const pick = (alphabet: string): string => alphabet[random(alphabet.length)] ?? '0';
    const classes: Record<string, string> = { '0-9': '0123456789', 'A-Z': 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'A-Z0-9': '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'a-zA-Z0-9': '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ' };
    /** A BBAN the country's pattern accepts, built from its [class]{n} pieces. */
    const bbanFor = (pattern: string): string =>
      [...pattern.matchAll(/\[([^\]]+)\]\{(\d+)\}/g)].map(([, cls, n]) => Array.from({ length: Number(n) }, () => pick(classes[cls ?? ''] ?? '0123456789')).join('')).join('');
    let compared = 0;
    let valid = 0;
    for (const [countryCode, spec] of Object.entries(countrySpecs)) {
      if (!spec.bban_regexp || !spec.chars) continue;
      for (let k = 0; k < 40; k++) {
        const iban = composeIBAN({ countryCode, bban: bbanFor(spec.bban_regexp) });
        const candidates = iban === null ? [] : [iban];
        if (iban !== null) {
          const at = 4 + random(iban.length - 4);
          candidates.push(`${iban.slice(0, at)}${pick('0123456789')}${iban.slice(at + 1)}`); // one character changed
          candidates.push(`${iban.slice(0, 2)}${iban.slice(3, 4)}${iban.slice(2, 3)}${iban.slice(4)}`); // check digits swapped
          candidates.push(iban.slice(0, -1), `${iban}0`, `${iban.slice(0, 2)}XX${iban.slice(4)}`, iban.toLowerCase());
        }
        candidates.push(`${countryCode}${String(random(100)).padStart(2, '0')}${Array.from({ length: spec.chars - 4 }, () => pick('0123456789')).join('')}`);
        for (const candidate of candidates) {
          const expected = isValidIBAN(candidate);
          expect(isValidIban(candidate), candidate).toBe(expected);
          if (expected) valid++;
          compared++;
        }
      }
    }
    for (const odd of ['', 'D', 'DE', 'ZZ89370400440532013000', 'DE89 3704 0044 0532 0130 00', '__proto__', 'DE8937040044053201300!']) {
      expect(isValidIban(odd), odd).toBe(isValidIBAN(odd));
    }
    expect(compared).toBeGreaterThan(20_000);
    expect(valid).toBeGreaterThan(3_000);
  });
});

describe('IBANs in text followed by short words', () => {
  const found = (text: string): string[] => detectPii(text).filter((f) => f.category === 'IBAN').map((f) => f.value);

  it('ends the IBAN at its country\'s length, not at the last group the pattern swallowed', () => {
    expect(found('Pay to BE68 5390 0754 7034 from your bank account.')).toEqual(['BE68 5390 0754 7034']);
    expect(found('Pay to AT61 1904 3002 3457 3201 to me by the end.')).toEqual(['AT61 1904 3002 3457 3201']);
    expect(found('BE68539007547034 from your own bank.')).toEqual(['BE68539007547034']);
    expect(found('IBAN GB82 WEST 1234 5698 7654 32 a b c')).toEqual(['GB82 WEST 1234 5698 7654 32']);
  });

  it('finds a valid IBAN of every country before short words, grouped and compact', () => {
    const random = seededBelow(29);
    for (const [countryCode, spec] of Object.entries(countrySpecs)) {
      if (!spec.bban_regexp || !spec.chars) continue;
      const bban = [...spec.bban_regexp.matchAll(/\[([^\]]+)\]\{(\d+)\}/g)]
        .map(([, cls, n]) => Array.from({ length: Number(n) }, () => (cls === '0-9' ? String(random(10)) : 'ABCDEFGHJKLMNPQRSTUVWXYZ'[random(24)])).join(''))
        .join('');
      const iban = composeIBAN({ countryCode, bban });
      if (iban === null || !isValidIBAN(iban)) continue;
      const grouped = friendlyFormatIBAN(iban) ?? iban;
      expect(found(`Pay to ${grouped} from your bank account.`), grouped).toEqual([grouped]);
      expect(found(`Pay to ${iban} from your own bank.`), iban).toEqual([iban]);
    }
  });

  it('refuses an IBAN with a wrong check digit or a digit too many, whatever follows it', () => {
    expect(found('Pay to BE69 5390 0754 7034 from your bank account.')).toEqual([]);
    expect(found('Pay to BE68 5390 0754 70341 from your bank account.')).toEqual([]);
  });
});
