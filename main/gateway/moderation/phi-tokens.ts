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

/** The text with its identifier tokens read as values, or undefined when it has none (no "[": no scan). */
export function withStandIns(text: string): StandInText | undefined {
  if (!text.includes('[')) return undefined;
  let found = false;
  let dashed = false;
  const replaced = text.replace(PHI_TOKEN, (_token, category: string) => {
    found = true;
    if (category === 'SSN' || category === 'ITIN') dashed = true;
    return STAND_INS[category] ?? '';
  });
  return found ? { text: replaced, gates: dashed ? ['-'] : [] } : undefined;
}
