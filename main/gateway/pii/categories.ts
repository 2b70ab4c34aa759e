// The PII categories and one recogniser per category. Recognisers are pure: they read the text
// and push candidates; overlap resolution happens in detector.ts.
import { isIP } from 'node:net';
import lpn from 'google-libphonenumber';
import { countrySpecs, electronicFormatIBAN } from 'ibantools';
import {
  isAbaRoutingNumber,
  isCreditCardNumber,
  isItin,
  isNhsNumber,
  isPlausibleBirthDate,
  isSsn,
} from './checksums.ts';
import { findPersonNames } from './person-names.ts';

export const PII_CATEGORIES = [
  'EMAIL',
  'PHONE',
  'SSN',
  'ITIN',
  'CREDIT_CARD',
  'IBAN',
  'ABA_ROUTING',
  'IPV4',
  'IPV6',
  'MAC',
  'URL_CREDENTIALS',
  'DATE_OF_BIRTH',
  'PASSPORT',
  'DRIVER_LICENCE',
  'STREET_ADDRESS',
  'PERSON_NAME',
  'NHS_NUMBER',
  'MEDICAL_RECORD_NUMBER',
] as const;
export type PiiCategory = (typeof PII_CATEGORIES)[number];

/** Categories whose acceptance rests on a checksum or a numbering/format rule rather than on context alone. */
export const CHECKSUM_BACKED: readonly PiiCategory[] = [
  'CREDIT_CARD',
  'IBAN',
  'ABA_ROUTING',
  'NHS_NUMBER',
  'SSN',
  'EMAIL',
  'PHONE',
  'IPV4',
  'IPV6',
  'MAC',
];

export interface PiiOptions {
  /** Governance packs: HIPAA turns on medical record numbers; GDPR adds European phone regions. */
  packs: { hipaa: boolean; gdpr: boolean };
  /** ISO 3166 region used to read phone numbers written without a country code, e.g. 'US' or 'GB'. */
  region: string;
  /**
   * 'lexicon' (default): names from compromise's name lexicon plus honorific and label context.
   * 'nlp': additionally runs compromise's people() on candidate sentences (slower, see RESULTS.md).
   */
  names?: 'lexicon' | 'nlp';
}

export const DEFAULT_PII_OPTIONS: PiiOptions = { packs: { hipaa: false, gdpr: false }, region: 'US' };

/** Higher wins an overlap; then the longer span. */
export const Confidence = {
  checksumInContext: 5,
  checksum: 4,
  structure: 3,
  context: 2,
  pattern: 1,
  nameGuess: 0,
} as const;

export interface PiiCandidate {
  category: PiiCategory;
  start: number;
  end: number;
  value: string;
  confidence: number;
}

export interface Recogniser {
  readonly category: PiiCategory;
  enabled(options: PiiOptions): boolean;
  find(text: string, options: PiiOptions, out: PiiCandidate[]): void;
}

const always = (_options: PiiOptions): boolean => true;

function push(out: PiiCandidate[], category: PiiCategory, start: number, value: string, confidence: number): void {
  out.push({ category, start, end: start + value.length, value, confidence });
}

/** The ASCII digits of `s` (what `s.replace(/\D/g, '')` gives), without a regex per call. */
function digitsOf(s: string): string {
  let out = '';
  let copied = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) continue;
    out += s.slice(copied, i);
    copied = i + 1;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** Tests `re` against the text just before `start`, within the same sentence. */
function hasContextBefore(text: string, start: number, re: RegExp, window: number): boolean {
  // Searched within the window's own slice: lastIndexOf on the whole text would scan back to its start.
  const before = text.slice(Math.max(0, start - window), start);
  const boundary = Math.max(before.lastIndexOf('. '), before.lastIndexOf('\n'), before.lastIndexOf('; '), before.lastIndexOf('? '), before.lastIndexOf('! '));
  return re.test(boundary === -1 ? before : before.slice(boundary + 1));
}

/** Not followed by '_' or '-' and more of a key, unless that is a number word ("_number", "-no"). */
const KEY_CONTINUES = /(?![_-]+(?!(?:number|no|nr|num)(?![A-Za-z0-9]))[A-Za-z0-9])/;

/**
 * A label: `words` with each space read as any run of spaces, '_' or '-' (so "routing number",
 * "routing_number" and "routing-number" all match), bounded by anything but a letter or digit, so a
 * JSON key ("nhs_number": …) labels its value as the words do in prose.
 */
function labelRe(words: string, flags: string): RegExp {
  // A label must end its key: "call_duration_ms" and "sms_count" are not phone labels, "routing_number" is a routing label.
  return new RegExp(`(?<![A-Za-z0-9])${keyLabelRe(words, flags).source}${KEY_CONTINUES.source}`, flags);
}

/**
 * labelRe without its leading bound, for keys scanned over the whole text: a lookbehind before the
 * alternation made those scans 1.7× slower, so findKeyed tests the character before a match itself.
 */
function keyLabelRe(words: string, flags: string): RegExp {
  return new RegExp(`(?:${words.replaceAll(' ', '[\\s_-]+')})(?![A-Za-z0-9])`, flags);
}

const LETTER_OR_DIGIT = /[A-Za-z0-9]/;

// Filler allowed between a context keyword and the value it labels: "passport no.: X", "DOB is X",
// JSON's quotes ("dob": "X") and a format hint ("Date of birth (MM/DD/YYYY): X").
const KEY_GAP = /^[\s:#,.()–"'=_-]*(?:(?:is|was|on|of|no|nr|num|number|id|#|\([A-Za-z/ .-]{2,12}\))[\s:#,.()–"'=_-]*){0,3}$/i;

/** Finds `valueRe` (global) in a short window after each match of the global `keyRe`. */
function findKeyed(
  text: string,
  keyRe: RegExp,
  valueRe: RegExp,
  window: number,
  accept: (m: RegExpExecArray) => boolean,
  emit: (start: number, value: string) => void,
): void {
  keyRe.lastIndex = 0;
  for (let key = keyRe.exec(text); key !== null; key = keyRe.exec(text)) {
    if (key.index > 0 && LETTER_OR_DIGIT.test(text[key.index - 1] ?? '')) {
      keyRe.lastIndex = key.index + 1; // the tail of a longer word: a label may still start inside it
      continue;
    }
    const from = key.index + key[0].length;
    const slice = text.slice(from, from + window);
    valueRe.lastIndex = 0;
    const m = valueRe.exec(slice);
    if (m !== null && KEY_GAP.test(slice.slice(0, m.index)) && accept(m)) emit(from + m.index, m[0]);
    if (key[0].length === 0) keyRe.lastIndex++;
  }
}

// ---------------------------------------------------------------- EMAIL

// Letters and digits of any script (RFC 6531 addresses, IDN domains: josé.garcía@empresa.es,
// anna@müller.de) and the apostrophe of o'brien@example.com; a quote that opens the address is trimmed.
const LOCAL_CHAR = /[\p{L}\p{M}\p{N}._%+'’-]/u;
// Labels before the top-level domain; the top-level domain itself is read by topLevelDomainEnd.
const DOMAIN_LABELS_RE = /^(?:[\p{L}\p{N}](?:[\p{L}\p{M}\p{N}-]{0,61}[\p{L}\p{M}\p{N}])?\.)+/u;
const LEADING_NOT_LOCAL = /[.'’]/;
const LETTER = /^\p{L}$/u;
const MARK = /^\p{M}$/u;
// Scripts written without spaces between words: an address next to their text has no visible end
// ("请把报告发给王伟@example.com谢谢"), so a scan stops where they start unless the address is in them.
const UNSPACED_SCRIPTS = ['Han', 'Hiragana', 'Katakana', 'Hangul', 'Thai', 'Lao', 'Khmer', 'Myanmar'] as const;
const SPACED_SCRIPTS = ['Latin', 'Greek', 'Cyrillic', 'Armenian', 'Georgian', 'Hebrew', 'Arabic', 'Devanagari', 'Bengali', 'Tamil', 'Ethiopic'] as const;
const SCRIPT_RES: ReadonlyArray<[string, RegExp]> = [...UNSPACED_SCRIPTS, ...SPACED_SCRIPTS].map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, 'u')]);
const UNSPACED = new Set<string>(UNSPACED_SCRIPTS);

/** The script of a letter ('Other' for scripts not listed); marks take the script of their letter, so the caller skips them. */
function scriptOf(letter: string): string {
  for (const [name, re] of SCRIPT_RES) if (re.test(letter)) return name;
  return 'Other';
}

/** The script of the first letter of `text`, or null when it starts with something else. */
function leadingScript(text: string): string | null {
  const cp = text.codePointAt(0);
  if (cp === undefined) return null;
  const ch = String.fromCodePoint(cp);
  return LETTER.test(ch) ? scriptOf(ch) : null;
}

/**
 * Where the local part before `at` starts: back over local-part characters, stopping where the
 * letters change script, and at an unspaced script unless the domain is written in it too.
 */
function localPartStart(text: string, at: number, domainScript: string | null): number {
  let s = at;
  let script: string | null = null;
  while (s > 0) {
    const ch = text[s - 1] ?? '';
    if (!LOCAL_CHAR.test(ch)) break;
    // Marks of a listed script (Thai vowel signs) count as its letters; combining accents have none.
    const own = LETTER.test(ch) || MARK.test(ch) ? scriptOf(ch) : null;
    if (own !== null && (LETTER.test(ch) || own !== 'Other')) {
      if (script === null && UNSPACED.has(own) && own !== domainScript) break;
      if (script !== null && own !== script) break;
      script = own;
    }
    s--;
  }
  return s;
}

/**
 * The end of a top-level domain starting at `from`: letters (and their marks) of one script, two to
 * twenty-four of them. It must end where its script's letters end; an unspaced script's must end at
 * something that is not a letter at all. -1 when there is none.
 */
function topLevelDomainEnd(text: string, from: number): number {
  const script = leadingScript(text.slice(from, from + 2));
  if (script === null) return -1;
  let end = from;
  let letters = 0;
  while (end < text.length) {
    const ch = text[end] ?? '';
    if (MARK.test(ch) && letters > 0) {
      end++;
      continue;
    }
    if (!LETTER.test(ch) || scriptOf(ch) !== script) break;
    letters++;
    end++;
  }
  if (letters < 2 || letters > 24) return -1;
  const next = text[end] ?? '';
  if (UNSPACED.has(script) && LETTER.test(next)) return -1;
  return end;
}

const email: Recogniser = {
  category: 'EMAIL',
  enabled: always,
  find(text, _options, out) {
    // Expand around each '@' instead of a backtracking regex: linear in the text length.
    for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
      const labels = DOMAIN_LABELS_RE.exec(text.slice(at + 1, at + 256));
      if (labels === null) continue;
      // The last label may be a sentence's last word ("… example.com. Next"): then the one before is the top-level domain.
      let end = -1;
      for (let dot = labels[0].length - 1; end === -1 && dot > 0; dot = labels[0].lastIndexOf('.', dot - 1)) end = topLevelDomainEnd(text, at + 2 + dot);
      if (end === -1) continue;
      let s = localPartStart(text, at, leadingScript(labels[0]));
      while (s < at && LEADING_NOT_LOCAL.test(text[s] ?? '')) s++;
      if (s === at) continue;
      // A scheme before the local part means user:pass@host, which URL_CREDENTIALS owns.
      push(out, 'EMAIL', s, text.slice(s, end), Confidence.structure);
    }
  },
};

// ---------------------------------------------------------------- URL_CREDENTIALS

// The user may be empty (redis://:password@host): the password alone is the secret.
const URL_CREDENTIALS_AT = /\b[a-zA-Z][a-zA-Z0-9+.-]{1,15}:\/\/[^\s:/@]*:[^\s/@]+@[^\s/?#"'<>]+/y;
const SCHEME_CHAR = /[a-zA-Z0-9+.-]/;

const urlCredentials: Recogniser = {
  category: 'URL_CREDENTIALS',
  enabled: always,
  find(text, _options, out) {
    // Anchored on each "://": walk back over the scheme, then one sticky match, instead of a scan from every word.
    for (let sep = text.indexOf('://'); sep !== -1; sep = text.indexOf('://', sep + 3)) {
      let start = sep;
      while (start > 0 && sep - start < 16 && SCHEME_CHAR.test(text[start - 1] ?? '')) start--;
      // The scheme begins with a letter; leading digits or signs belong before it.
      while (start < sep && !/[a-zA-Z]/.test(text[start] ?? '')) start++;
      if (sep - start < 2) continue;
      URL_CREDENTIALS_AT.lastIndex = start;
      const m = URL_CREDENTIALS_AT.exec(text);
      if (m === null) continue;
      const value = m[0].replace(/[.,;:)\]]+$/, '');
      push(out, 'URL_CREDENTIALS', start, value, Confidence.structure);
      sep = start + m[0].length - 3;
    }
  },
};

// ---------------------------------------------------------------- PHONE

const phoneUtil = lpn.PhoneNumberUtil.getInstance();

/**
 * google-libphonenumber's matchesEntirely() compiles `new RegExp('^(?:' + pattern + ')$', 'i')` on
 * every call, for every metadata pattern a parse or validation tests; that compilation was most of
 * the time of parse() and isValidNumberForRegion() (4–7× slower). Same test, regexes compiled once
 * per pattern. The cache is keyed by the library's own metadata patterns (a bounded set), never by
 * the text being matched, so no request data is kept.
 */
function compileLibphonenumberPatternsOnce(): void {
  const util = lpn.PhoneNumberUtil as unknown as { matchesEntirely?: (pattern: string | RegExp, text: string) => boolean };
  if (typeof util.matchesEntirely !== 'function') return; // a different library build: keep its own
  const compiled = new Map<string, RegExp>();
  util.matchesEntirely = (pattern, text) => {
    const source = typeof pattern === 'string' ? pattern : pattern.source;
    let re = compiled.get(source);
    if (re === undefined) {
      re = new RegExp(`^(?:${source})$`, 'i');
      compiled.set(source, re);
    }
    const m = re.exec(text);
    return m !== null && m[0].length === text.length;
  };
}
compileLibphonenumberPatternsOnce();
/** The text before a number ends in the start of an IBAN ("NL80 INGB "): the digits belong to it. */
const IBAN_HEAD_BEFORE = /\b[A-Z]{2}\d{2}(?: [A-Z0-9]{4})* $/;
const EUROPEAN_REGIONS = ['GB', 'IE', 'DE', 'FR', 'NL', 'BE', 'ES', 'IT', 'AT', 'CH', 'SE', 'DK', 'PL', 'PT'];
// Numbers are bounded by letters and digits, not by '\w': '_' wraps values in Markdown (__4111 1111 1111 1111__, _123-45-6789_).
const PHONE_CANDIDATE_RE = /(?<![A-Za-z0-9+./-])(?:\+\d{1,3}[ .-]?)?(?:\(\d{1,5}\)[ .-]?)?\d[\d .-]{4,16}\d(?![A-Za-z0-9/-]|\.\d)/g;
const PHONE_CONTEXT = labelRe('phone|tel|telephone|mobile|cell|call|fax|ring|text|sms|whatsapp', 'i');
const SSN_SHAPE = /^\d{3}-\d{2}-\d{4}$/;
const DOTTED_QUAD = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const DATE_SHAPE = /^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/;

const NANP_REGIONS = new Set(['US', 'CA', 'PR', 'GU', 'VI', 'AS', 'MP']);
const NANP_NATIONAL = /^1?[2-9]\d{2}[2-9]\d{6}$/;
const NANP_INTERNATIONAL = /^1[2-9]\d{2}[2-9]\d{6}$/;

/** The parts of libphonenumber's metadata objects read below; its type declarations leave them out. */
interface NumberDescMetadata {
  possibleLengthArray(): number[];
  getNationalNumberPatternOrDefault(): string;
}
interface RegionMetadata {
  getCountryCodeOrDefault(): number;
  getSameMobileAndFixedLinePattern(): boolean;
  getGeneralDesc(): NumberDescMetadata;
  getMobile(): NumberDescMetadata;
  getNationalPrefixForParsing(): string | null;
  [type: string]: unknown;
}
/** Every number type getNumberTypeHelper_ tries before fixed line and mobile, in its order. */
const OTHER_TYPES = ['getPremiumRate', 'getTollFree', 'getSharedCost', 'getVoip', 'getPersonalNumber', 'getPager', 'getUan', 'getVoicemail', 'getFixedLine'] as const;

const METADATA_GETTERS = ['getCountryCodeOrDefault', 'getSameMobileAndFixedLinePattern', 'getGeneralDesc', 'getMobile', 'getNationalPrefixForParsing'] as const;

/** isNumberMatchingDesc_: a listed length, then the pattern over the whole number. */
type DescTest = (nationalNumber: string) => boolean;
function descTest(desc: NumberDescMetadata | null | undefined): DescTest {
  // A type the metadata leaves out: the library would fail on it, which the recogniser reads as not valid.
  if (desc === null || desc === undefined) return () => false;
  const lengths = desc.possibleLengthArray();
  const pattern = new RegExp(`^(?:${desc.getNationalNumberPatternOrDefault()})$`);
  return (n) => (lengths.length === 0 || lengths.includes(n.length)) && pattern.test(n);
}

interface RegionValidity {
  readonly countryCode: number;
  readonly valid: (nationalNumber: string) => boolean;
  /** parse() may strip a national prefix where this matches the start of the national number. */
  readonly nationalPrefix: RegExp | null;
}

/**
 * isValidNumberForRegion as one function per region, built once from the library's own metadata
 * (its patterns and possible lengths, never request text): the region's calling code, then the
 * general description and any number type, exactly as getNumberTypeHelper_ decides "not UNKNOWN".
 * Inside the gateway the library's parse and validation walked its metadata objects on every
 * number: 55 µs for the four numbers of a 4 KB prompt, 18 µs with this and the proofs below
 * (RESULTS.md §Gateway: pipeline 6). A differential test holds the two equal. `undefined` when the
 * build has no such metadata API: the library then decides.
 */
const regionValidity = new Map<string, RegionValidity | null>();
function validityFor(region: string): RegionValidity | null | undefined {
  let compiled = regionValidity.get(region);
  if (compiled !== undefined) return compiled;
  const util = phoneUtil as unknown as { getMetadataForRegion?: (r: string) => RegionMetadata | null };
  if (typeof util.getMetadataForRegion !== 'function') return undefined;
  const metadata = util.getMetadataForRegion(region);
  if (metadata === null || metadata === undefined) compiled = null;
  else if (![...METADATA_GETTERS, ...OTHER_TYPES].every((getter) => typeof metadata[getter] === 'function')) return undefined;
  else {
    const general = descTest(metadata.getGeneralDesc());
    const types = OTHER_TYPES.map((getter) => descTest((metadata[getter] as () => NumberDescMetadata).call(metadata)));
    // With the same pattern for both, a mobile number is already a fixed-line one; the library then never tests mobile.
    if (!metadata.getSameMobileAndFixedLinePattern()) types.push(descTest(metadata.getMobile()));
    const prefix = metadata.getNationalPrefixForParsing();
    compiled = {
      countryCode: metadata.getCountryCodeOrDefault(),
      valid: (n) => general(n) && types.some((t) => t(n)),
      nationalPrefix: prefix === null || prefix === undefined || prefix === '' ? null : new RegExp(`^(?:${prefix})`),
    };
  }
  regionValidity.set(region, compiled);
  return compiled;
}

/** phoneUtil.isValidNumberForRegion(number, region), from the compiled metadata (never for the non-geographic '001'). */
export function isValidNumberForRegion(number: lpn.PhoneNumber, region: string): boolean {
  const compiled = region === '001' ? undefined : validityFor(region);
  if (compiled === undefined) return phoneUtil.isValidNumberForRegion(number, region);
  return compiled !== null && number.getCountryCodeOrDefault() === compiled.countryCode && compiled.valid(phoneUtil.getNationalSignificantNumber(number));
}

/**
 * Proves a NANP-shaped candidate valid in a NANP region without parse(): for "415.651.1672",
 * "1 415 651 1672" or "+1 415 651 1672" parse() only ever yields country code 1 and the ten digits
 * (no national prefix or IDD left to strip), so the region's compiled validity decides on those
 * digits. Only a true answer is taken; anything else goes the whole way (isValidPhoneIn), so
 * results are parse()'s.
 */
export function isValidNanpWithoutParse(candidate: string, region: string): boolean {
  if (!NANP_REGIONS.has(region)) return false;
  const digits = digitsOf(candidate);
  const international = candidate.startsWith('+');
  if (international ? !NANP_INTERNATIONAL.test(digits) : !NANP_NATIONAL.test(digits)) return false;
  const compiled = validityFor(region);
  if (compiled === undefined) {
    const number = new lpn.PhoneNumber();
    number.setCountryCode(1);
    number.setNationalNumber(Number(digits.slice(-10)));
    return phoneUtil.isValidNumberForRegion(number, region);
  }
  return compiled !== null && compiled.countryCode === 1 && compiled.valid(digits.slice(-10));
}

/**
 * Proves "+44 20 7946 0314" valid without parse() where parse() could only read it one way: the
 * calling code is the first one to three digits that name one (as the library's extractCountryCode
 * takes them), the rest is the national number unchanged when it has no leading zero and its
 * region's national prefix for parsing does not match its start (so parse() strips nothing), and
 * the home region's compiled validity decides. Only a true answer is taken: isValidPhoneIn would
 * have answered true as well (its second check is that region). parse() took ≈ 40 µs a number
 * inside the gateway (RESULTS.md §Gateway: pipeline 6).
 */
export function isValidInternationalWithoutParse(candidate: string): boolean {
  if (!candidate.startsWith('+')) return false;
  const digits = digitsOf(candidate);
  if (digits.length <= 2 || digits.startsWith('0')) return false;
  for (let length = 1; length <= 3; length++) {
    // 'ZZ': no region has this calling code (extractCountryCode then tries one digit more).
    const home: string = phoneUtil.getRegionCodeForCountryCode(Number(digits.slice(0, length)));
    if (home === 'ZZ') continue;
    const national = digits.slice(length);
    if (home === '001' || national.length < 2 || national.length > 17 || national.startsWith('0')) return false;
    const compiled = validityFor(home);
    if (compiled === undefined || compiled === null || compiled.nationalPrefix?.test(national) === true) return false;
    return compiled.valid(national);
  }
  return false;
}

// isValidNumber() tries every region that shares a calling code (about 25 for +1), so validate against
// the one region that matters first; it dominated the detector's profile before this.
function isValidPhoneIn(candidate: string, region: string): boolean {
  try {
    const parsed = phoneUtil.parse(candidate, region);
    if (isValidNumberForRegion(parsed, region)) return true;
    const home = phoneUtil.getRegionCodeForCountryCode(parsed.getCountryCodeOrDefault());
    if (home !== region && isValidNumberForRegion(parsed, home)) return true;
    return candidate.startsWith('+') && phoneUtil.isValidNumber(parsed);
  } catch {
    return false; // not parseable as a phone number in that region: not a phone number
  }
}

function isValidPhone(candidate: string, options: PiiOptions): boolean {
  if (isValidNanpWithoutParse(candidate, options.region)) return true;
  if (candidate.startsWith('+')) return isValidInternationalWithoutParse(candidate) || isValidPhoneIn(candidate, options.region);
  const national = candidate.startsWith('0');
  // Cheap numbering-plan gate before the library: NANP numbers never start with 0 and have 10 digits.
  if (!national && NANP_REGIONS.has(options.region) && !NANP_NATIONAL.test(digitsOf(candidate))) return false;
  if (!(national && NANP_REGIONS.has(options.region)) && isValidPhoneIn(candidate, options.region)) return true;
  return options.packs.gdpr && national && EUROPEAN_REGIONS.some((r) => r !== options.region && isValidPhoneIn(candidate, r));
}

// A number labelled as some other identifier is not a phone number, even when it would dial: the
// keyword, an optional "no."/"number"/"#"/"id", an optional ':' or '#', then the number ("order
// #415-651-1672", "invoice no: 4156511672", "order_id": "…"). A keyword that only mentions the
// order ("About my order, call me at 415-651-1672") does not.
const OTHER_ID_CONTEXT =
  /(?<![A-Za-z0-9])(?:NHS|SSN|ITIN|routing|ABA|IBAN|account|acct|order|ticket|invoice|card|passport|licen[cs]e|MRN|record|ref(?:erence)?|tracking)(?:[\s_-]*(?:no\.?|nr\.?|num(?:ber)?|id|#))?["']?[ \t]*[:#=]?[ \t]*["']?[ \t]*$/i;

function isPhoneShaped(text: string, start: number, value: string): boolean {
  if (SSN_SHAPE.test(value) || DOTTED_QUAD.test(value) || DATE_SHAPE.test(value)) return false;
  // Anchored to the number, so no sentence can end inside it; "no. " is not a sentence break here.
  if (OTHER_ID_CONTEXT.test(text.slice(Math.max(0, start - 28), start)) || IBAN_HEAD_BEFORE.test(text.slice(Math.max(0, start - 40), start))) return false;
  // Plain runs of digits are ids more often than phones: without separators or '+', require phone context.
  return !/^\d+$/.test(value) || hasContextBefore(text, start, PHONE_CONTEXT, 32);
}

/** Already covered by a checksum-validated finding (recognisers for those run before PHONE). */
function claimed(out: readonly PiiCandidate[], start: number, length: number): boolean {
  return out.some((c) => c.confidence >= Confidence.checksum && c.start < start + length && start < c.end);
}

const phone: Recogniser = {
  category: 'PHONE',
  enabled: always,
  find(text, options, out) {
    PHONE_CANDIDATE_RE.lastIndex = 0;
    for (let m = PHONE_CANDIDATE_RE.exec(text); m !== null; m = PHONE_CANDIDATE_RE.exec(text)) {
      // The greedy candidate may run into a following number; retry without its last group.
      for (let value = m[0].trimEnd(), tries = 0; tries < 2; tries++) {
        const n = digitsOf(value).length;
        if (n < 7) break;
        if (n <= 15 && isPhoneShaped(text, m.index, value) && !claimed(out, m.index, value.length) && isValidPhone(value, options)) {
          push(out, 'PHONE', m.index, value, Confidence.context);
          PHONE_CANDIDATE_RE.lastIndex = m.index + value.length;
          break;
        }
        const cut = value.search(/[ .-]+\d+$/);
        if (cut <= 0) break;
        value = value.slice(0, cut);
      }
    }
  },
};

// ---------------------------------------------------------------- SSN / ITIN

const NINE_DIGITS_RE = /(?<![A-Za-z0-9\-.])(\d{3})([ -]?)(\d{2})\2(\d{4})(?![A-Za-z0-9-]|\.\d)/g;
const SSN_CONTEXT = labelRe('SSN|SSA|social security|soc\\.? sec\\.?', 'i');
const ITIN_CONTEXT = labelRe('ITIN|taxpayer|tax id|TIN', 'i');

const ssnAndItin: Recogniser = {
  category: 'SSN',
  enabled: always,
  find(text, _options, out) {
    NINE_DIGITS_RE.lastIndex = 0;
    for (let m = NINE_DIGITS_RE.exec(text); m !== null; m = NINE_DIGITS_RE.exec(text)) {
      const digits = digitsOf(m[0]);
      const separated = m[2] !== '';
      if (isItin(digits)) {
        const ctx = hasContextBefore(text, m.index, ITIN_CONTEXT, 40);
        if (separated || ctx) push(out, 'ITIN', m.index, m[0], ctx ? Confidence.checksumInContext : Confidence.structure);
      } else if (isSsn(digits)) {
        const ctx = hasContextBefore(text, m.index, SSN_CONTEXT, 40);
        // Undelimited nine digits are too often other ids; only SSN context makes them one.
        if (separated) push(out, 'SSN', m.index, m[0], ctx ? Confidence.checksumInContext : Confidence.structure);
        else if (ctx) push(out, 'SSN', m.index, m[0], Confidence.checksumInContext);
      }
    }
  },
};

// ---------------------------------------------------------------- CREDIT_CARD

const CARD_RE =
  /(?<![A-Za-z0-9.-])(?:\d{4}([ .-]?)\d{4}\1\d{4}\1\d{4}(?:\1?\d{1,3})?|\d{4}([ .-]?)\d{6}\2\d{4,5}|\d{12,19})(?![A-Za-z0-9-]|\.\d)/g;

const creditCard: Recogniser = {
  category: 'CREDIT_CARD',
  enabled: always,
  find(text, _options, out) {
    CARD_RE.lastIndex = 0;
    for (let m = CARD_RE.exec(text); m !== null; m = CARD_RE.exec(text)) {
      if (IBAN_HEAD_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      if (isCreditCardNumber(digitsOf(m[0]))) push(out, 'CREDIT_CARD', m.index, m[0], Confidence.checksum);
    }
  },
};

// ---------------------------------------------------------------- IBAN

const IBAN_RE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,4})?(?![A-Za-z0-9])/g;
const CHECK_DIGITS = /^[0-9]{2}$/;
const bbanFormats = new Map<string, RegExp>();

/** The number a string of digits and capital letters (A = 10 … Z = 35) spells, modulo 97; NaN for anything else. */
function mod97(digitsAndLetters: string): number {
  let rest = 0;
  for (let i = 0; i < digitsAndLetters.length; i++) {
    const code = digitsAndLetters.charCodeAt(i);
    if (code >= 0x30 && code <= 0x39) rest = (rest * 10 + (code - 0x30)) % 97;
    else if (code >= 0x41 && code <= 0x5a) rest = (rest * 100 + (code - 55)) % 97;
    else return NaN;
  }
  return rest;
}

/**
 * ibantools' isValidIBAN (QR-IBANs allowed, its default) on an electronic-format IBAN: the same
 * checks in the same order from the library's own country table (length, check digits, the BBAN
 * pattern, the country's national check where the library has one, mod 97), with the BBAN pattern
 * compiled once per country where the library compiles two RegExps and splits the number into an
 * array on every call. Equal by a differential test against the library.
 */
export function isValidIban(iban: string): boolean {
  const countryCode = iban.slice(0, 2);
  const spec = countrySpecs[countryCode];
  if (spec === undefined || spec.bban_regexp === undefined || spec.bban_regexp === null || spec.chars === undefined || spec.chars === null) return false;
  if (spec.chars !== iban.length || !CHECK_DIGITS.test(iban.slice(2, 4))) return false;
  let format = bbanFormats.get(countryCode);
  if (format === undefined) {
    format = new RegExp(spec.bban_regexp);
    bbanFormats.set(countryCode, format);
  }
  const bban = iban.slice(4);
  if (!format.test(bban)) return false;
  if (spec.bban_validation_func && !spec.bban_validation_func(bban.replace(/[\s.]+/g, ''))) return false;
  return 98 - mod97(`${bban}${countryCode}00`) === Number(iban.slice(2, 4));
}

const iban: Recogniser = {
  category: 'IBAN',
  enabled: always,
  find(text, _options, out) {
    IBAN_RE.lastIndex = 0;
    for (let m = IBAN_RE.exec(text); m !== null; m = IBAN_RE.exec(text)) {
      // Greedy grouping may swallow following short words ("BE68 5390 0754 7034 from your bank"):
      // the country's IBAN length says where the number ends.
      const value = ibanPrefix(m[0]);
      if (value === null) continue;
      const electronic = electronicFormatIBAN(value.toUpperCase());
      if (electronic !== null && isValidIban(electronic)) {
        push(out, 'IBAN', m.index, value, Confidence.checksum);
        IBAN_RE.lastIndex = m.index + value.length;
      }
    }
  },
};

/** The leading part of `candidate` holding as many letters and digits as its country's IBAN has, ending where a group does. */
function ibanPrefix(candidate: string): string | null {
  const length = countrySpecs[candidate.slice(0, 2).toUpperCase()]?.chars;
  if (length === undefined || length === null) return null;
  let seen = 0;
  for (let i = 0; i < candidate.length; i++) {
    if (candidate[i] === ' ') continue;
    if (++seen === length) {
      const next = candidate[i + 1];
      return next === undefined || next === ' ' ? candidate.slice(0, i + 1) : null;
    }
  }
  return null;
}

// ---------------------------------------------------------------- ABA_ROUTING

const ABA_RE = /(?<![A-Za-z0-9\-.])\d{9}(?![A-Za-z0-9-]|\.\d)/g;
const ABA_CONTEXT = labelRe('routing|ABA|RTN|transit', 'i');

const abaRouting: Recogniser = {
  category: 'ABA_ROUTING',
  enabled: always,
  find(text, _options, out) {
    ABA_RE.lastIndex = 0;
    for (let m = ABA_RE.exec(text); m !== null; m = ABA_RE.exec(text)) {
      if (isAbaRoutingNumber(m[0]) && hasContextBefore(text, m.index, ABA_CONTEXT, 48)) {
        push(out, 'ABA_ROUTING', m.index, m[0], Confidence.checksumInContext);
      }
    }
  },
};

// ---------------------------------------------------------------- NHS_NUMBER

const NHS_RE = /(?<![A-Za-z0-9\-.])(?:\d{3}([ -])\d{3}\1\d{4}|\d{10})(?![A-Za-z0-9-]|\.\d)/g;
const NHS_CONTEXT = labelRe('NHS|CHI|health (?:service|number)', 'i');

const nhsNumber: Recogniser = {
  category: 'NHS_NUMBER',
  enabled: always,
  find(text, _options, out) {
    NHS_RE.lastIndex = 0;
    for (let m = NHS_RE.exec(text); m !== null; m = NHS_RE.exec(text)) {
      if (!isNhsNumber(digitsOf(m[0]))) continue;
      // One in eleven random ten-digit numbers passes mod 11, so without context it ranks below a valid phone.
      const ctx = hasContextBefore(text, m.index, NHS_CONTEXT, 40);
      if (!ctx && m[1] !== ' ') continue; // without context, only the printed 3-3-4 form is an NHS number
      push(out, 'NHS_NUMBER', m.index, m[0], ctx ? Confidence.checksumInContext : Confidence.pattern);
    }
  },
};

// ---------------------------------------------------------------- IPV4 / IPV6 / MAC

const IPV4_RE = /(?<![A-Za-z0-9.])(?:\d{1,3}\.){3}\d{1,3}(?![A-Za-z0-9]|\.\d)/g;
// IPv6 and MAC are found by anchoring on their separators: a regex scanned from every position of a
// 4 KB prompt cost more than all other recognisers together, because most letters are hex digits.
const IPV6_AT = /(?:[0-9A-Fa-f]{1,4}|:)?(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?<=:)(?:\d{1,3}\.){3}\d{1,3})?(?![\w:])/y;
const MAC_AT = /[0-9A-Fa-f]{2}([:-])(?:[0-9A-Fa-f]{2}\1){4}[0-9A-Fa-f]{2}(?![\w:-]|\.\w)/y;
const CISCO_MAC_AT = /[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w:-]|\.\w)/y;
const HEX = /[0-9A-Fa-f]/;

function execAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** True when the character before `at` would make a match there the tail of a longer token. */
function joinsPrevious(text: string, at: number, chars: RegExp): boolean {
  return at > 0 && chars.test(text[at - 1] ?? '');
}

const ipv4: Recogniser = {
  category: 'IPV4',
  enabled: always,
  find(text, _options, out) {
    IPV4_RE.lastIndex = 0;
    for (let m = IPV4_RE.exec(text); m !== null; m = IPV4_RE.exec(text)) {
      if (isIP(m[0]) === 4) push(out, 'IPV4', m.index, m[0], Confidence.structure);
    }
  },
};

const ipv6: Recogniser = {
  category: 'IPV6',
  enabled: always,
  find(text, _options, out) {
    let done = 0;
    for (let colon = text.indexOf(':'); colon !== -1; colon = text.indexOf(':', Math.max(colon + 1, done))) {
      // Every match has a second ':' at most five characters after its first (":" then up to four
      // hex digits): a label's colon ("Name: …") cannot start one, so the regex is not tried there.
      const second = text.indexOf(':', colon + 1);
      if (second === -1 || second - colon > 5) continue;
      let at = colon;
      while (at > 0 && colon - at < 4 && HEX.test(text[at - 1] ?? '')) at--;
      if (at < done || joinsPrevious(text, at, /[\w:.]/)) continue;
      const m = execAt(IPV6_AT, text, at);
      if (m === null) continue;
      done = at + m[0].length;
      if (m[0].length >= 3 && isIP(m[0]) === 6) push(out, 'IPV6', at, m[0], Confidence.structure);
    }
  },
};

const mac: Recogniser = {
  category: 'MAC',
  enabled: always,
  find(text, _options, out) {
    // A MAC repeats its separator three characters on ("00:1a:…"), a Cisco MAC five on ("001a.2b3c.…"):
    // where it does not, the regex cannot match and is not tried.
    const scan = (sep: string, back: number, re: RegExp): void => {
      const period = back + 1;
      for (let i = text.indexOf(sep); i !== -1; i = text.indexOf(sep, i + 1)) {
        if (text[i + period] !== sep) continue;
        const at = i - back;
        if (at < 0 || joinsPrevious(text, at, /[\w:.-]/)) continue;
        const m = execAt(re, text, at);
        if (m === null) continue;
        push(out, 'MAC', at, m[0], Confidence.structure);
        i = at + m[0].length;
      }
    };
    scan(':', 2, MAC_AT);
    scan('-', 2, MAC_AT);
    scan('.', 4, CISCO_MAC_AT);
  },
};

// ---------------------------------------------------------------- DATE_OF_BIRTH

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAME = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DATE_RE = new RegExp(
  [
    '(\\d{4})[-/.](\\d{1,2})[-/.](\\d{1,2})', // ISO, or 1985/03/14
    '(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4}|\\d{2}(?!\\d))', // 03/14/1985, 14.03.1985 or 03/14/85
    `(\\d{1,2})(?:st|nd|rd|th)?[ -]${MONTH_NAME}(?:,? |-)(\\d{4}|\\d{2}(?!\\d))`, // 14 March 1985 or 14-Mar-1985
    `${MONTH_NAME} (\\d{1,2})(?:st|nd|rd|th)?,? (\\d{4})`, // March 14, 1985
  ].join('|'),
  'gi',
);
const DOB_KEY_RE = keyLabelRe('DOB|D\\.O\\.B\\.?|date of birth|birth(?: )?date|birthday|born(?: on)?', 'gi');

function monthIndex(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** A two-digit year of birth is the latest year it can be: 85 is 1985, 07 is 2007 (in 2026). */
function fullYear(year: string, now = new Date()): number {
  if (year.length !== 2) return Number(year);
  const century = now.getUTCFullYear() - (now.getUTCFullYear() % 100);
  const y = century + Number(year);
  return y > now.getUTCFullYear() ? y - 100 : y;
}

function isBirthDateMatch(m: RegExpExecArray): boolean {
  const g = (i: number): number => (i === 6 || i === 9 ? fullYear(m[i] ?? '') : Number(m[i]));
  if (m[1] !== undefined) return isPlausibleBirthDate(g(1), g(2), g(3));
  if (m[4] !== undefined) return isPlausibleBirthDate(g(6), g(4), g(5)) || isPlausibleBirthDate(g(6), g(5), g(4));
  if (m[7] !== undefined) return isPlausibleBirthDate(g(9), monthIndex(m[8] ?? ''), g(7));
  return isPlausibleBirthDate(g(12), monthIndex(m[10] ?? ''), g(11));
}

const dateOfBirth: Recogniser = {
  category: 'DATE_OF_BIRTH',
  enabled: always,
  find(text, _options, out) {
    findKeyed(text, DOB_KEY_RE, DATE_RE, 40, isBirthDateMatch, (start, value) =>
      push(out, 'DATE_OF_BIRTH', start, value, Confidence.context),
    );
  },
};

// ---------------------------------------------------------------- context-keyed identifiers

const ID_TOKEN_RE = /(?<![A-Za-z0-9-])(?=[A-Z0-9-]*\d)[A-Z0-9][A-Z0-9-]{4,19}(?![A-Za-z0-9-])/g;
const PASSPORT_KEY_RE = keyLabelRe('passport(?: (?:number|no\\.?|#))?', 'gi');
const LICENCE_KEY_RE = keyLabelRe("(?:driv(?:er['’]?s?|ing) licen[cs]e|DL)(?: (?:number|no\\.?|#))?", 'gi');
const MRN_KEY_RE = keyLabelRe('MRN|medical record(?: (?:number|no\\.?|#))?|patient (?:id|number)|chart (?:number|no\\.?)', 'gi');

function keyedId(category: PiiCategory, keyRe: RegExp, minLen: number, maxLen: number, minDigits: number, enabled = always): Recogniser {
  return {
    category,
    enabled,
    find(text, _options, out) {
      findKeyed(
        text,
        keyRe,
        ID_TOKEN_RE,
        32,
        (m) => m[0].length >= minLen && m[0].length <= maxLen && digitsOf(m[0]).length >= minDigits,
        (start, value) => push(out, category, start, value, Confidence.context),
      );
    },
  };
}

const passport = keyedId('PASSPORT', PASSPORT_KEY_RE, 6, 12, 5);
const driverLicence = keyedId('DRIVER_LICENCE', LICENCE_KEY_RE, 5, 20, 4);
const medicalRecordNumber = keyedId('MEDICAL_RECORD_NUMBER', MRN_KEY_RE, 5, 16, 4, (o) => o.packs.hipaa);

// ---------------------------------------------------------------- STREET_ADDRESS

const STREET_SUFFIX =
  'Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Place|Pl|Terrace|Way|Close|Crescent|Square|Sq|Highway|Hwy|Parkway|Pkwy|Circle|Cir|Gardens|Row|Mews';
const STREET_RE = new RegExp(
  `\\b\\d{1,5}[A-Za-z]?(?:-\\d{1,5})?,? (?:(?:North|South|East|West|N|S|E|W)\\.? )?(?:[A-Z][a-z]+\\.? ){1,3}(?:${STREET_SUFFIX})\\b\\.?` +
    `(?:,? (?:Apt|Apartment|Suite|Ste|Unit|Flat)\\.? #?[A-Za-z0-9-]+)?` +
    `(?:, (?:[A-Z][a-z]+ ){0,2}[A-Z][a-z]+(?:,? [A-Z]{2} \\d{5}(?:-\\d{4})?|,? [A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2})?)?`,
  'g',
);

const PO_BOX_RE = /\bP\.? ?O\.? Box \d{1,6}(?:, (?:[A-Z][a-z]+ )?[A-Z][a-z]+)?/g;

const streetAddress: Recogniser = {
  category: 'STREET_ADDRESS',
  enabled: always,
  find(text, _options, out) {
    STREET_RE.lastIndex = 0;
    for (let m = STREET_RE.exec(text); m !== null; m = STREET_RE.exec(text)) {
      push(out, 'STREET_ADDRESS', m.index, m[0], Confidence.pattern);
    }
    PO_BOX_RE.lastIndex = 0;
    for (let m = PO_BOX_RE.exec(text); m !== null; m = PO_BOX_RE.exec(text)) {
      push(out, 'STREET_ADDRESS', m.index, m[0], Confidence.pattern);
    }
  },
};

// ---------------------------------------------------------------- PERSON_NAME

const personName: Recogniser = {
  category: 'PERSON_NAME',
  enabled: always,
  find(text, options, out) {
    for (const n of findPersonNames(text, options.names ?? 'lexicon')) {
      push(out, 'PERSON_NAME', n.start, n.value, Confidence.nameGuess);
    }
  },
};

/** Recognisers that only look at digits; skipped wholesale for text without any digit. */
export const NUMERIC_RECOGNISERS: readonly Recogniser[] = [
  creditCard,
  iban,
  abaRouting,
  nhsNumber,
  ssnAndItin,
  phone,
  ipv4,
  mac,
  dateOfBirth,
  passport,
  driverLicence,
  medicalRecordNumber,
  streetAddress,
];

/** Recognisers that can match text without digits. */
export const TEXTUAL_RECOGNISERS: readonly Recogniser[] = [email, urlCredentials, ipv6, personName];
