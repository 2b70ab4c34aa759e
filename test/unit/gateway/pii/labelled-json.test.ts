import { describe, expect, it } from 'vitest';
import { found } from './found.ts';
import type { PiiCategory } from '../../../../main/gateway/pii/categories.ts';

// A tool's output is often JSON: its keys label the values as words do in prose.
const LABELLED: Array<[string, PiiCategory, string]> = [
  ['{"dob":"1985-03-14"}', 'DATE_OF_BIRTH', '1985-03-14'],
  ['{"date_of_birth": "1985-03-14"}', 'DATE_OF_BIRTH', '1985-03-14'],
  ['{"ssn":"123456789"}', 'SSN', '123456789'],
  ['{"social_security_number": 123456789}', 'SSN', '123456789'],
  ['{"routing":"021000021"}', 'ABA_ROUTING', '021000021'],
  ['{"routing_number": "021000021"}', 'ABA_ROUTING', '021000021'],
  ['{"passport":"533380006"}', 'PASSPORT', '533380006'],
  ['{"passport_no": "533380006"}', 'PASSPORT', '533380006'],
  ['{"driver_license":"D1234567"}', 'DRIVER_LICENCE', 'D1234567'],
  ['{"nhs_number":"9434765919"}', 'NHS_NUMBER', '9434765919'],
  ['{"mrn":"00123456"}', 'MEDICAL_RECORD_NUMBER', '00123456'],
  ['{"phone_number": "4156511672"}', 'PHONE', '4156511672'],
  ['driver_license=D1234567', 'DRIVER_LICENCE', 'D1234567'],
];

describe('labels written as JSON keys or snake_case', () => {
  for (const [text, category, value] of LABELLED) {
    it(`finds ${category} labelled by the key in ${text}`, () => {
      expect(found(text)).toEqual([[category, value]]);
    });
  }

  it('does not take a label from inside a longer word or key', () => {
    expect(found('{"transitory_state": "021000021"}')).toEqual([]);
    expect(found('{"dobbin": "1985-03-14"}')).toEqual([]);
    expect(found('{"passports_issued": "533380006"}')).toEqual([]);
    expect(found('{"build": "123456789", "count": "4156511672"}')).toEqual([]);
  });

  it('takes a label only where it ends the key, as JSON pasted into a message', () => {
    expect(found('{"call_duration_ms": "4156511672", "sms_count": "4156511672", "text_length": "4156511672"}')).toEqual([]);
    expect(found('{"ssn_hash": "123456789", "routing_table": "021000021"}')).toEqual([]);
    expect(found('{"sms_number": "4156511672"}')).toEqual([['PHONE', '4156511672']]);
  });
});
