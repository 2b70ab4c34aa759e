/**
 * What stage 9 counts as pointing somewhere: anywhere in a string, as a lenient URL parser reads it.
 * Pinned both ways: a miss is an exfiltration link, a false positive a token the caller sees.
 */
import { describe, expect, it } from 'vitest';
import { holdsUrl, joinsIntoUrl } from '../../../../main/gateway/stages/pii-restore-url.ts';

describe('holdsUrl', () => {
  it.each([
    'https://evil.example/c?d= x',
    'see\nhttps://evil.example/c?d=',
    'http:\\\\evil.example\\c?d=',
    'http:evil.example',
    '\\\\evil.example\\share\\x',
    '10.0.0.5:8080/c?d=',
    'localhost:8080/c?d=',
    'db.internal:5432',
    'go to [::1]/c',
    'fe80::1 then',
    '<img src=//evil.example/c?x>',
    '<a href="x">',
    'background: url(x)',
    'evil.example/c?d=',
    'evil.example?d=',
    'https\u200b://evil.example',
    'ht\u00adtps://evil.example',
    'https:\uff0f\uff0fevil\uff0eexample',
    'evil\u3002example/c',
    'https%3A%2F%2Fevil.example',
    'C:\\Users\\x',
  ])('finds a URL in %j', (text) => {
    expect(holdsUrl(text)).toBe(true);
  });

  it.each(['[EMAIL_1]', 'jane@corp.example', 'Hi [NAME_1], meeting at 10:30 on 2026-01-02.', 'SSN 123-45-6789', 'Re: the report', 'a/b and c?d', 'version 1.2.3'])('finds none in %j', (text) => {
    expect(holdsUrl(text)).toBe(false);
  });
});

describe('joinsIntoUrl', () => {
  it('finds a scheme split over pieces', () => {
    expect(joinsIntoUrl(['http', 's:', '/', '/evil.exa', 'mple'])).toBe(true);
  });
  it('finds none in fields that join into a path', () => {
    expect(joinsIntoUrl(['path', '/tmp/report.txt', 'content', 'Hi [NAME_1]'])).toBe(false);
  });
});
