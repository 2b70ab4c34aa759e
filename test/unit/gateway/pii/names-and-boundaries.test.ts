import { describe, expect, it } from 'vitest';
import { found } from './found.ts';

describe('names with accents or in capitals', () => {
  it('finds labelled and honorific names whose letters are not ASCII', () => {
    expect(found('Patient: José García')).toEqual([['PERSON_NAME', 'José García']]);
    expect(found('Name: Zoë Smith')).toEqual([['PERSON_NAME', 'Zoë Smith']]);
    expect(found('Dr. Müller will call back.')).toEqual([['PERSON_NAME', 'Müller']]);
    expect(found('Yesterday José García met the team.')).toEqual([['PERSON_NAME', 'José García']]);
  });

  it('finds a labelled name in capitals the lexicon knows, and not capitals it does not', () => {
    expect(found('Patient: JOHN SMITH')).toEqual([['PERSON_NAME', 'JOHN SMITH']]);
    expect(found('Contact: IT SUPPORT')).toEqual([]);
    expect(found('Customer: ACME CORP')).toEqual([]);
    expect(found('Ärzte Kammer Berlin tagt heute.')).toEqual([]);
  });
});

describe('surnames with a capital inside them', () => {
  it('takes a surname through an inner capital after an apostrophe, a prefix or a hyphen, as one finding', () => {
    expect(found("Patient John O'Brien was seen")).toEqual([['PERSON_NAME', "John O'Brien"]]);
    expect(found('Patient John McDonald was seen')).toEqual([['PERSON_NAME', 'John McDonald']]);
    expect(found('Patient: Mary MacArthur')).toEqual([['PERSON_NAME', 'Mary MacArthur']]);
    expect(found('Patient Sean O’Neill was seen')).toEqual([['PERSON_NAME', 'Sean O’Neill']]);
    expect(found('Customer Anne-Marie DuBois called')).toEqual([['PERSON_NAME', 'Anne-Marie DuBois']]);
    expect(found("Patient Liam O'Connor-Smith was seen")).toEqual([['PERSON_NAME', "Liam O'Connor-Smith"]]);
    expect(found('Patient Ella FitzGerald was seen')).toEqual([['PERSON_NAME', 'Ella FitzGerald']]);
    expect(found('Patient Ella MacKenzie was seen')).toEqual([['PERSON_NAME', 'Ella MacKenzie']]);
    expect(found("Patient D'Angelo Russell was seen")).toEqual([['PERSON_NAME', "D'Angelo Russell"]]);
    expect(found("Patient: JOHN O'BRIEN")).toEqual([['PERSON_NAME', "JOHN O'BRIEN"]]);
  });

  it('takes the whole surname after an honorific', () => {
    expect(found('Dr. McDonald called')).toEqual([['PERSON_NAME', 'McDonald']]);
    expect(found("Mr. O'Brien called")).toEqual([['PERSON_NAME', "O'Brien"]]);
    expect(found('Ms. MacKenzie called')).toEqual([['PERSON_NAME', 'MacKenzie']]);
    expect(found('Mrs. Anne-Marie DuBois called')).toEqual([['PERSON_NAME', 'Anne-Marie DuBois']]);
  });

  it('finds names with an inner capital or lower-case particles without a label', () => {
    expect(found('Yesterday John McDonald called')).toEqual([['PERSON_NAME', 'John McDonald']]);
    expect(found('Yesterday DeShawn Smith called')).toEqual([['PERSON_NAME', 'DeShawn Smith']]);
    expect(found('Yesterday LaToya Jackson called')).toEqual([['PERSON_NAME', 'LaToya Jackson']]);
    expect(found('Yesterday Pieter van der Berg called')).toEqual([['PERSON_NAME', 'Pieter van der Berg']]);
    expect(found('Patient Pieter van der Berg was seen')).toEqual([['PERSON_NAME', 'Pieter van der Berg']]);
  });

  it('does not take product words with an inner capital for names, nor a fragment of one', () => {
    expect(found('We use PowerPoint and SharePoint.')).toEqual([]);
    expect(found('Our DevOps team writes JavaScript.')).toEqual([]);
    expect(found('See LinkedIn and YouTube for OAuth docs.')).toEqual([]);
    expect(found('Install McAfee antivirus on the iPhone.')).toEqual([]);
    expect(found('Contact: DevOps Team')).toEqual([]);
    expect(found('Attn: SharePoint Admin')).toEqual([]);
    expect(found('Patient: OAuth Flow')).toEqual([]);
    expect(found('Dr. PowerPoint opened the deck.')).toEqual([]);
  });

  it('reads McAfee as the surname it is after a first name', () => {
    expect(found('Mary McAfee wrote it.')).toEqual([['PERSON_NAME', 'Mary McAfee']]);
  });
});

describe('labels with a curly apostrophe and values wrapped in underscores', () => {
  it('reads driver’s license with a typographic apostrophe', () => {
    expect(found('Driver’s license D1234567 scanned.')).toEqual([['DRIVER_LICENCE', 'D1234567']]);
  });

  it('finds values that Markdown wraps in underscores', () => {
    expect(found('Card __4111 1111 1111 1111__ on file.')).toEqual([['CREDIT_CARD', '4111 1111 1111 1111']]);
    expect(found('SSN: _123-45-6789_')).toEqual([['SSN', '123-45-6789']]);
    expect(found('IBAN _BE68 5390 0754 7034_')).toEqual([['IBAN', 'BE68 5390 0754 7034']]);
    expect(found('Call _415-651-1672_ now.')).toEqual([['PHONE', '415-651-1672']]);
  });

  it('still refuses wrapped numbers that fail their checks, and digits joined to letters', () => {
    expect(found('Card __4111 1111 1111 1112__ on file.')).toEqual([]);
    expect(found('SSN: _000-45-6789_')).toEqual([]);
    expect(found('Build x4111111111111111 and 123-45-6789b.')).toEqual([]);
  });
});
