/**
 * Stage 7 edges a mutation review found unpinned: span merging, forbidden-term matching, topic
 * thresholds, the order of policy and redaction, and the schema check's value and detail.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { applyOutputPolicy } from '../../../../main/gateway/output/policy.ts';
import type { SecretSpan } from '../../../../main/gateway/output/spans.ts';
import { redactSpans } from '../../../../main/gateway/output/spans.ts';
import { checkStructured, parseStructured } from '../../../../main/gateway/output/structured.ts';
import { validateOutput } from '../../../../main/gateway/output/validate.ts';

// A synthetic GitHub token in the documented shape; not a real one.
const GITHUB = 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';

function span(start: number, end: number, kind: string): SecretSpan {
  return { start, end, kind, detector: `test:${kind}` };
}

describe('a forbidden-term policy never puts a redacted secret back', () => {
  it('redacts the term in the text whose credentials are already cut out', async () => {
    const result = await validateOutput(`Project Falcon token ${GITHUB}`, { policy: { forbiddenTerms: ['Project Falcon'] } });
    expect(result.text).toBe('[REDACTED_TERM] token [REDACTED_SECRET:github]');
    expect(result.violations).toEqual([
      { kind: 'credential-leak', detail: 'github credential at offset 21 (secretlint:GITHUB_TOKEN) redacted' },
      { kind: 'policy', detail: 'forbidden term "Project Falcon" redacted (1 occurrence)' },
    ]);
    expect(result.value).toBeUndefined();
  });

  it('keeps the secret out of the text delivered when structured output is not JSON', async () => {
    const result = await validateOutput(`Project Falcon token ${GITHUB}`, {
      policy: { forbiddenTerms: ['Project Falcon'] },
      schema: z.object({ note: z.string() }),
    });
    expect(result.text).toBe('[REDACTED_TERM] token [REDACTED_SECRET:github]');
    expect(result.violations).toEqual([
      { kind: 'credential-leak', detail: 'github credential at offset 21 (secretlint:GITHUB_TOKEN) redacted' },
      { kind: 'policy', detail: 'forbidden term "Project Falcon" redacted (1 occurrence)' },
      { kind: 'format', detail: 'response is not valid JSON' },
    ]);
  });

  it('redacts the term and the secret in a structured value, delivering the redacted value', async () => {
    const result = await validateOutput(JSON.stringify({ note: `Project Falcon token ${GITHUB}` }), {
      policy: { forbiddenTerms: ['Project Falcon'] },
      schema: z.object({ note: z.string() }),
    });
    expect(result.text).toBe('{"note":"[REDACTED_TERM] token [REDACTED_SECRET:github]"}');
    expect(result.value).toEqual({ note: '[REDACTED_TERM] token [REDACTED_SECRET:github]' });
    expect(result.text).not.toContain(GITHUB);
  });
});

describe('secret spans: overlaps merge, neighbours do not', () => {
  it('redacts spans that start together as one, under the kind of the wider', () => {
    const result = redactSpans('abcdefghij', [span(0, 4, 'narrow'), span(0, 8, 'wide')]);
    expect(result.text).toBe('[REDACTED_SECRET:wide]ij');
    expect(result.spans).toEqual([span(0, 8, 'wide')]);
  });

  it('redacts overlapping secret spans as one span reaching the farther end', () => {
    const result = redactSpans('abcdefghij', [span(0, 4, 'a'), span(2, 8, 'b')]);
    expect(result.text).toBe('[REDACTED_SECRET:a]ij');
    expect(result.spans).toEqual([{ ...span(0, 4, 'a'), end: 8 }]);
  });

  it('redacts adjacent secret spans as two placeholders', () => {
    const result = redactSpans('abcdef', [span(0, 3, 'a'), span(3, 6, 'b')]);
    expect(result.text).toBe('[REDACTED_SECRET:a][REDACTED_SECRET:b]');
    expect(result.spans).toEqual([span(0, 3, 'a'), span(3, 6, 'b')]);
  });
});

describe('terms match whole words, case-insensitively, with regex characters taken literally', () => {
  it('takes "." in a term as a dot, not any character', () => {
    expect(applyOutputPolicy('version 1x2 and 1.2', { forbiddenTerms: ['1.2'] })).toEqual({
      text: 'version 1x2 and [REDACTED_TERM]',
      findings: [{ detail: 'forbidden term "1.2" redacted (1 occurrence)' }],
    });
  });

  it('leaves a word that ends with the term alone', () => {
    expect(applyOutputPolicy('SuperFalcon and Falcon', { forbiddenTerms: ['Falcon'] })).toEqual({
      text: 'SuperFalcon and [REDACTED_TERM]',
      findings: [{ detail: 'forbidden term "Falcon" redacted (1 occurrence)' }],
    });
  });

  it('leaves a word that starts with the term alone', () => {
    expect(applyOutputPolicy('Falconry and Falcon', { forbiddenTerms: ['Falcon'] })).toEqual({
      text: 'Falconry and [REDACTED_TERM]',
      findings: [{ detail: 'forbidden term "Falcon" redacted (1 occurrence)' }],
    });
  });

  it('redacts every case variant of the term and counts them', () => {
    expect(applyOutputPolicy('project falcon, PROJECT FALCON', { forbiddenTerms: ['Project Falcon'] })).toEqual({
      text: '[REDACTED_TERM], [REDACTED_TERM]',
      findings: [{ detail: 'forbidden term "Project Falcon" redacted (2 occurrences)' }],
    });
  });

  it('ignores a term that is only whitespace', () => {
    expect(applyOutputPolicy('a b', { forbiddenTerms: [' '] })).toEqual({ text: 'a b', findings: [] });
  });
});

describe('a forbidden topic needs two of its keywords unless the policy says otherwise', () => {
  const mergers = { name: 'M&A', keywords: ['merger', 'acquisition'] };

  it('does not report a topic for one keyword', () => {
    expect(applyOutputPolicy('the merger', { forbiddenTopics: [mergers] })).toEqual({ text: 'the merger', findings: [] });
  });

  it('reports a topic for two distinct keywords', () => {
    expect(applyOutputPolicy('the merger and the acquisition', { forbiddenTopics: [mergers] }).findings).toEqual([
      { detail: 'forbidden topic "M&A" (2 of its keywords)' },
    ]);
  });

  it('reports a topic for one keyword when minMatches is 1', () => {
    expect(applyOutputPolicy('the merger', { forbiddenTopics: [{ ...mergers, minMatches: 1 }] }).findings).toEqual([
      { detail: 'forbidden topic "M&A" (1 of its keywords)' },
    ]);
  });
});

describe('the schema check delivers zod output and names where each issue is', () => {
  it('delivers zod\'s output: coerced, with unknown keys stripped', () => {
    expect(checkStructured({ a: '5', extra: 1 }, z.object({ a: z.coerce.number() }))).toEqual({ ok: true, value: { a: 5 } });
  });

  it('delivers zod\'s output as the value while the text stays as written', async () => {
    const result = await validateOutput('{"a":"5","extra":1}', { schema: z.object({ a: z.coerce.number() }) });
    expect(result).toEqual({ text: '{"a":"5","extra":1}', violations: [], value: { a: 5 } });
  });

  it('labels an issue at the root of the value "(root)"', () => {
    const parsed = parseStructured('5');
    expect(parsed).toEqual({ ok: true, value: 5 });
    expect(checkStructured(5, z.object({ a: z.number() }))).toEqual({
      ok: false,
      detail: 'response does not match the requested schema: (root): Invalid input: expected object, received number',
    });
  });

  it('lists exactly five issues with no count of more', () => {
    const schema = z.object({ a: z.number(), b: z.number(), c: z.number(), d: z.number(), e: z.number() });
    expect(checkStructured({}, schema)).toEqual({
      ok: false,
      detail:
        'response does not match the requested schema: ' +
        ['a', 'b', 'c', 'd', 'e'].map((key) => `${key}: Invalid input: expected number, received undefined`).join('; '),
    });
  });

  it('lists five of six issues and counts the sixth', () => {
    const schema = z.object({ a: z.number(), b: z.number(), c: z.number(), d: z.number(), e: z.number(), f: z.number() });
    expect(checkStructured({}, schema)).toEqual({
      ok: false,
      detail:
        'response does not match the requested schema: ' +
        ['a', 'b', 'c', 'd', 'e'].map((key) => `${key}: Invalid input: expected number, received undefined`).join('; ') +
        '; and 1 more',
    });
  });
});
