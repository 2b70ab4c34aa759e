import lpn from 'google-libphonenumber';
import { describe, expect, it } from 'vitest';
import { seededBelow } from '../../../../models/seeded-random.ts';
// Importing the recognisers installs the compiled-once matchesEntirely.
import { isValidInternationalWithoutParse, isValidNanpWithoutParse, isValidNumberForRegion } from '../../../../main/gateway/pii/categories.ts';

const util = lpn.PhoneNumberUtil.getInstance();
/** Part of the library's API that its type declarations leave out. */
const metadataFor = (region: string): { getGeneralDesc(): { getNationalNumberPatternOrDefault(): string } } =>
  (util as unknown as { getMetadataForRegion(r: string): ReturnType<typeof metadataFor> }).getMetadataForRegion(region);
const PNF = lpn.PhoneNumberFormat;
const matchesEntirely = (lpn.PhoneNumberUtil as unknown as { matchesEntirely: (p: string | RegExp, t: string) => boolean }).matchesEntirely;

/** The library's own definition, compiling the pattern on every call. */
function reference(pattern: string | RegExp, text: string): boolean {
  const m = text.match(new RegExp(`^(?:${typeof pattern === 'string' ? pattern : pattern.source})$`, 'i'));
  return m !== null && m[0].length === text.length;
}

describe('libphonenumber with its metadata patterns compiled once', () => {
  it('answers exactly as the library definition on every region’s example numbers, in both directions', () => {
    let compared = 0;
    let positives = 0;
    for (const region of util.getSupportedRegions()) {
      const example = util.getExampleNumber(region);
      if (example === undefined) continue;
      const national = String(example.getNationalNumber());
      const pattern = metadataFor(region).getGeneralDesc().getNationalNumberPatternOrDefault();
      // The region's own pattern against its own number (true), a number one digit longer and a letter suffix (false mostly).
      for (const text of [national, `${national}9`, `${national}x`, national.slice(1)]) {
        const expected = reference(pattern, text);
        expect(matchesEntirely(pattern, text), `${region} ${text}`).toBe(expected);
        expect(matchesEntirely(new RegExp(pattern, 'g'), text), `${region} ${text} as RegExp`).toBe(expected);
        if (expected) positives++;
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(800);
    expect(positives).toBeGreaterThan(200);
  });

  it('still validates every region’s example number and refuses it with a digit dropped', () => {
    let checked = 0;
    for (const region of util.getSupportedRegions()) {
      const example = util.getExampleNumber(region);
      if (example === undefined) continue;
      const international = util.format(example, PNF.INTERNATIONAL);
      const parsed = util.parse(international, region);
      expect(util.isValidNumberForRegion(parsed, region), `${region} ${international}`).toBe(true);
      const shorter = util.parse(international.slice(0, -1), region);
      expect(util.isValidNumber(shorter) && util.getRegionCodeForNumber(shorter) === region && util.getNationalSignificantNumber(shorter) === String(example.getNationalNumber())).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(200);
  });
});

describe('NANP numbers validated without parse()', () => {
  /** What the recogniser asked before: parse, then the region's validity. */
  const viaParse = (candidate: string, region: string): boolean => {
    try {
      return util.isValidNumberForRegion(util.parse(candidate, region), region);
    } catch {
      return false;
    }
  };

  it('answers as parse() + isValidNumberForRegion on every format, valid and invalid numbers alike', () => {
    let seed = 7;
    const digit = (): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return seed % 10;
    };
    const formats = [
      (a: string, e: string, l: string) => `${a}${e}${l}`,
      (a: string, e: string, l: string) => `${a}.${e}.${l}`,
      (a: string, e: string, l: string) => `(${a}) ${e}-${l}`,
      (a: string, e: string, l: string) => `1 ${a} ${e} ${l}`,
      (a: string, e: string, l: string) => `1-${a}-${e}-${l}`,
      (a: string, e: string, l: string) => `+1 ${a} ${e} ${l}`,
      (a: string, e: string, l: string) => `+1 (${a}) ${e}-${l}`,
      (a: string, e: string, l: string) => `+1${a}${e}${l}`,
    ];
    let fast = 0;
    for (let i = 0; i < 3000; i++) {
      const area = `${digit()}${digit()}${digit()}`;
      const exchange = `${digit()}${digit()}${digit()}`;
      const line = `${digit()}${digit()}${digit()}${digit()}`;
      for (const region of ['US', 'CA', 'PR']) {
        for (const format of formats) {
          const candidate = format(area, exchange, line);
          const proved = isValidNanpWithoutParse(candidate, region);
          if (proved) fast++;
          // A proof is parse()'s answer; where there is none, the recogniser still asks parse().
          if (proved) expect(viaParse(candidate, region), `${candidate} in ${region}`).toBe(true);
          else if (/^\+?1?[ .(-]*[2-9]\d\d[ .)-]*[2-9]/.test(candidate)) expect(viaParse(candidate, region), `${candidate} in ${region}`).toBe(false);
        }
      }
    }
    expect(fast).toBeGreaterThan(5_000); // the valid ones among random digits take the short path
  });

  it('takes no short path outside NANP regions or for other country codes', () => {
    expect(isValidNanpWithoutParse('+1 415 651 1672', 'US')).toBe(true);
    expect(isValidNanpWithoutParse('415.651.1672', 'GB')).toBe(false);
    expect(isValidNanpWithoutParse('+44 20 7946 0314', 'US')).toBe(false);
    expect(isValidNanpWithoutParse('0415 651 1672', 'US')).toBe(false);
  });
});

describe('isValidNumberForRegion from the compiled metadata', () => {
  const TYPES = Object.values(lpn.PhoneNumberType).filter((t): t is lpn.PhoneNumberType => typeof t === 'number');

  it('answers as the library for every region’s example numbers of every type, their near misses and other calling codes', () => {
    const random = seededBelow(11);
    const regions = util.getSupportedRegions();
    let compared = 0;
    let valid = 0;
    for (const region of regions) {
      const own = util.getCountryCodeForRegion(region);
      const other = util.getCountryCodeForRegion(regions[random(regions.length)] ?? 'US');
      const nationals = new Set<string>();
      for (const type of TYPES) {
        const example = util.getExampleNumberForType(region, type);
        if (example === undefined || example === null) continue;
        const nsn = util.getNationalSignificantNumber(example);
        nationals.add(nsn);
        nationals.add(nsn.slice(0, -1));
        nationals.add(`${nsn}${random(10)}`);
        for (let k = 0; k < 4; k++) {
          const at = random(nsn.length);
          nationals.add(`${nsn.slice(0, at)}${random(10)}${nsn.slice(at + 1)}`);
        }
      }
      for (let k = 0; k < 8; k++) nationals.add(String(10 ** (4 + random(10)) + random(1e9)));
      for (const nsn of nationals) {
        if (!/^[1-9]\d*$/.test(nsn)) continue; // a national number is stored as a number: no leading zero
        for (const cc of [own, other]) {
          const number = new lpn.PhoneNumber();
          number.setCountryCode(cc);
          number.setNationalNumber(Number(nsn));
          const expected = util.isValidNumberForRegion(number, region);
          expect(isValidNumberForRegion(number, region), `+${cc} ${nsn} in ${region}`).toBe(expected);
          if (expected) valid++;
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(15_000);
    expect(valid).toBeGreaterThan(1_500);
  });

  it('refuses an unknown region, as the library does', () => {
    const number = util.parse('+1 415 651 1672', 'US');
    expect(isValidNumberForRegion(number, 'US')).toBe(true);
    expect(isValidNumberForRegion(number, 'ZZ')).toBe(util.isValidNumberForRegion(number, 'ZZ'));
    expect(isValidNumberForRegion(number, 'ZZ')).toBe(false);
    expect(isValidNumberForRegion(number, 'GB')).toBe(false);
  });
});

describe('international numbers validated without parse()', () => {
  it('proves a number valid only where parse() reads it as a valid number of its calling code’s home region', () => {
    const random = seededBelow(5);
    // How the candidate pattern can see a number: grouped, dashed, dotted, bracketed, run together.
    const layouts = [
      (cc: string, n: string) => `+${cc} ${n.slice(0, 2)} ${n.slice(2, 6)} ${n.slice(6)}`.trimEnd(),
      (cc: string, n: string) => `+${cc}-${n.slice(0, 3)}-${n.slice(3)}`,
      (cc: string, n: string) => `+${cc}.${n.slice(0, 3)}.${n.slice(3, 6)}.${n.slice(6)}`.replace(/\.$/, ''),
      (cc: string, n: string) => `+${cc} (${n.slice(0, 3)}) ${n.slice(3)}`,
      (cc: string, n: string) => `+${cc}${n}`,
      (cc: string, n: string) => `+${cc} 0${n}`,
    ];
    /** The region's national prefix written after the calling code, which parse() may strip: "+7 8 495 …". */
    const nationalPrefixOf = (region: string): string =>
      (util as unknown as { getMetadataForRegion(r: string): { getNationalPrefix(): string | null } }).getMetadataForRegion(region).getNationalPrefix() ?? '';
    let proved = 0;
    let checked = 0;
    for (const region of util.getSupportedRegions()) {
      const cc = String(util.getCountryCodeForRegion(region));
      const nationals = new Set<string>();
      for (const type of Object.values(lpn.PhoneNumberType).filter((t): t is lpn.PhoneNumberType => typeof t === 'number')) {
        const example = util.getExampleNumberForType(region, type);
        if (example === undefined || example === null) continue;
        const nsn = util.getNationalSignificantNumber(example);
        nationals.add(nsn);
        nationals.add(nsn.slice(0, -1));
        const at = random(nsn.length);
        nationals.add(`${nsn.slice(0, at)}${random(10)}${nsn.slice(at + 1)}`);
      }
      nationals.add(String(random(1e9)));
      for (const national of nationals) {
        for (const layout of [...layouts, (c: string, n: string) => `+${c} ${nationalPrefixOf(region)}${n}`]) {
          const candidate = layout(cc, national);
          const fast = isValidInternationalWithoutParse(candidate);
          checked++;
          if (!fast) continue;
          proved++;
          // What the recogniser would otherwise have asked, with any default region: parse, then the home region.
          for (const defaultRegion of ['US', 'GB', 'DE']) {
            const parsed = util.parse(candidate, defaultRegion);
            const home = util.getRegionCodeForCountryCode(parsed.getCountryCodeOrDefault());
            expect(util.isValidNumberForRegion(parsed, home), `${candidate} read in ${defaultRegion}`).toBe(true);
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(20_000);
    expect(proved).toBeGreaterThan(2_000);
  });

  it('leaves to parse() what it cannot read one way: no calling code, a leading zero, a national prefix', () => {
    expect(isValidInternationalWithoutParse('+44 20 7946 0314')).toBe(true);
    expect(isValidInternationalWithoutParse('+1 415 651 1672')).toBe(true);
    expect(isValidInternationalWithoutParse('020 7946 0314')).toBe(false); // no '+'
    expect(isValidInternationalWithoutParse('+44 020 7946 0314')).toBe(false); // the leading 0 is parse()'s to strip
    expect(isValidInternationalWithoutParse('+0 20 7946 0314')).toBe(false);
    expect(isValidInternationalWithoutParse('+44 20 7946 031')).toBe(false); // one digit short: not valid
  });
});
