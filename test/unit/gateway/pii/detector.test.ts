import { describe, expect, it } from 'vitest';
import { found, US } from './found.ts';
import { PII_CATEGORIES, type PiiCategory } from '../../../../main/gateway/pii/categories.ts';
import { detectPii } from '../../../../main/gateway/pii/detector.ts';

// One sentence per category where it must be found, and a near-miss where it must not.
const CASES: Array<{ category: PiiCategory; hit: string; value: string; miss: string }> = [
  { category: 'EMAIL', hit: 'Reply to ana.lima@example.com today.', value: 'ana.lima@example.com', miss: 'Reply to ops@localhost or @channel today.' },
  { category: 'PHONE', hit: 'Call me on (415) 555-2671 tonight.', value: '(415) 555-2671', miss: 'Call me on (123) 456-7890 tonight.' },
  { category: 'PHONE', hit: 'Office: +44 20 7946 0958.', value: '+44 20 7946 0958', miss: 'Office: +44 20 79.' },
  { category: 'SSN', hit: 'SSN 123-45-6789 on file.', value: '123-45-6789', miss: 'SSN 000-45-6789 on file.' },
  { category: 'ITIN', hit: 'ITIN 912-70-1234 on file.', value: '912-70-1234', miss: 'ITIN 912-93-1234 on file.' },
  { category: 'CREDIT_CARD', hit: 'Card 4111 1111 1111 1111 exp 09/27.', value: '4111 1111 1111 1111', miss: 'Card 4111 1111 1111 1112 exp 09/27.' },
  { category: 'CREDIT_CARD', hit: 'Amex 3782-822463-10005.', value: '3782-822463-10005', miss: 'Ref 9111-1111-1111-1110.' },
  { category: 'IBAN', hit: 'IBAN GB82 WEST 1234 5698 7654 32 please.', value: 'GB82 WEST 1234 5698 7654 32', miss: 'IBAN GB83 WEST 1234 5698 7654 32 please.' },
  { category: 'IBAN', hit: 'Pay DE89370400440532013000 now.', value: 'DE89370400440532013000', miss: 'Pay DE88370400440532013000 now.' },
  { category: 'ABA_ROUTING', hit: 'Routing number 021000021, checking.', value: '021000021', miss: 'Routing number 021000022, checking.' },
  { category: 'IPV4', hit: 'Blocked 203.0.113.42 at noon.', value: '203.0.113.42', miss: 'Blocked 256.0.113.42 at noon, v1.2.3.4.5 too.' },
  { category: 'IPV6', hit: 'Blocked 2001:db8::8a2e:370:7334 at noon.', value: '2001:db8::8a2e:370:7334', miss: 'Meet at 12:30:45 or 2001:db8:::1.' },
  { category: 'MAC', hit: 'Device 00:1A:2B:3C:4D:5E joined.', value: '00:1A:2B:3C:4D:5E', miss: 'Device 00:1A:2B:3C:4D joined, and 00:1G:2B:3C:4D:5E.' },
  { category: 'URL_CREDENTIALS', hit: 'Use postgres://admin:s3cret@db.internal:5432 for it.', value: 'postgres://admin:s3cret@db.internal:5432', miss: 'Use https://docs.example.com/login for it.' },
  { category: 'DATE_OF_BIRTH', hit: 'DOB: 03/14/1985.', value: '03/14/1985', miss: 'The meeting is on 03/14/1985.' },
  { category: 'DATE_OF_BIRTH', hit: 'She was born on 14 March 1985 in Leeds.', value: '14 March 1985', miss: 'DOB: 02/30/1985.' },
  { category: 'PASSPORT', hit: 'Passport number 548217936 expires soon.', value: '548217936', miss: 'Passport photos are due by Friday.' },
  { category: 'DRIVER_LICENCE', hit: "Driver's licence MORGA657054SM9IJ scanned.", value: 'MORGA657054SM9IJ', miss: 'Driving licence renewal form attached.' },
  { category: 'STREET_ADDRESS', hit: 'Ship to 221B Baker Street, London NW1 6XE.', value: '221B Baker Street, London NW1 6XE', miss: 'Room 12 on Floor 3 is booked.' },
  { category: 'PERSON_NAME', hit: 'Dr. Priya Natarajan signed it.', value: 'Priya Natarajan', miss: 'The Quarterly Review is next week.' },
  { category: 'PERSON_NAME', hit: 'The request came from Sarah Connor yesterday.', value: 'Sarah Connor', miss: 'The Finance Committee met yesterday.' },
  { category: 'NHS_NUMBER', hit: 'NHS number 943 476 5919 added.', value: '943 476 5919', miss: 'NHS number 943 476 5918 added.' },
  { category: 'MEDICAL_RECORD_NUMBER', hit: 'MRN: 00482913 admitted.', value: '00482913', miss: 'MRN: pending admission.' },
];

describe('detectPii', () => {
  it('covers at least 17 categories', () => {
    expect(PII_CATEGORIES.length).toBeGreaterThanOrEqual(17);
    expect(new Set(CASES.map((c) => c.category)).size).toBe(PII_CATEGORIES.length);
  });

  for (const c of CASES) {
    it(`finds ${c.category} in "${c.hit}" and refuses the near-miss "${c.miss}"`, () => {
      expect(found(c.hit)).toContainEqual([c.category, c.value]);
      expect(found(c.miss).filter(([cat]) => cat === c.category)).toEqual([]);
    });
  }

  it('reports spans whose offsets slice back to the value, in text order, never overlapping', () => {
    const text = CASES.map((c) => c.hit).join(' ');
    const findings = detectPii(text, US);
    expect(findings.length).toBeGreaterThanOrEqual(CASES.length);
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      if (f === undefined) continue;
      expect(text.slice(f.start, f.end)).toBe(f.value);
      const next = findings[i + 1];
      if (next !== undefined) expect(f.end).toBeLessThanOrEqual(next.start);
    }
  });

  it('finds medical record numbers only when the HIPAA pack is on', () => {
    const text = 'MRN: 00482913 admitted.';
    expect(found(text, { ...US, packs: { hipaa: false, gdpr: true } })).toEqual([]);
    expect(found(text)).toEqual([['MEDICAL_RECORD_NUMBER', '00482913']]);
  });

  it('reads national numbers in the configured region, and European ones only with the GDPR pack', () => {
    expect(found('Ring 020 7946 0958.', { packs: { hipaa: false, gdpr: false }, region: 'GB' })).toEqual([['PHONE', '020 7946 0958']]);
    expect(found('Ring 020 7946 0958.', { packs: { hipaa: false, gdpr: false }, region: 'US' })).toEqual([]);
    expect(found('Ring 020 7946 0958.', { packs: { hipaa: false, gdpr: true }, region: 'US' })).toEqual([['PHONE', '020 7946 0958']]);
  });

  it('needs routing context before calling nine digits an ABA number', () => {
    expect(found('Order 021000021 has shipped.')).toEqual([]);
    expect(found('ABA 021000021 for the batch.')).toEqual([['ABA_ROUTING', '021000021']]);
  });

  it('prefers the checksum-validated reading when a number fits two categories', () => {
    // 943 476 5919 is also a well-formed US phone number; NHS context plus mod 11 wins.
    expect(found('NHS number 943 476 5919.')).toEqual([['NHS_NUMBER', '943 476 5919']]);
    expect(found('Call 943 476 5919.')).toEqual([['PHONE', '943 476 5919']]);
    // The password@host tail of a credential URL is not reported as a separate email.
    expect(found('redis://svc:pw@cache.example.com')).toEqual([['URL_CREDENTIALS', 'redis://svc:pw@cache.example.com']]);
  });

  it('uses compromise people() in nlp mode for names the lexicon rules miss', () => {
    const text = 'Tell Byrne to call back. Yesterday Mr. Okafor met Wei Zhang at the depot.';
    expect(found(text, { ...US, names: 'lexicon' })).toEqual([
      ['PERSON_NAME', 'Okafor'],
      ['PERSON_NAME', 'Wei Zhang'],
    ]);
    expect(found(text, { ...US, names: 'nlp' })).toEqual([
      ['PERSON_NAME', 'Byrne'],
      ['PERSON_NAME', 'Okafor'],
      ['PERSON_NAME', 'Wei Zhang'],
    ]);
  });

  it('returns nothing for ordinary business text', () => {
    expect(found('The quarterly numbers look fine overall. We will review this at the next stand-up on Monday.')).toEqual([]);
    expect(found('')).toEqual([]);
  });
});

describe('context and digit helpers', () => {
  it('finds the same PII with context cut at a sentence boundary right before the value, at the text start and across lines', () => {
    // Context words only count within the sentence: after '. ', a newline or '; ' they no longer apply.
    expect(detectPii('SSN 123456789').map((f) => f.category)).toEqual(['SSN']);
    expect(detectPii('SSN. 123456789').map((f) => f.category)).toEqual([]);
    expect(detectPii('SSN\n123456789').map((f) => f.category)).toEqual([]);
    expect(detectPii('SSN; 123456789').map((f) => f.category)).toEqual([]);
    expect(detectPii('. SSN 123456789').map((f) => f.category)).toEqual(['SSN']);
  });
});
