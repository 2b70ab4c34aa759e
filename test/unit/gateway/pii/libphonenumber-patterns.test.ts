import lpn from 'google-libphonenumber';
import { describe, expect, it } from 'vitest';
// Importing the recognisers installs the compiled-once matchesEntirely.
import { isValidNanpWithoutParse } from '../../../../main/gateway/pii/categories.ts';

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
