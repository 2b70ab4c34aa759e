import { describe, expect, it } from 'vitest';
import { found, US } from './found.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/redaction.ts';

describe('email addresses beyond ASCII, and credentials in URLs', () => {
  it('redacts the whole address when its local part or domain has letters outside ASCII or an apostrophe', () => {
    const s = createRedactionSession(US);
    expect(s.redact('Write to anna@müller.de today.')).toBe('Write to [EMAIL_1] today.');
    expect(s.redact('Write to josé.garcía@empresa.es today.')).toBe('Write to [EMAIL_2] today.');
    expect(s.redact("Write to o'brien@example.com today.")).toBe('Write to [EMAIL_3] today.');
    expect(s.redact('Write to 用户@例子.广告 today.')).toBe('Write to [EMAIL_4] today.');
  });

  it('ends an address where text in a script written without spaces, or in another script, begins', () => {
    const s = createRedactionSession(US);
    expect(s.redact('報告書はtanaka@example.co.jpまで送ってください')).toBe('報告書は[EMAIL_1]まで送ってください');
    expect(s.redact('ส่งรายงานไปที่somchai@example.comด่วน')).toBe('ส่งรายงานไปที่[EMAIL_2]ด่วน');
    expect(s.redact('Email a@b.com㍿ ok')).toBe('Email [EMAIL_3]㍿ ok');
    expect(s.redact('Напишитеivan@example.ruсегодня')).toBe('Напишите[EMAIL_4]сегодня');
    // A Han local part before a Latin domain has no visible start: the sentence is not taken for it.
    expect(s.redact('请把季度报告发给王伟@example.com谢谢')).not.toContain('[EMAIL_');
  });

  it('leaves quotes around an address outside it, and still refuses what is not an address', () => {
    expect(found("Mail 'ana@example.com' or \"bob@example.org\".")).toEqual([
      ['EMAIL', 'ana@example.com'],
      ['EMAIL', 'bob@example.org'],
    ]);
    expect(found('Reply to ops@localhost, @channel or café@ today.')).toEqual([]);
  });

  it('finds a URL whose user is empty and whose password is the secret', () => {
    expect(found('Use redis://:Pa55w0rd!@cache.internal:6379/0 for it.')).toEqual([['URL_CREDENTIALS', 'redis://:Pa55w0rd!@cache.internal:6379']]);
    expect(found('Use https://example.com:8080/x@y and http://:@host for it.')).toEqual([]);
  });
});
