/**
 * A schema pattern read as the texts it spells, so the PII check sees a value written in regex
 * syntax, and a format pattern (what a value looks like) is not read as a value.
 */
import { describe, expect, it } from 'vitest';
import { createRedactionSession } from '../../../../main/gateway/pii/index.ts';
import { MAX_READINGS, patternReadings } from '../../../../main/gateway/pii/pattern-readings.ts';

const holdsValue = (pattern: string): boolean => {
  const session = createRedactionSession();
  return patternReadings(pattern).some((text) => session.redact(text) !== text);
};

describe('patternReadings', () => {
  it.each([
    ['^jane[.]doe@corp[.]example$', 'jane.doe@corp.example'],
    ['jane\\.doe\\x40corp\\.example', 'jane.doe@corp.example'],
    ['^jane\\.doe(?=@)@corp\\.example$', 'jane.doe@corp.example'],
    ['^jane\\.do[e]{1}@corp\\.example$', 'jane.doe@corp.example'],
    ['^1{1}23-45-6789$', '123-45-6789'],
    ['^123-?45-6789$', '123-45-6789'],
    ['^123(?!x)-45-6789$', '123-45-6789'],
    ['^1\\d?23-45-6789$', '123-45-6789'],
    ['^12[3-3]-45-6789$', '123-45-6789'],
    ['(?i)^jane\\.doe@corp\\.example$', 'jane.doe@corp.example'],
    ['^\\(555\\) 010-0199$', '(555) 010-0199'],
  ])('reads %s as %s', (pattern, text) => {
    expect(patternReadings(pattern)).toContain(text);
  });

  it('reads every branch of an alternation and of a small class', () => {
    expect(patternReadings('^(?:x|123)-45-6789$')).toEqual(expect.arrayContaining(['x-45-6789', '123-45-6789']));
    expect(patternReadings('^12[x3]-45-6789$')).toEqual(expect.arrayContaining(['12x-45-6789', '123-45-6789']));
    expect(patternReadings('^jane\\.doe@(corp|acme)\\.example$|^x$')).toEqual(expect.arrayContaining(['jane.doe@corp.example', 'jane.doe@acme.example', 'x']));
  });

  it('stops at MAX_READINGS however many alternations a pattern has', () => {
    const pattern = Array.from({ length: 10 }, () => '(a|b|c)').join('');
    const readings = patternReadings(pattern);
    expect(readings.length).toBeGreaterThan(1);
    expect(readings.length).toBeLessThanOrEqual(MAX_READINGS);
  });

  it.each([
    '^jane[.]doe@corp[.]example$',
    'jane\\.doe\\x40corp\\.example',
    '^jane\\.doe(?=@)@corp\\.example$',
    '^jane\\.doe@(corp|corp)\\.example$',
    '^(?:123|x)-45-6789$',
    '^12[3x]-45-6789$',
    '^123\\s45\\s6789$',
    '^1\\d?23-45-6789$',
    // Review of b3d25be: JavaScript's empty and any-character classes, a literal inserted as
    // optional, a counted group.
    '^123-45[]{0}-6789$',
    '^123-45[^]{0}-6789$',
    '^jane\\.doe[]{0}@corp\\.example$',
    '^123-45x?-6789$',
    '^123-45a*-6789$',
    '^\\+1 415 555x{0} 0134$',
    '^4111 (?:1111 ){2}1111$',
  ])('finds the value in %s', (pattern) => {
    expect(holdsValue(pattern)).toBe(true);
  });

  it.each([
    '^\\d{3}-\\d{2}-\\d{4}$',
    '^[0-9]{3}-[0-9]{2}-[0-9]{4}$',
    '^.+@acme\\.com$',
    '^[^@]+@corp\\.example$',
    '^[^@\\s]+@[^@\\s]+\\.[a-z]{2,}$',
    '^\\d{4}-\\d{2}-\\d{2}$',
    '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$',
    '^\\+?[1-9]\\d{7,14}$',
    '^[A-Z]{2}\\d{2}[A-Z0-9]{11,30}$',
    '^\\d{5}(?:-\\d{4})?$',
    '^(?:\\d{1,3}\\.){3}\\d{1,3}$',
    '^(?:4\\d{12}(?:\\d{3})?|5[1-5]\\d{14})$',
  ])('reads no value in the format pattern %s', (pattern) => {
    expect(holdsValue(pattern)).toBe(false);
  });
});
