/**
 * Stage 3's tokens for the identifiers the PHI patterns count in value form, read as stand-in
 * values of the same shape. Stage 8 reads the tokenised answer and stage 9 gives the caller the
 * values: "Patient: [PERSON_NAME_1], MRN [MEDICAL_RECORD_NUMBER_1], diagnosed with HIV" must get
 * the verdict its restored text gets. For PHI scoring only: a stand-in is never shown.
 */

/** One value per token category, each of the shape its PHI pattern asks for ("Patient: Aa Bb", a digit after "DOB"). */
const STAND_INS: Readonly<Record<string, string>> = {
  PERSON_NAME: 'Jane Doe',
  MEDICAL_RECORD_NUMBER: '00000000',
  DATE_OF_BIRTH: '01/01/1970',
  SSN: '000-00-0000',
  ITIN: '900-70-0000',
};

const PHI_TOKEN = /\[(PERSON_NAME|MEDICAL_RECORD_NUMBER|DATE_OF_BIRTH|SSN|ITIN)_\d+\]/g;

export interface StandInText {
  readonly text: string;
  /** Gate words the stand-ins bring into the text (the SSN pattern's "-"). */
  readonly gates: readonly string[];
}

/**
 * The text with its identifier tokens read as values, or undefined when it has none (no "[": no scan).
 * An exec loop, not replace() with a function: half the time on a tokenised 4 KB prompt (≈ 16 tokens, ≈ 60 brackets).
 */
export function withStandIns(text: string): StandInText | undefined {
  if (!text.includes('[')) return undefined;
  let out = '';
  let last = 0;
  let dashed = false;
  PHI_TOKEN.lastIndex = 0;
  for (let token = PHI_TOKEN.exec(text); token !== null; token = PHI_TOKEN.exec(text)) {
    const category = token[1] ?? '';
    if (category === 'SSN' || category === 'ITIN') dashed = true;
    out += text.slice(last, token.index) + (STAND_INS[category] ?? '');
    last = token.index + token[0].length;
  }
  return last === 0 ? undefined : { text: out + text.slice(last), gates: dashed ? ['-'] : [] };
}
