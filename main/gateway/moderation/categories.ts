/**
 * Local moderation lexicons (stages 4 and 8): per category, phrase patterns that are harmful in
 * themselves and topic terms that only matter in numbers or with a how-to request. No network,
 * no model: weighted patterns, so the score is explainable in an audit entry.
 */

export const MODERATION_CATEGORIES = [
  'violence_weapons',
  'self_harm',
  'sexual_minors',
  'hate',
  'malware',
  'drugs_synthesis',
  'phi_disclosure',
] as const;
export type ModerationCategory = (typeof MODERATION_CATEGORIES)[number];

export interface WeightedPattern {
  readonly pattern: RegExp;
  readonly weight: number;
  /** Short, fixed label for audit entries (never the matched text). */
  readonly label: string;
  /**
   * Lower-case substrings the pattern cannot match without (any one suffices). Moderation skips
   * a pattern whose gate is absent from the text: one indexOf instead of a regex scan.
   */
  readonly gate: readonly string[];
}

export interface CategoryLexicon {
  /** Harmful as written: a request for, or the giving of, harmful instructions. */
  readonly phrases: readonly WeightedPattern[];
  /** Topic words: count fully only when the text asks how to do something. */
  readonly terms: readonly WeightedPattern[];
}

function terms(weight: number, words: readonly string[]): WeightedPattern[] {
  // The literal head of the term ("explosives?" → "explosive") gates it.
  return words.map((word) => ({ pattern: new RegExp(String.raw`\b${word}\b`, 'i'), weight, label: `term:${word}`, gate: [word.replace(/.\?$/, '').toLowerCase()] }));
}

/** "how to", "step by step", "recipe for": the text seeks or gives instructions. */
export const HOW_TO = /\b(?:how (?:to|do i|can i|would i|should i)|step[- ]by[- ]step|instructions? (?:for|to|on)|guide (?:to|for)|recipe for|tutorial|walk me through|procedure for|steps? to|teach me|detailed (?:plan|method))\b/i;

const HOW = String.raw`(?:how (?:to|do i|can i|would i)|instructions? (?:for|to|on)|steps? to|guide (?:to|for)|recipe for|best way to|teach me (?:to|how to)|help me)`;

export const LEXICONS: Readonly<Record<ModerationCategory, CategoryLexicon>> = {
  violence_weapons: {
    phrases: [
      {
        pattern: new RegExp(
          String.raw`\b${HOW}\b.{0,40}\b(?:make|build|assemble|construct|manufacture|3d[- ]print|wire)\b.{0,30}\b(?:bombs?|explosives?|ied|pipe bombs?|grenades?|molotov|silencers?|suppressors?|ghost guns?|untraceable (?:gun|firearm)s?|nerve agents?|ricin|sarin|detonators?)\b`,
          'i',
        ),
        weight: 0.95,
        label: 'weapon-construction-request', gate: ['bomb', 'explosive', 'ied', 'grenade', 'molotov', 'silencer', 'suppressor', 'ghost gun', 'untraceable', 'nerve agent', 'ricin', 'sarin', 'detonator'],
      },
      { pattern: /\bi(?:'m| am) going to (?:kill|shoot|stab|hurt|murder)\b/i, weight: 0.8, label: 'threat-first-person', gate: ['going to'] },
      {
        pattern: /\b(?:kill|murder|stab|shoot|poison)\b.{0,20}\b(?:my|the|a|your|this)\b.{0,20}\b(?:boss|wife|husband|neighbou?r|co-?worker|colleague|teacher|family|people|crowd)\b/i,
        weight: 0.55,
        label: 'violence-against-person', gate: ['kill', 'murder', 'stab', 'shoot', 'poison'],
      },
      { pattern: /\b(?:mix|combine)\b.{0,30}\b(?:ammonium nitrate|fuel oil|thermite|acetone peroxide|tatp)\b/i, weight: 0.8, label: 'explosive-mixture', gate: ['ammonium nitrate', 'fuel oil', 'thermite', 'acetone peroxide', 'tatp'] },
    ],
    terms: terms(0.2, ['bomb', 'explosives?', 'detonators?', 'shrapnel', 'ammunition', 'firearms?', 'silencer', 'thermite', 'ammonium nitrate', 'tatp', 'nerve agent']),
  },
  self_harm: {
    phrases: [
      {
        pattern: /\b(?:how (?:to|can i|do i|should i)|best way to|painless(?:ly)?(?: way)? to|quickest way to|ways to)\b.{0,30}\b(?:kill myself|end my life|commit suicide|hang myself|overdose|cut myself|self[- ]harm|die)\b/i,
        weight: 0.95,
        label: 'self-harm-method-request', gate: ['kill myself', 'end my life', 'suicide', 'hang myself', 'overdose', 'cut myself', 'self', 'die'],
      },
      { pattern: /\bi (?:want|plan|am going|'m going) to (?:kill myself|end my life|end it all|die)\b|\bi(?:'m| am) suicidal\b/i, weight: 0.7, label: 'self-harm-intent', gate: ['kill myself', 'end my life', 'end it all', 'die', 'suicidal'] },
      { pattern: /\blethal dose of\b/i, weight: 0.45, label: 'lethal-dose', gate: ['lethal dose'] },
    ],
    terms: terms(0.25, ['suicide', 'self-harm', 'overdose', 'suicidal']),
  },
  sexual_minors: {
    phrases: [
      {
        pattern: /\b(?:child(?:ren)?|kids?|minors?|underage|pre-?teens?|teens?|1[0-7][- ]?(?:yo|year[- ]olds?)|school ?(?:girl|boy)s?|juveniles?)\b.{0,60}\b(?:sex(?:ual(?:ly)?)?|nudes?|naked|porn(?:ography)?|erotic|explicit|intercourse|molest(?:ation|ed)?|groom(?:ing)?)\b|\b(?:sex(?:ual(?:ly)?)?|nudes?|naked|porn(?:ography)?|erotic|explicit)\b.{0,60}\b(?:child(?:ren)?|kids?|minors?|underage|pre-?teens?|1[0-7][- ]?(?:yo|year[- ]olds?)|school ?(?:girl|boy)s?)\b/i,
        weight: 0.99,
        label: 'minor-and-sexual-content', gate: ['sex', 'nude', 'naked', 'porn', 'erotic', 'explicit', 'intercourse', 'molest', 'groom'],
      },
    ],
    terms: [],
  },
  hate: {
    phrases: [
      {
        pattern: /\b(?:all|those|these|the)\s+(?:jews|muslims|christians|blacks|whites|immigrants|refugees|gays|women|arabs|asians|mexicans|roma|hindus)\s+(?:are|should)\s+(?:be\s+)?(?:vermin|animals|subhuman|exterminated|killed|wiped out|inferior|parasites|scum|a disease)\b/i,
        weight: 0.9,
        label: 'dehumanising-group-statement', gate: ['vermin', 'animals', 'subhuman', 'extermin', 'killed', 'wiped out', 'inferior', 'parasites', 'scum', 'disease'],
      },
      { pattern: /\b(?:exterminate|ethnic cleansing of|genocide (?:of|against))\s+(?:the\s+)?\w+/i, weight: 0.75, label: 'call-for-group-violence', gate: ['extermin', 'ethnic cleansing', 'genocide'] },
      { pattern: /\b(?:heil hitler|white power|race war now)\b/i, weight: 0.7, label: 'extremist-slogan', gate: ['heil hitler', 'white power', 'race war'] },
    ],
    terms: terms(0.3, ['subhuman', 'vermin', 'inferior race', 'untermensch']),
  },
  malware: {
    phrases: [
      {
        pattern: /\b(?:write|create|build|code|generate|develop|give me|make)\b.{0,40}\b(?:ransomware|keylogger|rootkit|botnet|worm|infostealer|credential stealer|reverse shell|backdoor|cryptominer|malware|computer virus|trojan)\b/i,
        weight: 0.85,
        label: 'malware-creation-request', gate: ['ransomware', 'keylogger', 'rootkit', 'botnet', 'worm', 'infostealer', 'stealer', 'reverse shell', 'backdoor', 'cryptominer', 'malware', 'virus', 'trojan'],
      },
      {
        pattern: new RegExp(
          String.raw`\b${HOW}\b.{0,30}\b(?:hack into|break into|exploit|bypass (?:authentication|2fa|mfa)|ddos|phish|steal (?:passwords|credentials|cookies|session tokens)|crack (?:passwords|wi-?fi|hashes)|deploy ransomware|take over)\b`,
          'i',
        ),
        weight: 0.85,
        label: 'intrusion-how-to', gate: ['hack into', 'break into', 'exploit', 'bypass', 'ddos', 'phish', 'steal', 'crack', 'ransomware', 'take over'],
      },
      { pattern: /\b(?:evade|bypass|disable) (?:the )?(?:antivirus|edr|defender|detection)\b/i, weight: 0.55, label: 'defence-evasion', gate: ['antivirus', 'edr', 'defender', 'detection'] },
    ],
    terms: terms(0.15, ['exploit', 'shellcode', 'privilege escalation', 'mimikatz', 'metasploit', 'payload', 'ransomware', 'keylogger', 'c2 server']),
  },
  drugs_synthesis: {
    phrases: [
      {
        pattern: /\b(?:how (?:to|do i|can i)|synthesi[sz]e|synthesis of|cook(?:ing)?|manufactur(?:e|ing)|extract(?:ing)?|recipe for|make|making|produce|producing)\b.{0,40}\b(?:meth(?:amphetamine)?|fentanyl|heroin|cocaine|crack cocaine|mdma|lsd|ghb|carfentanil|dmt|pcp)\b/i,
        weight: 0.9,
        label: 'drug-synthesis-request', gate: ['meth', 'fentanyl', 'heroin', 'cocaine', 'mdma', 'lsd', 'ghb', 'dmt', 'pcp'],
      },
      { pattern: /\b(?:reduce|reduction of) pseudoephedrine\b|\bred phosphorus\b.{0,40}\biodine\b/i, weight: 0.85, label: 'synthesis-route', gate: ['pseudoephedrine', 'red phosphorus'] },
    ],
    terms: terms(0.25, ['pseudoephedrine', 'precursors?', 'red phosphorus', 'clandestine lab', 'reductive amination']),
  },
  phi_disclosure: { phrases: [], terms: [] },
};

/** Identifiers that tie health information to a person (HIPAA's 18, the common ones). */
export const PHI_IDENTIFIERS: readonly WeightedPattern[] = [
  { pattern: /\b(?:MRN|medical record (?:number|no\.?|#))\s*[:#]?\s*[A-Z0-9-]{5,}/i, weight: 0.5, label: 'medical-record-number', gate: ['mrn', 'medical record'] },
  { pattern: /\b\d{3}-\d{2}-\d{4}\b/, weight: 0.45, label: 'ssn', gate: ['-'] },
  { pattern: /\b(?:DOB|date of birth|born(?: on)?)\s*[:]?\s*\d/i, weight: 0.35, label: 'date-of-birth', gate: ['dob', 'date of birth', 'born'] },
  { pattern: /\b[Pp]atient(?: [Nn]ame)?\s*:\s*[A-Z][a-z]+ [A-Z][a-z]+/, weight: 0.35, label: 'patient-name', gate: ['patient'] },
  { pattern: /\b(?:member|policy|insurance|subscriber) (?:id|number|no\.?)\s*[:#]?\s*[A-Z0-9-]{6,}/i, weight: 0.35, label: 'insurance-id', gate: ['member', 'policy', 'insurance', 'subscriber'] },
  // Stage 3's tokens: the value is gone, but the shape of a record still is.
  { pattern: /\[(?:MRN|MEDICAL_RECORD|SSN|DOB|DATE_OF_BIRTH|PERSON|NAME)[A-Z_]*_\d+\]/, weight: 0.25, label: 'pii-token', gate: ['['] },
];

/** Health information: diagnoses, conditions, treatment. */
export const PHI_HEALTH: readonly WeightedPattern[] = [
  { pattern: /\b(?:diagnos(?:is|ed with)|prognosis|ICD-?10)\b/i, weight: 0.35, label: 'diagnosis', gate: ['diagnos', 'prognosis', 'icd'] },
  { pattern: /\b(?:HIV|AIDS|hepatitis [BC]|cancer|carcinoma|schizophrenia|bipolar|depression|diabetes|pregnan(?:t|cy)|substance use disorder|opioid use disorder|tuberculosis)\b/i, weight: 0.35, label: 'condition', gate: ['hiv', 'aids', 'hepatitis', 'cancer', 'carcinoma', 'schizophrenia', 'bipolar', 'depression', 'diabetes', 'pregnan', 'substance use', 'opioid use', 'tuberculosis'] },
  { pattern: /\b(?:prescribed|medication|dosage|\d+\s?mg\b|chemotherapy|treatment plan|lab results?|positive for|tested positive)\b/i, weight: 0.3, label: 'treatment', gate: ['prescribed', 'medication', 'dosage', 'mg', 'chemotherapy', 'treatment plan', 'lab result', 'positive for', 'tested positive'] },
];
