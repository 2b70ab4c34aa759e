// The label a JSON key gives its value. Only the key's last words label it ("call_duration_ms" is
// not a phone label, "product_name" not a person's), optionally followed by a number word
// ("nhs_number", "passport_no", "patient_id"); generic words ("name", "customer", "contact") label a
// person only when the name lexicon accepts the value as a person's name.
import { isLexiconName } from './person-names.ts';

/** Words after a label that keep it a label: "routing_number", "passport_no", "mrn_id". */
const NUMBER_WORDS = new Set(['number', 'no', 'nr', 'num', 'id']);

/**
 * Label phrases, as the key's last words, that the recognisers read as context. Words that label
 * other things as often as PII ("call", "text", "cell", "ring") are left out.
 */
const KEY_LABELS = new Set([
  // PHONE
  'phone', 'telephone', 'tel', 'mobile', 'fax', 'sms', 'whatsapp',
  // DATE_OF_BIRTH
  'dob', 'date of birth', 'birth date', 'birthdate', 'birthday', 'born', 'born on',
  // SSN / ITIN
  'ssn', 'ssa', 'social security', 'itin', 'tin', 'tax', 'taxpayer',
  // ABA_ROUTING
  'routing', 'aba', 'rtn', 'transit',
  // NHS_NUMBER
  'nhs', 'chi', 'health', 'health service',
  // PASSPORT / DRIVER_LICENCE / MEDICAL_RECORD_NUMBER
  'passport', 'driver license', 'driver licence', 'drivers license', 'drivers licence', 'driving license', 'driving licence',
  'mrn', 'medical record', 'patient', 'chart',
  // other identifiers, which tell the phone recogniser a number is not a phone number
  'account', 'acct', 'order', 'ticket', 'invoice', 'card', 'license', 'licence', 'record', 'ref', 'reference', 'tracking', 'iban',
  // PERSON_NAME, where the key says the value is a person
  'full name', 'first name', 'last name', 'given name', 'family name', 'middle name', 'maiden name', 'legal name',
  'patient name', 'customer name', 'client name', 'contact name', 'employee name', 'applicant name', 'cardholder name',
  'holder name', 'account holder', 'account holder name', 'beneficiary name', 'guardian name', 'guardian',
  'employee', 'applicant', 'cardholder', 'next of kin', 'attn', 'attention', 'approved by', 'signed by', 'submitted by',
  'reported by', 'requested by', 'reviewed by', 'authorised by', 'authorized by', 'referred by',
]);

/** Abbreviations that label a value only as the whole key ("dl", "dl_no"; not "max_dl", a download limit). */
const WHOLE_KEY_LABELS = new Set(['dl']);

/** Keys that name a thing as often as a person ({"name": "Quarterly Report"}, {"customer": "Northwind Traders"}). */
const GENERIC_NAME_LABELS = new Set(['name', 'customer', 'client', 'contact', 'beneficiary']);

function wordsOf(key: string): string[] {
  // Only the key's end can label the value (context windows are a few dozen characters).
  const tail = key.length > 64 ? key.slice(-64) : key;
  return tail
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

/** The label text to read before `value` ("routing number: "), or '' when the key labels nothing. */
export function keyLabel(key: string, value: string): string {
  const words = wordsOf(key);
  let end = words.length;
  while (end > 1 && NUMBER_WORDS.has(words[end - 1] ?? '')) end--;
  const suffix = words.slice(end).join(' ');
  for (let k = Math.min(4, end); k >= 1; k--) {
    const phrase = words.slice(end - k, end).join(' ');
    if (KEY_LABELS.has(phrase) || (k === end && WHOLE_KEY_LABELS.has(phrase))) return `${phrase}${suffix === '' ? '' : ` ${suffix}`}: `;
  }
  const last = words[end - 1] ?? '';
  if (suffix === '' && GENERIC_NAME_LABELS.has(last) && isLexiconName(value.trim())) return 'name: ';
  return '';
}
