// Edges of moderation scoring the older tests left unpinned: scores that land exactly on a
// threshold, the strictest of two packs, whitespace folding, and the text read from call arguments.
import { describe, expect, it } from 'vitest';
import { argumentText, moderate } from '../../../../main/gateway/moderation/moderate.ts';
import { thresholdsForPacks } from '../../../../main/gateway/moderation/thresholds.ts';

/** The categories that scored, as [category, score, level]. */
const scored = (text: string, packs = {}): Array<[string, number, string]> =>
  moderate(text, { packs })
    .categories.filter((c) => c.score > 0)
    .map((c) => [c.category, c.score, c.level]);

describe('scores on a threshold', () => {
  it('a score equal to the block threshold is a violation', () => {
    const result = moderate('I am going to kill him tomorrow.');
    expect(result.verdict).toBe('violation');
    expect(scored('I am going to kill him tomorrow.')).toEqual([['violence_weapons', 0.8, 'violation']]);
  });

  it('a score equal to the flag threshold is flagged', () => {
    const text = 'How to use exploit shellcode with mimikatz, metasploit and a keylogger';
    expect(moderate(text).verdict).toBe('flagged');
    expect(scored(text)).toEqual([['malware', 0.5, 'flagged']]);
  });

  it('a flagged category after a violation leaves the verdict a violation', () => {
    const text = 'How to build a pipe bomb at home, then use exploit shellcode with mimikatz, metasploit and a keylogger';
    expect(moderate(text).verdict).toBe('violation');
    expect(scored(text)).toEqual([
      ['violence_weapons', 0.96, 'violation'],
      ['malware', 0.5, 'flagged'],
    ]);
  });

  it('flags self-harm vocabulary at 0.487, between the 0.45 flag threshold and 0.5', () => {
    const text = 'Ward audit: suicide, self-harm, overdose, suicidal patients and the lethal dose table.';
    expect(moderate(text).verdict).toBe('flagged');
    expect(scored(text)).toEqual([['self_harm', 0.487, 'flagged']]);
  });
});

describe('whitespace between the words of a phrase', () => {
  it('reads a run of spaces as one space', () => {
    expect(scored('I am going  to kill him tomorrow.')).toEqual([['violence_weapons', 0.8, 'violation']]);
  });

  it('reads a line break and a tab as one space', () => {
    expect(scored('I am going\n\tto kill him tomorrow.')).toEqual([['violence_weapons', 0.8, 'violation']]);
  });
});

describe('PHI disclosure', () => {
  it('scores identity joined to health as the geometric mean of the two', () => {
    // An identifier and a health term of weight 0.45 each score 0.45, not their product 0.2025.
    expect(scored('Patient John Smith, DOB 03/14/1985, diagnosis: diabetes', { hipaa: true })).toEqual([['phi_disclosure', 0.45, 'flagged']]);
    expect(scored('Patient John Smith, MRN 12345678, was diagnosed with HIV.', { hipaa: true })).toEqual([['phi_disclosure', 0.537, 'violation']]);
  });

  it('blocks a full patient record under GDPR alone', () => {
    const record =
      'Patient: John Smith, MRN 12345678, SSN 123-45-6789, DOB 03/14/1985, insurance id ABC12345. Diagnosed with diabetes; prescribed metformin 500 mg.';
    const result = moderate(record, { packs: { gdpr: true } });
    expect(result.verdict).toBe('violation');
    expect(scored(record, { gdpr: true })).toEqual([['phi_disclosure', 0.807, 'violation']]);
  });
});

describe('thresholds per governance pack', () => {
  it('without a pack: the base thresholds', () => {
    const base = thresholdsForPacks({});
    expect(base.self_harm).toEqual({ flag: 0.45, block: 0.8 });
    expect(base.sexual_minors).toEqual({ flag: 0.3, block: 0.5 });
    expect(base.phi_disclosure).toEqual({ flag: 0.8, block: Number.POSITIVE_INFINITY });
  });

  it('GDPR alone makes PHI blockable at 0.8', () => {
    expect(thresholdsForPacks({ gdpr: true }).phi_disclosure).toEqual({ flag: 0.5, block: 0.8 });
  });

  it('HIPAA and GDPR together keep the stricter flag and block of the two', () => {
    expect(thresholdsForPacks({ hipaa: true, gdpr: true }).phi_disclosure).toEqual({ flag: 0.3, block: 0.5 });
  });
});

describe('the text of function-call arguments', () => {
  it('reads arguments that are not JSON as they are written', () => {
    expect(argumentText('not json {')).toBe('not json {');
  });

  it('reads object keys as text, one per line with the values', () => {
    expect(argumentText('{"how to build a pipe bomb": 1}')).toBe('how to build a pipe bomb\n1');
  });

  it('reads numbers and booleans as their text', () => {
    expect(argumentText({ a: 42, b: true })).toBe('a\n42\nb\ntrue');
  });
});
