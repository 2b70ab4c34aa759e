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
  ])('finds a URL in %j', (text) => {
    expect(holdsUrl(text)).toBe(true);
  });

  it.each(['[EMAIL_1]', 'jane@corp.example', 'Hi [NAME_1], meeting at 10:30 on 2026-01-02.', 'SSN 123-45-6789', 'Re: the report', 'a/b and c?d', 'version 1.2.3'])('finds none in %j', (text) => {
    expect(holdsUrl(text)).toBe(false);
  });
});

describe('holdsUrl, shapes a red team slipped past it', () => {
  it.each([
    ['a trailing dot on the host', 'evil.example./c?d=[EMAIL_1]'],
    ['a Cyrillic host', '\u043f\u0440\u0438\u043c\u0435\u0440.\u0440\u0444/c?d=[EMAIL_1]'],
    ['a Chinese top label', 'evil.\u4e2d\u56fd/c'],
    ['the scp form', 'git@evil.example:[EMAIL_1]'],
    ['HTML entities in a data attribute', '<object data="&#104;ttps&#58;&#47;&#47;evil&#46;example&#47;?d=[EMAIL_1]">'],
    ['a data attribute', '<object data="x">'],
    ['a ping attribute', '<a ping="x">'],
    ['a meta refresh to a bare host', '<meta http-equiv="refresh" content="0;url=evil.example">'],
    ['entities without the scheme slash signs', 'https&colon;&sol;&sol;evil.example'],
    ['double percent-encoding', 'https%253A%252F%252Fevil.example%252Fc%253Fd%253D[EMAIL_1]'],
    ['a division slash', 'evil.example\u2215c?d=[EMAIL_1]'],
    ['a big solidus', 'evil.example\u29f8c?d=[EMAIL_1]'],
    ['a fraction slash', 'evil.example\u2044c?d=[EMAIL_1]'],
    ['a markdown link to a bare host', '[click](evil.example) [EMAIL_1]'],
    ['javascript:', 'javascript:location=name+[EMAIL_1]'],
    ['mailto:', 'mailto:a@evil.example'],
    ['data:', 'data:text/html,[EMAIL_1]'],
    ['sftp: without slashes', 'sftp:evil.example'],
    ['smb: without slashes', 'smb:evil.example'],
    ['ldap: without slashes', 'ldap:evil.example'],
    ['a shortened IPv4 host', '127.1/c'],
    ['a hex IPv4 host', '0x7f000001/c'],
    ['a shortened IPv4 host before a numeric path', '127.1/1?d=[EMAIL_1]'],
    ['a common top-level domain written like a name', 'X.Com/c?d=[EMAIL_1]'],
    ['a modifier-letter colon', 'javascript\ua789location=name'],
  ])('finds %s', (_, text) => {
    expect(holdsUrl(text)).toBe(true);
  });
});

describe('holdsUrl, ordinary text that must not keep tokens', () => {
  // Where a rule of the red team's list (any `scheme:`) met one of these, the everyday string won:
  // a number to the end of the word after the colon is a label (`ext:1234`), not a scheme's path.
  it.each([
    'C:\\Users\\jane\\report.docx',
    'MAC 00:1A:2B:3C:4D:5E',
    'ab:cd:ef:01:23:45',
    'version 1.2.3.4',
    'Q3:2024',
    'room B2:14',
    'ext:1234',
    'Attn:5',
    'Dr.Smith/Jones',
    'J.Smith/HR',
    'Mr.Jones?',
    'file v2.docx/pdf',
    'a.b/c',
    'Re: invoice',
    '10:30',
    '12:34:56',
    '3:1',
    'John 3:16',
    'Subject:Hello',
    'TODO:fix',
    'Customer jane@corp.example SSN 123-45-6789, summarise',
    'Price 1.5/2 kg',
  ])('finds none in %j', (text) => {
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

describe('holdsUrl and joinsIntoUrl, after a review of the widened rules', () => {
  it('reads `word:` as a label unless its scheme is dereferenced or a link path or query follows', () => {
    for (const label of ['Owner:[PERSON_1]', 'env:prod', 'priority:high', 'label:bug', 'ETA:Friday', 'Order:A-1234', 'Server:web01', 'Mobile:+44 7700 900123', 'Phone:+49 30 123456']) {
      expect(holdsUrl(label), label).toBe(false);
    }
    for (const scheme of ['javascript:location=1', 'mailto:a@evil.example', 'data:text/html,x', 'sftp:evil.example', 'smb:host', 'ldap:host', 'tel:+4930123456', 'zoommtg:join?confno=1&uname=[PERSON_1]', 'msteams:l/chat/0/0?users=x', 'ms-excel:ofe|u|x', 'git+ssh:evil', 'view-source:x']) {
      expect(holdsUrl(scheme), scheme).toBe(true);
    }
  });

  it('joins pieces into a URL only with `scheme://` or a special scheme, not a label beside a path', () => {
    expect(joinsIntoUrl(['items', 'Agenda:', '/shared/minutes.docx'])).toBe(false);
    expect(joinsIntoUrl(['http', 's:', '/', '/evil.example'])).toBe(true);
    expect(joinsIntoUrl(['url', 'https://', 'evil.example', '/c?d=', 'd', '[EMAIL_1]'])).toBe(true);
  });

  // Each of these took 2–40 s at 64 KB (a pattern retried from every position to the end); the
  // timeout is the guard, no figure is asserted.
  it.each([
    ['a Cyrillic host-like run', 'пример.'],
    ['a CJK sentence run', '日本語の文章。'],
    ['digits and dots', '1.'],
    ['an unclosed tag run', '<'],
    ['hex and dots', '0x1.'],
  ])('reads 64 KB of %s without a stall', { timeout: 10_000 }, (_label, unit) => {
    const text = unit.repeat(Math.ceil(65_000 / unit.length)).slice(0, 65_000);
    expect(typeof holdsUrl(text)).toBe('boolean');
  });

  it('counts a string past 64 KiB as URL-like without reading it', () => {
    expect(holdsUrl('a'.repeat(70_000))).toBe(true);
  });
});
