import { describe, expect, it } from 'vitest';
import { decideModeration } from '../../../../main/gateway/moderation/decide.ts';
import { moderate } from '../../../../main/gateway/moderation/moderate.ts';
import { withStandIns } from '../../../../main/gateway/moderation/phi-tokens.ts';

const HIPAA = { packs: { hipaa: true } };
const phi = (text: string) => moderate(text, HIPAA).categories.find((c) => c.category === 'phi_disclosure');

/** Each record as stage 8 reads it (tokens) and as the caller receives it (values). */
const PAIRS: ReadonlyArray<readonly [string, string]> = [
  [
    'Patient: [PERSON_NAME_1], MRN [MEDICAL_RECORD_NUMBER_1], DOB [DATE_OF_BIRTH_1], diagnosed with HIV and schizophrenia, prescribed 20 mg.',
    'Patient: John Smith, MRN 48213377, DOB 04/12/1961, diagnosed with HIV and schizophrenia, prescribed 20 mg.',
  ],
  ['SSN [SSN_1]: tested positive for hepatitis C.', 'SSN 123-45-6789: tested positive for hepatitis C.'],
  ['Patient: [PERSON_NAME_2] was diagnosed with diabetes.', 'Patient: Mary Jones was diagnosed with diabetes.'],
  ['Born [DATE_OF_BIRTH_1]; lab results show cancer.', 'Born 04/12/1961; lab results show cancer.'],
  ['Medical record number [MEDICAL_RECORD_NUMBER_3], prognosis good.', 'Medical record number 48213377, prognosis good.'],
  ['Patient: [PERSON_NAME_1] asked where to park.', 'Patient: John Smith asked where to park.'],
];

describe('PHI identifier tokens scored as the values they stand for', () => {
  it.each(PAIRS)('gives %s the verdict of its restored text', (tokens, values) => {
    expect(phi(tokens)).toMatchObject({ score: phi(values)?.score, level: phi(values)?.level });
  });

  it('blocks the red-team record under HIPAA in enforce mode, as its values are blocked', () => {
    const [tokens] = PAIRS[0] ?? ['', ''];
    expect(decideModeration(moderate(tokens, HIPAA), 'enforce', 'output').action).toBe('block');
  });

  it('keeps the token weight for a token no value-form pattern reads, and nothing for other tokens', () => {
    expect(phi('[PERSON_NAME_1] has been diagnosed with HIV.')?.labels).toContain('pii-token');
    expect(phi('[EMAIL_1] has been diagnosed with HIV.')?.score).toBe(0);
  });

  it('scans nothing without a bracket, and leaves other tokens alone', () => {
    expect(withStandIns('Patient: Jane Doe, MRN 00000000')).toBeUndefined();
    expect(withStandIns('Write to [EMAIL_1] about [PERSON_NAME_1].')).toEqual({ text: 'Write to [EMAIL_1] about Jane Doe.', gates: [] });
    expect(withStandIns('SSN [SSN_1]')).toEqual({ text: 'SSN 000-00-0000', gates: ['-'] });
  });
});
