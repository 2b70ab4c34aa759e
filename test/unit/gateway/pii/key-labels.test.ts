import { describe, expect, it } from 'vitest';
import { US } from './found.ts';
import { keyLabel } from '../../../../main/gateway/pii/key-labels.ts';
import { createRedactionSession } from '../../../../main/gateway/pii/redaction.ts';


function args(json: string): string {
  return createRedactionSession(US).redactToolArguments(json);
}

describe('JSON keys as labels in tool-call arguments', () => {
  it('does not read a thing named by a generic key as a person', () => {
    for (const json of [
      '{"name":"Quarterly Report"}',
      '{"tool":{"name":"Web Search"}}',
      '{"customer":"Northwind Traders","client":"Blue Bottle Coffee","contact":"Front Desk","beneficiary":"Red Cross"}',
      '{"product_name":"Golden Gate Bridge Tour"}',
    ]) {
      expect(args(json)).toBe(json);
    }
  });

  it('still reads a generic key as a person label when the lexicon knows the name', () => {
    expect(args('{"name":"John Smith","contact":"JOHN SMITH"}')).toBe('{"name":"[PERSON_NAME_1]","contact":"[PERSON_NAME_2]"}');
    expect(args('{"patient_name":"John Smith"}')).toBe('{"patient_name":"[PERSON_NAME_1]"}');
  });

  it('takes a label only from the end of the key, so counts, lengths and call ids are not phone numbers', () => {
    for (const json of [
      '{"call_duration_ms":2025550143}',
      '{"call_id":2025550143}',
      '{"text_length":2025550143}',
      '{"sms_count":2025550143}',
      '{"cell":2025550143}',
      '{"max_dl":"AB123456","dl_speed":"AB123456"}',
    ]) {
      expect(args(json)).toBe(json);
    }
  });

  it('keeps the labels that do end the key, with or without a number word', () => {
    expect(args('{"phone":2025550143,"mobileNumber":"4156511672"}')).toBe('{"phone":"[PHONE_1]","mobileNumber":"[PHONE_2]"}');
    expect(args('{"dob":"1985-03-14","ssn":"123456789","nhs_number":9434765919,"dl":"D1234567"}')).toBe(
      '{"dob":"[DATE_OF_BIRTH_1]","ssn":"[SSN_1]","nhs_number":"[NHS_NUMBER_1]","dl":"[DRIVER_LICENCE_1]"}',
    );
    expect(keyLabel('routing_number', '021000021')).toBe('routing number: ');
    expect(keyLabel('call_duration_ms', '2025550143')).toBe('');
  });
});
