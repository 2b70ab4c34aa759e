/**
 * Credentials a red team passed through stage 7, and the ordinary text it wrongly redacted: keys
 * spelt with look-alike letters, connection strings with an empty user or a "/" in the password,
 * an AWS secret key named in prose, and account numbers, format examples and placeholders that
 * are no credential. Real checks (stage 7's patterns and the secretlint preset), no doubles.
 */
import { describe, expect, it } from 'vitest';
import { OutputStream } from '../../../../main/gateway/output-stream.ts';
import { credentialSuspicion, findCredentials } from '../../../../main/gateway/output/credentials.ts';
import { secretSuspicion } from '../../../../main/gateway/output/secretlint-scan.ts';
import { redactStructured } from '../../../../main/gateway/output/structured-secrets.ts';
import { validateOutput } from '../../../../main/gateway/output/validate.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/index.ts';

// Synthetic credentials in the documented shapes; none is real.
const GH_TAIL = 'A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8';
const AWS_SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzzzzKEYQ12';

/** Streams `text` a character at a time and returns what was released before the verdict. */
async function releasedOnTheFly(text: string): Promise<string> {
  const out: string[] = [];
  const stream = new OutputStream((t) => out.push(t), createRedactionSession().restorer(true).createStreamRestorer(), { forbiddenTerms: [] });
  for (const ch of text) {
    stream.push(ch);
    await stream.drained;
  }
  return out.join('');
}

describe('stage 7: keys spelt with look-alike letters, with no invisible character', () => {
  const disguised: readonly (readonly [string, string, string])[] = [
    ['a Cyrillic "һ"', `Here it is: g\u04BBp_${GH_TAIL} done.`, 'github'],
    ['circled letters', `Here it is: \u24D6\u24D7\u24DF_${GH_TAIL} done.`, 'github'],
    ['superscript letters', `Here it is: \u1D4D\u02B0\u1D56_${GH_TAIL} done.`, 'github'],
    ['letterlike symbols', `Here it is: \u210A\u210Ep_${GH_TAIL} done.`, 'github'],
    ['a combining accent inside the token', `Here it is: ghp_A1b2C3d4E5f6G7h8I9j0\u0301K1l2M3n4O5p6Q7r8 done.`, 'github'],
    ['Cyrillic "АК" in an AWS key id', 'Here it is: \u0410\u041AIAZ7Q2X4RVB6N3WP5L done.', 'aws'],
    ['a subscript digit in an AWS key id', 'Here it is: AKIAZ\u2087Q2X4RVB6N3WP5L done.', 'aws'],
    ['a circled digit in an AWS key id', 'Here it is: AKIAZ\u2466Q2X4RVB6N3WP5L done.', 'aws'],
    ['a Cyrillic "о" in the scheme of a connection string', 'Here it is: p\u043Estgres://admin:Sup3rS3cret@db.internal:5432/app done.', 'connection-string'],
  ];

  it.each(disguised)('redacts a key spelt with %s, and the stream releases none of it on the fly', async (_name, text, kind) => {
    const result = await validateOutput(text);
    expect(result.text).toBe(`Here it is: [REDACTED_SECRET:${kind}] done.`);
    expect(credentialSuspicion(text)).not.toBe('none');
    expect(await releasedOnTheFly(text)).not.toMatch(/Q7r8|WP5L|Sup3rS3cret/);
  });

  it('leaves accented European names, CJK text and emoji alone, and streams them on the fly', async () => {
    const prose = [
      'Émile Zola, François Mitterrand, Søren Kierkegaard and José Ñúñez met in Kraków and Zürich.',
      'Straße, Ærø, Łódź, İstanbul, Ελλάδα, Москва and Αθήνα are on the itinerary; naïve café crème.',
      '東京都の天気は晴れです。会議は午後三時に始まります。北京欢迎你。서울의 날씨는 맑습니다.',
      'Great work 🎉👍🏽 — the family 👨‍👩‍👧 trip is booked ✈️ for ① and ② of next month, ² ₃ ™ ℃.',
    ].join('\n') + '\n';
    expect(await validateOutput(prose)).toEqual({ text: prose, violations: [] });
    expect(await findCredentials(prose)).toEqual([]);
    expect(await releasedOnTheFly(prose)).toBe(prose);
  });
});

describe('stage 7: connection strings with an empty user or a "/" in the password', () => {
  it.each([
    ['an empty user', 'use redis://:S3cretPw0rd@cache.internal:6379/0 now', 'connection-string', 'S3cretPw0rd'],
    ['a "/" in the password', 'clone https://admin:pa/ss9Word@git.internal/repo now', 'url-credentials', 'pa/ss9Word'],
    ['a "/" and an "@" in the password', 'use postgres://app:x/y@z9Word@db.internal/app now', 'connection-string', 'x/y@z9Word'],
  ])('redacts one with %s, and the stream releases none of it on the fly', async (_name, text, kind, secret) => {
    const result = await validateOutput(text);
    expect(result.text).toMatch(new RegExp(`^\\S+ \\[REDACTED_SECRET:${kind}\\] now$`));
    expect(await releasedOnTheFly(text)).not.toContain(secret);
  });

  it('leaves links with an "@" in their path, a port before one, and e-mail addresses alone', async () => {
    const prose = 'Read https://medium.com/@author and https://registry.example:443/@scope/pkg, or mail user@example.com.';
    expect(await validateOutput(prose)).toEqual({ text: prose, violations: [] });
  });
});

describe('stage 7: an AWS secret access key named in prose or with hyphens', () => {
  it.each([`AWS Secret Access Key: ${AWS_SECRET}`, `aws-secret-access-key: ${AWS_SECRET}`, `Secret access key = "${AWS_SECRET}"`])('redacts "%s", and the stream holds it', async (text) => {
    expect((await validateOutput(`Here: ${text} ok`)).text).not.toContain(AWS_SECRET);
    expect(secretSuspicion(`${text.slice(0, text.indexOf(AWS_SECRET))}wJal`)).toBe('structural');
    expect(await releasedOnTheFly(`Here: ${text} ok`)).not.toContain(AWS_SECRET);
  });

  it('redacts one under a key so named in structured output', async () => {
    const redacted = await redactStructured({ 'AWS Secret Access Key': { v: [AWS_SECRET] }, 'aws-secret-access-key': AWS_SECRET });
    expect(JSON.stringify(redacted.value)).not.toContain(AWS_SECRET);
  });
});

describe('stage 7: ordinary text that is no credential', () => {
  it('leaves a 12-digit account number alone without AWS nearby, in text and in structured output', async () => {
    for (const text of ['account: 123456789012', 'Your account: 123456789012 is paid.', '{"accountId":123456789012}', '{"account":"123456789012"}']) {
      expect(await validateOutput(text), text).toEqual({ text, violations: [] });
    }
    const schema = { type: 'object' } as const;
    for (const value of [{ accountId: 123456789012 }, { account: '123456789012' }]) {
      const text = JSON.stringify(value);
      expect(await validateOutput(text, { schema }), text).toMatchObject({ text, value, violations: [] });
    }
  });

  it('still redacts an account id with AWS nearby, in the console grouping, or named account_id', async () => {
    for (const text of ['AWS account: 123456789012', 'aws_account_id = 123456789012', 'role arn:aws:iam::x account: 123456789012', 'account: 1234-5678-9012', 'account_id: 123456789012']) {
      expect((await validateOutput(text)).text, text).not.toMatch(/1234-?5678-?9012|123456789012/);
    }
    expect(JSON.stringify((await redactStructured({ awsAccountId: '123456789012' })).value)).not.toContain('123456789012');
  });

  it('leaves an example of the Slack token format alone and still redacts a real-shaped token', async () => {
    const prose = 'Slack bot tokens look like xoxb-1234-5678-abcd.';
    expect(await validateOutput(prose)).toEqual({ text: prose, violations: [] });
    expect((await validateOutput('token xoxb-1234567890-1234567890-AbCdEfGhIjKlMnOpQrStUvWx ok')).text).toBe('token [REDACTED_SECRET:slack] ok');
  });

  it('leaves a <placeholder> password in a connection string alone and still redacts a real one', async () => {
    const prose = 'Set password=<your password> in Server=db;';
    expect(await validateOutput(prose)).toEqual({ text: prose, violations: [] });
    expect((await validateOutput('Use Server=db;Password=Hunter2!; now')).text).not.toContain('Hunter2!');
  });
});

describe('URIs with a password, on text shaped to make the search retry', () => {
  // 'redis://:' repeated took half a second at 64 KB (each start scanned to the end for an "@");
  // the timeout is the guard, no figure is asserted.
  it.each([
    ['no "@" at all', 'redis://:'.repeat(7_282)],
    ['an "@" only before them', `x@ ${'redis://:'.repeat(7_282)}`],
    ['an "@" after a quote', `${'redis://:'.repeat(7_282)}"@x`],
  ])('finds nothing, without a stall, with %s', { timeout: 10_000 }, async (_label, text) => {
    expect(await findCredentials(text)).toEqual([]);
  });

  it('still finds one among them, and its span is where it is', async () => {
    const secret = 'redis://:S3cretPw0rd@cache.internal:6379/0';
    const text = `${'redis://: '.repeat(500)}use ${secret} now`;
    const spans = await findCredentials(text);
    const at = text.indexOf(secret);
    expect(spans.some((s) => s.start === at && s.end >= at + 'redis://:S3cretPw0rd@cache.internal'.length)).toBe(true);
  });
});
