import { describe, expect, it } from 'vitest';
import { seededBelow } from '../../../../models/seeded-random.ts';
import { GATE_WORDS, gateWordsIn, SubstringSet } from '../../../../main/gateway/moderation/moderate.ts';
import { foldObfuscation, writtenReading } from '../../../../main/gateway/moderation/obfuscation.ts';
import { withStandIns } from '../../../../main/gateway/moderation/phi-tokens.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/redaction.ts';
import { generateBenign, generateSemanticAttacks } from '../../../bench/injection-corpus.ts';
import { piiDensePrompt } from '../../../bench/pii-corpus.ts';

/** Words a fold may spell, written plainly, in leet, spaced out, and codes that only look like leet. */
const PIECES: readonly string[] = [
  'bomb', 'b0mb', 'B0MB', 'b-o-m-b', 'b.o.m.b', 'b o m b', 'p_i_p_e', 'p*i*p*e', 'det0nator', 'expl0sive', 'bomb5', '5bomb', 'b0mb3r',
  'ki11', 'k1ll', 'ki1l', 'myse1f', 'm4ke', 'h0w', 't0', 'st3p', 'bu1ld', 'r4ns0mw4re', 'c00k', 'm3th', 'fent4nyl', '@ss4ult', 'sh00t',
  'Q3', '7b', '4d', 'c75e', 'ddb0', 'J0341337', 'AT13', 'x86', '20mg', 'H1N1', 'v2.4.1', '1.0.3', 'A-7-B', 'U.S.A.', 'e.g.', 'i.e.',
  'ann34@example.com', 'b0b@example.org', 'ops@localhost', '@channel', 'user@b0mb', 'b0mb@x.org', '3c:5a:1b:74', 'fe80::1b74',
  'a b o m b', 'i k i l l', 'a', 'I', 'the', 'how to', 'step by step', 'make', 'pipe', 'and', '\u00e9t\u00e9', 'b\u00f6mb', '1', '0', '@',
  // Words joined by hyphens, underscores or camelCase, alone and run into the pieces above.
  'how-to', 'build_a', 'howTo', 'BuildAPipe', 'pipeBomb', 'kill_all', 'killAll', 'get_user_by_id', 'getUserById', 'state-of-the-art', 'XMLHttp',
  // Words joined by dots, leet and digits between humps, upper-case humps.
  'how.to', 'h0w.t0', 'b0mb.', 'h0wT0', 'T0Build', 'B0mbKit', 'howTo2Build', 'With1Det0', 'HOWTo', 'BUILDAPipe', 'x86Linux', 'ann.lee@b0mb.org',
];
const SEPARATORS: readonly string[] = [' ', ' ', ' ', '', '-', '.', ', ', '\n', '_', '*', ': ', '(', ')'];

/** Seeded texts of those pieces run together, apart and cut: more ways to write a word than anyone would, and the codes beside them. */
function generated(count: number): string[] {
  const random = seededBelow(13);
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    for (let n = 1 + random(8); n > 0; n--) {
      const piece = PIECES[random(PIECES.length)] ?? '';
      text += (random(6) === 0 ? piece.slice(random(piece.length + 1)) : piece) + (SEPARATORS[random(SEPARATORS.length)] ?? ' ');
    }
    texts.push(text);
  }
  return texts;
}

const corpus = (): string[] => [
  ...generated(6000),
  ...[...generateBenign(21, 300), ...generateSemanticAttacks(22, 150)].map((sample) => sample.text),
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed) => piiDensePrompt(seed, 4096)),
];

// moderate() scores the reading it is given: the same reading, the same verdicts and scores.
describe('the fold decides before it writes, and decides as writing would', () => {
  it('gives the reading the written fold gives, on generated, business, attack and PII-dense text', () => {
    let readings = 0;
    for (const text of corpus()) {
      const present = gateWordsIn(text.toLowerCase());
      const expected = writtenReading(text, present);
      expect(foldObfuscation(text, present), text.slice(0, 120)).toBe(expected);
      if (expected !== undefined) readings += 1;
    }
    // Both sides of the decision are exercised.
    expect(readings).toBeGreaterThan(500);
  });

  it('says whether any word occurs exactly when the full look finds one', () => {
    const set = new SubstringSet(GATE_WORDS);
    for (const text of corpus()) {
      const lower = text.toLowerCase();
      expect(set.occursIn(lower), lower.slice(0, 120)).toBe(set.in(lower).size > 0);
    }
    expect(new SubstringSet(['-', 'bomb']).occursIn('a-b')).toBe(true);
    expect(new SubstringSet(['bomb']).occursIn('bom')).toBe(false);
  });
});

/** Stand-ins as first written: one replace() with a function over the text. */
const STAND_INS: Readonly<Record<string, string>> = { PERSON_NAME: 'Jane Doe', MEDICAL_RECORD_NUMBER: '00000000', DATE_OF_BIRTH: '01/01/1970', SSN: '000-00-0000', ITIN: '900-70-0000' };
function standInsByReplace(text: string): { text: string; gates: string[] } | undefined {
  if (!text.includes('[')) return undefined;
  let found = false;
  let dashed = false;
  const replaced = text.replace(/\[(PERSON_NAME|MEDICAL_RECORD_NUMBER|DATE_OF_BIRTH|SSN|ITIN)_\d+\]/g, (_token, category: string) => {
    found = true;
    if (category === 'SSN' || category === 'ITIN') dashed = true;
    return STAND_INS[category] ?? '';
  });
  return found ? { text: replaced, gates: dashed ? ['-'] : [] } : undefined;
}

describe('PHI stand-ins read in one exec loop', () => {
  it('give the text and gate words the replace() did, on tokenised PII-dense prompts and token-like text', () => {
    const texts = [
      ...[1, 2, 3, 4, 5, 6, 7, 8].map((seed) => createRedactionSession().redact(piiDensePrompt(seed, 4096))),
      '[SSN_1][PERSON_NAME_2]', '[PERSON_NAME_]x [ITIN_3] [SSN_x] [[DATE_OF_BIRTH_12]]', '[MEDICAL_RECORD_NUMBER_1', 'no tokens [here]',
    ];
    let replaced = 0;
    for (const text of texts) {
      const expected = standInsByReplace(text);
      expect(withStandIns(text), text.slice(0, 80)).toEqual(expected);
      if (expected !== undefined) replaced += 1;
    }
    expect(replaced).toBeGreaterThan(8);
  });
});
