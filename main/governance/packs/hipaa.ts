/**
 * HIPAA pack: the PHI categories the gateway's PII stage turns on, the stricter moderation
 * thresholds it applies, encryption of every content type, and minimum-necessary exports.
 * Values here are exported for the gateway (governance never calls the gateway).
 */
import { ENCRYPTED_CONTENT_TYPES } from '../../data/field-encryption.ts';
import { ExportPurposeError } from '../errors.ts';

/**
 * HIPAA Safe Harbor identifiers (45 CFR 164.514(b)(2)) as the gateway's PII category names: with
 * the pack on, each is treated as PHI (redacted before the model, restored only for the caller).
 */
export const PHI_CATEGORIES = [
  'PERSON_NAME',
  'STREET_ADDRESS',
  'DATE_OF_BIRTH',
  'PHONE',
  'EMAIL',
  'SSN',
  'MEDICAL_RECORD_NUMBER',
  'NHS_NUMBER',
  'PASSPORT',
  'DRIVER_LICENCE',
  'CREDIT_CARD',
  'IBAN',
  'ABA_ROUTING',
  'URL_CREDENTIALS',
  'IPV4',
  'IPV6',
  'MAC',
] as const;

export interface ModerationThreshold {
  /** At or above: flagged and recorded. */
  readonly flag: number;
  /** At or above: blocked in enforce mode. */
  readonly block: number;
}

/** Stricter moderation under HIPAA (lower thresholds flag and block sooner), per category. */
export const HIPAA_MODERATION_THRESHOLDS: Readonly<Record<string, ModerationThreshold>> = Object.freeze({
  violence_weapons: { flag: 0.4, block: 0.7 },
  self_harm: { flag: 0.3, block: 0.6 },
  hate: { flag: 0.4, block: 0.7 },
  malware: { flag: 0.4, block: 0.7 },
  drugs_synthesis: { flag: 0.4, block: 0.7 },
  phi_disclosure: { flag: 0.3, block: 0.5 },
});

/** HIPAA encrypts every content type the data layer can encrypt (embeddings never are, by design). */
export const HIPAA_ENCRYPTED_CONTENT_TYPES = ENCRYPTED_CONTENT_TYPES;

/** Minimum necessary (45 CFR 164.502(b)): the fields each export purpose may carry, and no others. */
export const MINIMUM_NECESSARY_FIELDS = Object.freeze({
  treatment: ['patientId', 'name', 'dateOfBirth', 'diagnosis', 'medications', 'allergies', 'clinicalNotes'],
  payment: ['patientId', 'name', 'insuranceId', 'procedureCodes', 'serviceDates', 'amount'],
  operations: ['patientId', 'department', 'procedureCodes', 'serviceDates'],
  research: ['ageBand', 'diagnosis', 'procedureCodes'],
  audit: ['patientId', 'department', 'serviceDates'],
} as const satisfies Record<string, readonly string[]>);
export type ExportPurpose = keyof typeof MINIMUM_NECESSARY_FIELDS;

export interface MinimumNecessaryExport {
  readonly purpose: ExportPurpose;
  readonly records: readonly Readonly<Record<string, unknown>>[];
  /** Fields present in the input but withheld for this purpose (names only, never values). */
  readonly withheld: readonly string[];
}

/** Projects records to the fields the declared purpose needs; anything else is withheld. */
export function minimumNecessary(records: readonly Readonly<Record<string, unknown>>[], purpose: string): MinimumNecessaryExport {
  if (!Object.hasOwn(MINIMUM_NECESSARY_FIELDS, purpose)) throw new ExportPurposeError(purpose, Object.keys(MINIMUM_NECESSARY_FIELDS));
  const declared = purpose as ExportPurpose;
  const allowed = new Set<string>(MINIMUM_NECESSARY_FIELDS[declared]);
  const withheld = new Set<string>();
  const projected = records.map((record) => {
    const out: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(record)) {
      if (allowed.has(field)) out[field] = value;
      else withheld.add(field);
    }
    return out;
  });
  return { purpose: declared, records: projected, withheld: [...withheld].sort() };
}
