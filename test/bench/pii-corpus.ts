// Synthetic PII corpus: deterministic from a seed. Positives carry valid check digits and realistic
// context; near-misses (bad Luhn, wrong IBAN check digits, SSN 000-xx, …) must NOT be detected.
// Ground truth is by construction: the generator computes check digits itself, independently of the detector.
import type { PiiCategory } from '../../main/gateway/pii/categories.ts';
import { mulberry32 } from '../../models/seeded-random.ts';

export interface LabelledSpan {
  category: PiiCategory;
  start: number;
  end: number;
  value: string;
}

export interface CorpusDocument {
  text: string;
  /** PII that must be found. */
  entities: LabelledSpan[];
  /** Look-alikes that must not be reported under `category` (kept for error analysis). */
  nearMisses: LabelledSpan[];
}

export interface CorpusOptions {
  seed: number;
  documents: number;
  sentencesPerDocument?: number;
  /** Share of sentences that carry a near-miss instead of real PII. */
  nearMissRate?: number;
  /** Share of PII sentences drawn from the hard, context-free templates. */
  hardRate?: number;
}

type Rng = () => number;

export const seededRng: (seed: number) => Rng = mulberry32;

interface Gen {
  rng: Rng;
  int(min: number, max: number): number;
  pick<T>(xs: readonly T[]): T;
  digits(n: number): string;
}

function gen(rng: Rng): Gen {
  const int = (min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
  return {
    rng,
    int,
    pick: <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)] as T,
    digits: (n: number): string => Array.from({ length: n }, () => String(int(0, 9))).join(''),
  };
}

// ---------------------------------------------------------------- independent check-digit maths

function luhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

function mod97(s: string): number {
  let r = 0;
  for (const ch of s) {
    const v = /[A-Z]/.test(ch) ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) r = (r * 10 + Number(d)) % 97;
  }
  return r;
}

function abaCheckDigit(eight: string): string {
  const d = (i: number): number => Number(eight[i]);
  const partial = 3 * (d(0) + d(3) + d(6)) + 7 * (d(1) + d(4) + d(7)) + (d(2) + d(5));
  return String((10 - (partial % 10)) % 10);
}

function nhsCheckDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (10 - i);
  const c = 11 - (sum % 11);
  return c === 11 ? 0 : c; // 10 means the body is unusable
}

// ---------------------------------------------------------------- value generators

const FIRST = ['James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth', 'Sarah', 'Thomas', 'Emma', 'Oliver', 'Sophie', 'Daniel', 'Laura', 'Mohammed', 'Fatima', 'Wei', 'Priya', 'Carlos', 'Ana', 'Olu', 'Chidi', 'Hannah', 'Lucas', 'Ingrid', 'Mateo', 'Aisha'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Martinez', 'Taylor', 'Anderson', 'Thompson', 'Clarke', 'Okafor', 'Natarajan', 'Zhang', 'Kowalski', 'Fernandes', 'Nakamura', 'Haddad', 'Lindqvist', 'Osei', 'Byrne', 'Walsh', 'Patel', 'Nguyen', 'Adeyemi', 'Moreau'];
const DOMAINS = ['example.com', 'acme-corp.co.uk', 'mail.example.org', 'clinic.example.net', 'contoso.com', 'northwind.io'];
const US_AREA = ['201', '202', '212', '213', '305', '312', '404', '415', '503', '512', '617', '646', '702', '713', '718', '808', '917', '919', '972'];
const STREETS = ['Baker', 'Elm', 'Maple', 'Oak', 'Pennsylvania', 'Market', 'Church', 'High', 'Station', 'Victoria', 'Mill', 'Cedar', 'Harbour'];
const SUFFIXES = ['Street', 'Avenue', 'Road', 'Lane', 'Drive', 'Boulevard', 'Close', 'Way', 'Court', 'St', 'Ave', 'Rd'];
const CITIES = [['Springfield', 'IL'], ['Portland', 'OR'], ['Austin', 'TX'], ['Boston', 'MA']] as const;
const UK_TOWNS = [['London', 'NW1 6XE'], ['Leeds', 'LS1 4AP'], ['Bristol', 'BS1 5TR']] as const;

const name = (g: Gen): string => `${g.pick(FIRST)} ${g.pick(LAST)}`;

function nanpLocal(g: Gen): [string, string] {
  let nxx = `${g.int(2, 9)}${g.digits(2)}`;
  if (nxx.endsWith('11')) nxx = `${nxx[0]}21`;
  return [nxx, g.digits(4)];
}

function phone(g: Gen): string {
  const [nxx, line] = nanpLocal(g);
  const npa = g.pick(US_AREA);
  return g.pick([
    `(${npa}) ${nxx}-${line}`,
    `${npa}-${nxx}-${line}`,
    `${npa}.${nxx}.${line}`,
    `+1 ${npa} ${nxx} ${line}`,
    `+44 20 7946 0${g.digits(3)}`,
    `+44 7400 ${g.digits(6)}`,
    `020 7946 0${g.digits(3)}`,
    `+49 30 ${g.int(1, 9)}${g.digits(7)}`,
    `+33 1 ${g.int(40, 49)} ${g.digits(2)} ${g.digits(2)} ${g.digits(2)}`,
  ]);
}

function badPhone(g: Gen): string {
  const [nxx, line] = nanpLocal(g);
  return g.pick([
    `(${g.int(0, 1)}${g.digits(2)}) ${nxx}-${line}`, // area code cannot start with 0 or 1
    `${g.pick(US_AREA)}-${g.int(0, 1)}${g.digits(2)}-${line}`, // exchange cannot start with 0 or 1
    `+1 ${g.pick(US_AREA)} ${nxx} ${line.slice(0, 2)}`, // too short
  ]);
}

function groupCard(digits: string, g: Gen): string {
  const sep = g.pick([' ', '-', '']);
  if (digits.length === 15) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)].join(sep);
  return (digits.match(/.{1,4}/g) ?? []).join(sep);
}

function cardBody(g: Gen): string {
  const scheme = g.int(0, 3);
  if (scheme === 0) return `4${g.digits(14)}`;
  if (scheme === 1) return `5${g.int(1, 5)}${g.digits(13)}`;
  if (scheme === 2) return `3${g.pick(['4', '7'])}${g.digits(12)}`;
  return `6011${g.digits(11)}`;
}

function card(g: Gen): string {
  const body = cardBody(g);
  return groupCard(body + luhnCheckDigit(body), g);
}

function badCard(g: Gen): string {
  const body = cardBody(g);
  if (g.rng() < 0.7) return groupCard(body + String((Number(luhnCheckDigit(body)) + g.int(1, 9)) % 10), g); // bad Luhn
  const unknownIssuer = `9${g.digits(14)}`; // valid Luhn, no such issuer
  return groupCard(unknownIssuer + luhnCheckDigit(unknownIssuer), g);
}

const IBAN_BBAN: Record<string, (g: Gen) => string> = {
  GB: (g) => `${g.pick(['WEST', 'BARC', 'NWBK', 'LOYD'])}${g.digits(14)}`,
  DE: (g) => g.digits(18),
  IE: (g) => `${g.pick(['AIBK', 'BOFI'])}${g.digits(14)}`,
  AT: (g) => g.digits(16),
  CH: (g) => g.digits(17),
  NL: (g) => `${g.pick(['ABNA', 'INGB', 'RABO'])}${g.digits(10)}`,
  IT: (g) => `X${g.digits(22)}`,
};

function ibanWithCheck(g: Gen, corrupt: boolean): string {
  const cc = g.pick(Object.keys(IBAN_BBAN));
  const bban = (IBAN_BBAN[cc] as (g: Gen) => string)(g);
  let check = 98 - mod97(bban + cc + '00');
  if (corrupt) {
    // Any other value in 02..98, the range real check digits take.
    const other = g.int(2, 97);
    check = other >= check ? other + 1 : other;
  }
  const electronic = `${cc}${String(check).padStart(2, '0')}${bban}`;
  return g.rng() < 0.6 ? (electronic.match(/.{1,4}/g) ?? []).join(' ') : electronic;
}

function aba(g: Gen, corrupt: boolean): string {
  const eight = `${g.pick(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '21', '22', '26', '31'])}${g.digits(6)}`;
  const check = Number(abaCheckDigit(eight));
  return eight + String(corrupt ? (check + g.int(1, 9)) % 10 : check);
}

function nhs(g: Gen, corrupt: boolean): string {
  for (;;) {
    const nine = `${g.pick(['4', '6', '9'])}${g.digits(8)}`;
    const check = nhsCheckDigit(nine);
    if (check === 10) continue;
    const digits = nine + String(corrupt ? (check + g.int(1, 9)) % 10 : check);
    const sep = g.pick([' ', ' ', '-', '']);
    return sep === '' ? digits : `${digits.slice(0, 3)}${sep}${digits.slice(3, 6)}${sep}${digits.slice(6)}`;
  }
}

function ssn(g: Gen): string {
  let area = g.int(1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}-${String(g.int(1, 99)).padStart(2, '0')}-${String(g.int(1, 9999)).padStart(4, '0')}`;
}

function badSsn(g: Gen): string {
  const ok = ssn(g).split('-');
  switch (g.int(0, 3)) {
    case 0: return `000-${ok[1]}-${ok[2]}`;
    case 1: return `666-${ok[1]}-${ok[2]}`;
    case 2: return `${ok[0]}-00-${ok[2]}`;
    default: return `${ok[0]}-${ok[1]}-0000`;
  }
}

function itin(g: Gen, corrupt: boolean): string {
  const group = corrupt ? g.pick(['00', '12', '40', '49', '66', '69', '89', '93']) : String(g.pick([g.int(50, 65), g.int(70, 88), g.int(90, 92), g.int(94, 99)]));
  return `9${g.digits(2)}-${group}-${g.digits(4)}`;
}

const hex = (g: Gen, n: number): string => Array.from({ length: n }, () => '0123456789abcdef'[g.int(0, 15)]).join('');

function ipv4(g: Gen): string {
  return `${g.int(1, 223)}.${g.int(0, 255)}.${g.int(0, 255)}.${g.int(1, 254)}`;
}

function ipv6(g: Gen): string {
  const grp = (): string => hex(g, g.int(1, 4)).replace(/^0+(?=.)/, '');
  switch (g.int(0, 3)) {
    case 0: return Array.from({ length: 8 }, grp).join(':');
    case 1: return `2001:db8:${grp()}::${grp()}:${grp()}`;
    case 2: return `fe80::${grp()}:${grp()}:${grp()}:${grp()}`;
    default: return `2a02:${grp()}:${grp()}:${grp()}::${grp()}`;
  }
}

function mac(g: Gen): string {
  const bytes = Array.from({ length: 6 }, () => hex(g, 2));
  const upper = g.rng() < 0.5;
  const s = g.rng() < 0.8 ? bytes.join(g.pick([':', '-'])) : [bytes.slice(0, 2), bytes.slice(2, 4), bytes.slice(4)].map((b) => b.join('')).join('.');
  return upper ? s.toUpperCase() : s;
}

function badMac(g: Gen): string {
  const bytes = Array.from({ length: 6 }, () => hex(g, 2).toUpperCase());
  return g.pick([bytes.slice(0, 5).join(':'), [...bytes.slice(0, 5), 'G7'].join(':'), [...bytes, '7F'].join(':')]);
}

function birthDate(g: Gen): string {
  const y = g.int(1935, 2006);
  const m = g.int(1, 12);
  const d = g.int(1, 28);
  const month = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1] ?? 'May';
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return g.pick([`${p2(m)}/${p2(d)}/${y}`, `${y}-${p2(m)}-${p2(d)}`, `${d} ${month} ${y}`, `${month} ${d}, ${y}`, `${p2(d)}.${p2(m)}.${y}`]);
}

function street(g: Gen): string {
  const base = `${g.int(1, 9999)}${g.rng() < 0.1 ? 'B' : ''} ${g.pick(STREETS)} ${g.pick(SUFFIXES)}`;
  const unit = g.rng() < 0.25 ? `, Apt ${g.int(1, 40)}${g.pick(['', 'A', 'C'])}` : '';
  const r = g.rng();
  if (r < 0.35) {
    const [city, st] = g.pick(CITIES);
    return `${base}${unit}, ${city}, ${st} ${g.digits(5)}`;
  }
  if (r < 0.55) {
    const [town, pc] = g.pick(UK_TOWNS);
    return `${base}, ${town} ${pc}`;
  }
  return base + unit;
}

function licence(g: Gen): string {
  if (g.rng() < 0.5) return `${g.pick(['MORGA', 'SMITH', 'JONES', 'PATEL'])}${g.digits(6)}${g.pick(['SM', 'JA', 'PR'])}9${g.pick(['IJ', 'AB', 'XY'])}`;
  return `${String.fromCharCode(65 + g.int(0, 25))}${g.digits(7)}`;
}

// ---------------------------------------------------------------- sentence templates

type Part = string | { category: PiiCategory; value: string; nearMiss?: boolean };
type Template = (g: Gen) => Part[];
const pii = (category: PiiCategory, value: string): Part => ({ category, value });
const miss = (category: PiiCategory, value: string): Part => ({ category, value, nearMiss: true });

const POSITIVES: Template[] = [
  (g) => ['Please reply to ', pii('EMAIL', `${g.pick(FIRST).toLowerCase()}.${g.pick(LAST).toLowerCase()}@${g.pick(DOMAINS)}`), ' before noon.'],
  (g) => ['Copy in ', pii('EMAIL', `${g.pick(FIRST)[0]?.toLowerCase()}${g.pick(LAST).toLowerCase()}${g.int(1, 99)}@${g.pick(DOMAINS)}`), ' on the thread.'],
  (g) => ['Call me on ', pii('PHONE', phone(g)), ' if the shipment is late.'],
  (g) => ['The site office phone is ', pii('PHONE', phone(g)), '.'],
  (g) => ['Employee SSN: ', pii('SSN', ssn(g)), '.'],
  (g) => ['The form lists social security number ', pii('SSN', ssn(g)), ' for the claimant.'],
  (g) => ['His ITIN is ', pii('ITIN', itin(g, false)), ' according to the filing.'],
  (g) => ['Card number ', pii('CREDIT_CARD', card(g)), ` exp ${g.int(1, 12)}/${g.int(26, 31)}.`],
  (g) => ['Please refund the charge to ', pii('CREDIT_CARD', card(g)), ' today.'],
  (g) => ['Wire the deposit to IBAN ', pii('IBAN', ibanWithCheck(g, false)), ' by Friday.'],
  (g) => ['Beneficiary account: ', pii('IBAN', ibanWithCheck(g, false)), '.'],
  (g) => ['Our routing number is ', pii('ABA_ROUTING', aba(g, false)), ' and the account is checking.'],
  (g) => ['ABA ', pii('ABA_ROUTING', aba(g, false)), ' was used for the ACH batch.'],
  (g) => ['NHS number ', pii('NHS_NUMBER', nhs(g, false)), ' was added to the referral.'],
  (g) => ['Patient record updated, NHS No: ', pii('NHS_NUMBER', nhs(g, false)), '.'],
  (g) => ['Login attempts came from ', pii('IPV4', ipv4(g)), ' overnight.'],
  (g) => ['The gateway at ', pii('IPV4', ipv4(g)), ' refused the connection.'],
  (g) => ['Traffic from ', pii('IPV6', ipv6(g)), ' was throttled.'],
  (g) => ['Client address ', pii('IPV6', ipv6(g)), ' appears in the log.'],
  (g) => ['The laptop with MAC ', pii('MAC', mac(g)), ' joined the network.'],
  (g) => ['Whitelist device ', pii('MAC', mac(g)), ' on the guest VLAN.'],
  (g) => ['Connect with ', pii('URL_CREDENTIALS', `${g.pick(['postgres', 'mysql', 'redis', 'https', 'ftp', 'amqp'])}://${g.pick(['admin', 'svc_report', 'deploy'])}:${hex(g, 10)}@${g.pick(['db', 'cache', 'files'])}.internal.example.com${g.pick(['', ':5432', ':6379'])}`), ' for the report.'],
  (g) => ['DOB: ', pii('DATE_OF_BIRTH', birthDate(g)), '.'],
  (g) => ['The applicant was born on ', pii('DATE_OF_BIRTH', birthDate(g)), ' in Leeds.'],
  (g) => ['Passport number ', pii('PASSPORT', g.rng() < 0.5 ? g.digits(9) : `${String.fromCharCode(65 + g.int(0, 25))}${g.digits(8)}`), ' expires next year.'],
  (g) => ["Driver's licence ", pii('DRIVER_LICENCE', licence(g)), ' was scanned at the desk.'],
  (g) => ['Ship the replacement to ', pii('STREET_ADDRESS', street(g)), '.'],
  (g) => ['She moved to ', pii('STREET_ADDRESS', street(g)), ' last spring.'],
  (g) => ['Dr. ', pii('PERSON_NAME', name(g)), ' signed the discharge summary.'],
  (g) => ['Name: ', pii('PERSON_NAME', name(g)), '.'],
  (g) => ['The request was approved by ', pii('PERSON_NAME', name(g)), ' yesterday.'],
  (g) => ['MRN: ', pii('MEDICAL_RECORD_NUMBER', g.digits(8)), ' was admitted to ward 4.'],
  (g) => ['Medical record number ', pii('MEDICAL_RECORD_NUMBER', `${String.fromCharCode(65 + g.int(0, 25))}${g.digits(7)}`), ' is on the wristband.'],
];

/**
 * Real PII in forms the detector is not built around (no context, unusual formatting). Written before
 * looking at detector output, to keep the corpus from only echoing the detector's own rules.
 */
const HARD_POSITIVES: Template[] = [
  (g) => ['Reach the foreman at ', pii('PHONE', `${g.pick(US_AREA)}${nanpLocal(g).join('')}`), ' any time.'],
  (g) => [pii('PERSON_NAME', `${g.pick(['Okonkwo', 'Lindqvist', 'Nakamura', 'Haddad'])} ${g.pick(LAST)}`), ' will send the file.'],
  (g) => ['Transfer to ', pii('IBAN', ibanWithCheck(g, false).toLowerCase()), ' please.'],
  (g) => ['Claimant ', pii('SSN', ssn(g).replace(/-/g, ' ')), ' filed late.'],
  (g) => ['Ship it to ', pii('STREET_ADDRESS', `PO Box ${g.int(10, 9999)}, ${g.pick(CITIES)[0]}`), '.'],
  (g) => ['Age check: ', pii('DATE_OF_BIRTH', birthDate(g)), ' per the ID card.'],
  (g) => ['Paid with ', pii('CREDIT_CARD', card(g).replace(/[ -]/g, '.')), ' at the till.'],
];

const NEAR_MISSES: Template[] = [
  (g) => ['Card number ', miss('CREDIT_CARD', badCard(g)), ' was declined as invalid.'],
  (g) => ['Tracking reference ', miss('CREDIT_CARD', badCard(g)), ' is in the courier system.'],
  (g) => ['The IBAN ', miss('IBAN', ibanWithCheck(g, true)), ' failed validation.'],
  (g) => ['SSN ', miss('SSN', badSsn(g)), ' is a placeholder in the test data.'],
  (g) => ['ITIN ', miss('ITIN', itin(g, true)), ' was rejected by the IRS.'],
  (g) => ['The routing number ', miss('ABA_ROUTING', aba(g, true)), ' bounced.'],
  (g) => ['Order ', miss('ABA_ROUTING', aba(g, false)), ' has shipped.'],
  (g) => ['NHS number ', miss('NHS_NUMBER', nhs(g, true)), ' did not pass the check.'],
  (g) => ['Ticket ', miss('NHS_NUMBER', g.digits(10)), ' is still open.'],
  (g) => ['Call ', miss('PHONE', badPhone(g)), ' is not a working number.'],
  (g) => ['Invoice ', miss('PHONE', `INV-${g.digits(8)}`), ' is overdue.'],
  (g) => ['Reply to ', miss('EMAIL', g.pick(['ops@localhost', '@channel', 'support at example dot com', 'admin@intranet'])), ' is not an address we accept.'],
  (g) => ['Version ', miss('IPV4', g.pick([`${g.int(1, 9)}.${g.int(0, 20)}.${g.int(0, 99)}`, `${g.int(256, 999)}.${g.int(0, 255)}.${g.int(0, 255)}.${g.int(0, 255)}`, `${g.int(1, 9)}.${g.int(0, 9)}.${g.int(0, 9)}.${g.int(0, 9)}.${g.int(0, 9)}`])), ' shipped last week.'],
  (g) => ['The meeting runs ', miss('IPV6', g.pick([`${g.int(10, 12)}:${g.int(10, 59)}:${g.int(10, 59)}`, `2001:db8:::${hex(g, 2)}`, `1:2:3:4:5:6:7:8:9`, `gggg::${hex(g, 3)}`])), ' until close.'],
  (g) => ['Unknown device ', miss('MAC', badMac(g)), ' was ignored.'],
  (g) => ['The meeting is on ', miss('DATE_OF_BIRTH', birthDate(g)), ' at the office.'],
  (_g) => ['Passport photos are due by ', miss('PASSPORT', 'Friday'), '.'],
  (g) => ['See the docs at ', miss('URL_CREDENTIALS', `https://docs.example.com/${hex(g, 6)}`), ' for details.'],
  (g) => ['The ', miss('PERSON_NAME', g.pick(['Quarterly Review', 'Project Phoenix', 'Finance Committee', 'Annual Report'])), ' is scheduled for next week.'],
  (g) => ['Room ', miss('STREET_ADDRESS', `${g.int(1, 99)}`), ' on Floor 3 is booked.'],
];

const FILLER = [
  'Thanks for the quick turnaround.',
  'Let me know if anything else is needed.',
  'The quarterly numbers look fine overall.',
  'We will review this at the next stand-up.',
  'Attached is the summary from the audit.',
];

/** Generates `documents` documents, each a run of sentences with labelled PII and near-misses. */
export function generatePiiCorpus(options: CorpusOptions): CorpusDocument[] {
  const g = gen(seededRng(options.seed));
  const perDoc = options.sentencesPerDocument ?? 8;
  const missRate = options.nearMissRate ?? 0.35;
  const hardRate = options.hardRate ?? 0.05;
  const docs: CorpusDocument[] = [];
  for (let d = 0; d < options.documents; d++) {
    let text = '';
    const entities: LabelledSpan[] = [];
    const nearMisses: LabelledSpan[] = [];
    for (let s = 0; s < perDoc; s++) {
      if (text.length > 0) text += g.rng() < 0.2 ? '\n' : ' ';
      const r = g.rng();
      const positives = g.rng() < hardRate ? HARD_POSITIVES : POSITIVES;
      const parts = r < 0.1 ? [g.pick(FILLER)] : (r < 0.1 + missRate ? g.pick(NEAR_MISSES) : g.pick(positives))(g);
      for (const part of parts) {
        if (typeof part === 'string') {
          text += part;
          continue;
        }
        const span = { category: part.category, start: text.length, end: text.length + part.value.length, value: part.value };
        (part.nearMiss === true ? nearMisses : entities).push(span);
        text += part.value;
      }
    }
    docs.push({ text, entities, nearMisses });
  }
  return docs;
}

/** A prompt of about `bytes` characters, dense with PII (no near-misses), for timing. */
export function piiDensePrompt(seed: number, bytes: number): string {
  let text = '';
  for (const doc of generatePiiCorpus({ seed, documents: Math.ceil(bytes / 300) + 4, nearMissRate: 0.15, hardRate: 0 })) {
    text += `${doc.text}\n`;
    if (text.length >= bytes) break;
  }
  const cut = text.lastIndexOf('. ', bytes);
  return text.slice(0, cut > bytes / 2 ? cut + 1 : bytes);
}

export interface CategoryScore {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
}

interface Detection {
  category: PiiCategory;
  start: number;
  end: number;
}

/**
 * Per-category precision and recall. A detection counts as a hit when it overlaps an unmatched labelled
 * span of the same category (boundaries may differ, e.g. an address with or without its city).
 */
export function scoreCorpus(docs: readonly CorpusDocument[], detect: (text: string) => readonly Detection[]): Map<PiiCategory, CategoryScore> {
  const counts = new Map<PiiCategory, { tp: number; fp: number; fn: number }>();
  const bucket = (c: PiiCategory): { tp: number; fp: number; fn: number } => {
    let b = counts.get(c);
    if (b === undefined) counts.set(c, (b = { tp: 0, fp: 0, fn: 0 }));
    return b;
  };
  for (const doc of docs) {
    const matched = new Set<LabelledSpan>();
    for (const det of detect(doc.text)) {
      const hit = doc.entities.find((e) => !matched.has(e) && e.category === det.category && e.start < det.end && det.start < e.end);
      if (hit === undefined) bucket(det.category).fp++;
      else {
        matched.add(hit);
        bucket(det.category).tp++;
      }
    }
    for (const e of doc.entities) if (!matched.has(e)) bucket(e.category).fn++;
  }
  const scores = new Map<PiiCategory, CategoryScore>();
  for (const [c, { tp, fp, fn }] of counts) {
    scores.set(c, {
      truePositives: tp,
      falsePositives: fp,
      falseNegatives: fn,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    });
  }
  return scores;
}
