import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PiiOptions } from '../../../../main/gateway/pii/categories.ts';
import { createRedactionSession, type JsonValue, type RedactionSession } from '../../../../main/gateway/pii/redaction.ts';

const OPTIONS: PiiOptions = { packs: { hipaa: true, gdpr: true }, region: 'US' };
const PROMPT =
  'Email ana.lima@example.com or call (415) 555-2671. Card 4111 1111 1111 1111. ' +
  'Again: ana.lima@example.com. Backup contact bob.stone@example.org.';

function session(): RedactionSession {
  return createRedactionSession(OPTIONS);
}

describe('redaction session', () => {
  it('replaces values with stable per-category tokens: the same value gets the same token', () => {
    const s = session();
    expect(s.redact(PROMPT)).toBe(
      'Email [EMAIL_1] or call [PHONE_1]. Card [CREDIT_CARD_1]. Again: [EMAIL_1]. Backup contact [EMAIL_2].',
    );
    // Stable across calls within the same request, too.
    expect(s.redact('From ana.lima@example.com')).toBe('From [EMAIL_1]');
    expect(s.counts()).toEqual({ EMAIL: 2, PHONE: 1, CREDIT_CARD: 1 });
  });

  it('redacts strings deep inside tool-call arguments and leaves ordinary keys, numbers and other types alone', () => {
    const s = session();
    const args = {
      to: ['ana.lima@example.com', { cc: 'bob.stone@example.org' }],
      body: 'Charge 4111 1111 1111 1111',
      retries: 3,
      urgent: true,
      note: null,
    };
    const redacted = s.redactValue(args);
    expect(redacted).toEqual({
      to: ['[EMAIL_1]', { cc: '[EMAIL_2]' }],
      body: 'Charge [CREDIT_CARD_1]',
      retries: 3,
      urgent: true,
      note: null,
    });
    expect(args.to[0]).toBe('ana.lima@example.com'); // the caller's object is not mutated
    expect(JSON.parse(s.redactToolArguments('{"phone":"(415) 555-2671","n":1}'))).toEqual({ phone: '[PHONE_1]', n: 1 });
    expect(s.redactToolArguments('not json: ana.lima@example.com')).toBe('not json: [EMAIL_1]');
  });

  it('redacts a number whose digits are PII into its token, and gives the number back on restore', () => {
    const s = session();
    expect(JSON.parse(s.redactToolArguments('{"card_number": 4111111111111111, "qty": 2}'))).toEqual({ card_number: '[CREDIT_CARD_1]', qty: 2 });
    expect(JSON.parse(s.redactToolArguments('{"phone":4156511672}'))).toEqual({ phone: '[PHONE_1]' });
    expect(JSON.parse(s.redactToolArguments('{"ssn":123456789}'))).toEqual({ ssn: '[SSN_1]' });
    expect(s.redactValue({ cards: [4111111111111111], amount: 4156.51, id: 123456789 })).toEqual({ cards: ['[CREDIT_CARD_1]'], amount: 4156.51, id: 123456789 });
    expect(s.redactValue({ card: 4111111111111112 })).toEqual({ card: 4111111111111112 }); // fails Luhn: a number like any other
    expect(s.restorer(true).restoreValue({ card: '[CREDIT_CARD_1]', note: 'card [CREDIT_CARD_1]' })).toEqual({ card: 4111111111111111, note: 'card 4111111111111111' });
    expect(s.restorer(false).restoreValue({ card: '[CREDIT_CARD_1]' })).toEqual({ card: '[CREDIT_CARD_1]' });
  });

  it('gives a string back as a string where the same digits were redacted both as a number and as text', () => {
    const s = session();
    const redacted = JSON.parse(s.redactToolArguments('[4111111111111111,"4111111111111111"]')) as string[];
    expect(redacted[0]).not.toBe(redacted[1]);
    expect(s.restorer(true).restoreValue(redacted)).toEqual([4111111111111111, '4111111111111111']);
    // The phone first seen as text: the model's string argument stays a string.
    const t = session();
    expect(t.redact('Call 415-651-1672 later')).toBe('Call [PHONE_1] later');
    expect(t.redactToolArguments('{"phone":4156511672}')).toBe('{"phone":"[PHONE_2]"}');
    expect(t.restorer(true).restoreValue({ to: '[PHONE_1]', again: '[PHONE_2]' })).toEqual({ to: '415-651-1672', again: 4156511672 });
    expect(t.counts()).toEqual({ PHONE: 2 });
    const u = session();
    u.redactToolArguments('{"phone":"4156511672"}');
    u.redactToolArguments('{"phone":4156511672}');
    expect(u.counts()).toEqual({ PHONE: 1 }); // one value, seen as text and as a number
  });

  it('reads an integer beyond 2^53 from its source digits, never from the rounded number', () => {
    const s = session();
    // Luhn-valid as written; rounded to a double it reads 4111111111111111000.
    const redacted = s.redactToolArguments('{"card_number":4111111111111111110,"trace":12345678901234567891}');
    expect(redacted).toBe('{"card_number":"[CREDIT_CARD_1]","trace":12345678901234567891}');
    expect(s.restorer(true).restoreValue(JSON.parse(redacted) as JsonValue)).toMatchObject({ card_number: '4111111111111111110' });
  });

  it('never lets a redacted key collapse into a token-shaped key of the same object', () => {
    const s = session();
    const redacted = JSON.parse(s.redactToolArguments('{"a@b.com":1,"[EMAIL_1]":2}')) as Record<string, number>;
    expect(Object.keys(redacted)).toHaveLength(2);
    expect(redacted['[EMAIL_1]']).toBe(2); // the caller's own text, never issued
    expect(s.restorer(true).restoreValue(redacted)).toEqual({ 'a@b.com': 1, '[EMAIL_1]': 2 });
    // A key whose token was issued earlier in the session, next to that token written literally.
    const t = session();
    expect(t.redact('Mail a@b.com')).toBe('Mail [EMAIL_1]');
    const again = JSON.parse(t.redactToolArguments('{"a@b.com":1,"[EMAIL_1]":2}')) as Record<string, number>;
    expect(Object.values(again).sort()).toEqual([1, 2]);
  });

  it('redacts object keys that are PII and restores them', () => {
    const s = session();
    const redacted = s.redactToolArguments('{"recipients":{"ana.lima@example.com":"primary","bob.stone@example.org":"cc"}}');
    expect(JSON.parse(redacted)).toEqual({ recipients: { '[EMAIL_1]': 'primary', '[EMAIL_2]': 'cc' } });
    expect(s.restorer(true).restoreValue(JSON.parse(redacted))).toEqual({ recipients: { 'ana.lima@example.com': 'primary', 'bob.stone@example.org': 'cc' } });
  });

  it('reads each value with its key as the label, so labelled identifiers in tool-call arguments are found', () => {
    const s = session();
    const args = {
      dob: '1985-03-14',
      ssn: '123456789',
      routing: '021000021',
      passport: '533380006',
      driver_license: 'D1234567',
      nhs_number: '9434765919',
      mrn: '00123456',
      dateOfBirth: '14 March 1985',
      routing_number: 21000021,
    };
    expect(s.redactValue(args)).toEqual({
      dob: '[DATE_OF_BIRTH_1]',
      ssn: '[SSN_1]',
      routing: '[ABA_ROUTING_1]',
      passport: '[PASSPORT_1]',
      driver_license: '[DRIVER_LICENCE_1]',
      nhs_number: '[NHS_NUMBER_1]',
      mrn: '[MEDICAL_RECORD_NUMBER_1]',
      dateOfBirth: '[DATE_OF_BIRTH_2]',
      routing_number: 21000021, // eight digits: not a routing number
    });
    // The same digits under keys that label nothing stay as they are.
    expect(s.redactValue({ count: '123456789', build: '021000021', quantity: 4156511672 })).toEqual({ count: '123456789', build: '021000021', quantity: 4156511672 });
  });

  it('restores values only for the authorised caller', () => {
    const s = session();
    const redacted = s.redact(PROMPT);
    expect(s.restorer(true).restore(redacted)).toBe(PROMPT);
    expect(s.restorer(false).restore(redacted)).toBe(redacted);
    expect(s.restorer(true).restoreValue({ a: ['[EMAIL_2]'] })).toEqual({ a: ['bob.stone@example.org'] });
    expect(s.restorer(false).restoreValue({ a: ['[EMAIL_2]'] })).toEqual({ a: ['[EMAIL_2]'] });
  });

  it('leaves unknown, garbled and foreign tokens as they are and never throws', () => {
    const s = session();
    s.redact(PROMPT);
    const r = s.restorer(true);
    for (const garbled of ['[EMAIL_9]', '[EMAIL_1', 'EMAIL_1]', '[email_1]', '[EMAIL_]', '[[EMAIL_1]]', '[PHONE-1]', '[]', '[', ']']) {
      const expected = garbled === '[[EMAIL_1]]' ? '[ana.lima@example.com]' : garbled;
      expect(r.restore(`x ${garbled} y`)).toBe(`x ${expected} y`);
    }
  });

  it('never issues a token that already appeared literally in the input, so restore cannot confuse them', () => {
    const s = session();
    const redacted = s.redact('Template says [EMAIL_1]; real address ana.lima@example.com');
    expect(redacted).toBe('Template says [EMAIL_1]; real address [EMAIL_2]');
    expect(s.restorer(true).restore(redacted)).toBe('Template says [EMAIL_1]; real address ana.lima@example.com');
  });

  it('refuses a JSON value nested deeper than it will walk instead of overflowing the stack', () => {
    let deep: unknown = 'ana.lima@example.com';
    for (let i = 0; i < 300; i++) deep = [deep];
    expect(() => session().redactValue(deep as string)).toThrow(/nested deeper/);
  });
});

describe('tool-call arguments keep every key', () => {
  it('keeps a "__proto__" key as an own key through redaction and restore, and pollutes nothing', () => {
    const session = createRedactionSession();
    const redacted = session.redactToolArguments('{"__proto__":{"polluted":1},"email":"ann@example.com"}');
    expect(JSON.parse(redacted)).toEqual(JSON.parse('{"__proto__":{"polluted":1},"email":"[EMAIL_1]"}'));
    expect(Object.keys(JSON.parse(redacted) as object)).toEqual(['__proto__', 'email']);
    const restored = session.restorer(true).restoreValue(JSON.parse(redacted) as JsonValue);
    expect(JSON.stringify(restored)).toBe('{"__proto__":{"polluted":1},"email":"ann@example.com"}');
    expect(({} as { polluted?: number }).polluted).toBeUndefined();
  });
});

describe('streaming restore', () => {
  const s = session();
  const modelOutput = s.redact(`Sure. ${PROMPT} Done.`);
  const expected = s.restorer(true).restore(modelOutput);

  function streamed(chunks: string[], authorised = true): string {
    const stream = s.restorer(authorised).createStreamRestorer();
    return chunks.map((c) => stream.push(c)).join('') + stream.flush();
  }

  it('restores a token split at every possible position across two chunks', () => {
    for (let cut = 0; cut <= modelOutput.length; cut++) {
      expect(streamed([modelOutput.slice(0, cut), modelOutput.slice(cut)])).toBe(expected);
    }
  });

  it('restores whole tokens for any chunking of the stream (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: modelOutput.length }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...[...new Set(cuts)].sort((a, b) => a - b), modelOutput.length];
        const chunks = points.slice(1).map((end, i) => modelOutput.slice(points[i], end));
        expect(streamed(chunks)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('holds back only a possible token prefix: other text is emitted at once', () => {
    const stream = s.restorer(true).createStreamRestorer();
    expect(stream.push('Mail [EMA')).toBe('Mail ');
    expect(stream.push('IL_1] now [x')).toBe('ana.lima@example.com now [x');
    expect(stream.push('] and [PHONE_1')).toBe('] and ');
    expect(stream.flush()).toBe('[PHONE_1'); // a token cut off at the end stays as text
  });

  it('passes chunks through unchanged for an unauthorised caller', () => {
    expect(streamed([modelOutput.slice(0, 10), modelOutput.slice(10)], false)).toBe(modelOutput);
  });

  it('survives arbitrary text without throwing and without inventing values (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: fc.constantFrom('[', ']', 'E', 'M', 'A', 'I', 'L', '_', '1', '2', 'x', ' ') })), (chunks) => {
        const out = streamed(chunks);
        expect(out).toBe(s.restorer(true).restore(chunks.join('')));
      }),
      { numRuns: 300 },
    );
  });
});

describe('concurrent requests', () => {
  it('50 interleaved sessions with different PII never receive each other\'s values', async () => {
    const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
    const results = await Promise.all(
      Array.from({ length: 50 }, async (_, i) => {
        const email = `user${i}@tenant${i}.example.com`;
        const card = ['4111 1111 1111 1111', '5555 5555 5555 4444', '3782 822463 10005'][i % 3] ?? '';
        const phone = `(415) 555-${String(2000 + i).padStart(4, '0')}`;
        const s = createRedactionSession(OPTIONS);
        await tick((i * 7) % 5);
        const prompt = s.redact(`Contact ${email} at ${phone}.`);
        await tick((i * 3) % 4);
        const args = s.redactValue({ card });
        // Every session issues the same token names; only the session's own map gives them meaning.
        expect(prompt).toBe('Contact [EMAIL_1] at [PHONE_1].');
        await tick(i % 3);
        const stream = s.restorer(true).createStreamRestorer();
        let answer = '';
        for (const chunk of ['Wrote to [EMA', 'IL_1], called [PHO', 'NE_1], charged ', args.card]) {
          answer += stream.push(chunk);
          await tick(i % 2);
        }
        answer += stream.flush();
        return { i, email, phone, card, answer };
      }),
    );
    for (const r of results) {
      expect(r.answer).toBe(`Wrote to ${r.email}, called ${r.phone}, charged ${r.card}`);
      for (const other of results) if (other.i !== r.i) expect(r.answer).not.toContain(other.email);
    }
  });
});
