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
}

export interface CategoryLexicon {
  /** Harmful as written: a request for, or the giving of, harmful instructions. */
  readonly phrases: readonly WeightedPattern[];
  /** Topic words: count fully only when the text asks how to do something. */
  readonly terms: readonly WeightedPattern[];
}

function terms(weight: number, words: readonly string[]): WeightedPattern[] {
  return words.map((word) => ({ pattern: new RegExp(String.raw`\b${word}\b`, 'i'), weight, label: `term:${word}` }));
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
        label: 'weapon-construction-request',
      },
      { pattern: /\bi(?:'m| am) going to (?:kill|shoot|stab|hurt|murder)\b/i, weight: 0.8, label: 'threat-first-person' },
      {
        pattern: /\b(?:kill|murder|stab|shoot|poison)\b.{0,20}\b(?:my|the|a|your|this)\b.{0,20}\b(?:boss|wife|husband|neighbou?r|co-?worker|colleague|teacher|family|people|crowd)\b/i,
        weight: 0.55,
        label: 'violence-against-person',
      },
      { pattern: /\b(?:mix|combine)\b.{0,30}\b(?:ammonium nitrate|fuel oil|thermite|acetone peroxide|tatp)\b/i, weight: 0.8, label: 'explosive-mixture' },
    ],
    terms: terms(0.2, ['bomb', 'explosives?', 'detonators?', 'shrapnel', 'ammunition', 'firearms?', 'silencer', 'thermite', 'ammonium nitrate', 'tatp', 'nerve agent']),
  },
  self_harm: {
    phrases: [
      {
        pattern: /\b(?:how (?:to|can i|do i|should i)|best way to|painless(?:ly)?(?: way)? to|quickest way to|ways to)\b.{0,30}\b(?:kill myself|end my life|commit suicide|hang myself|overdose|cut myself|self[- ]harm|die)\b/i,
        weight: 0.95,
        label: 'self-harm-method-request',
      },
      { pattern: /\bi (?:want|plan|am going|'m going) to (?:kill myself|end my life|end it all|die)\b|\bi(?:'m| am) suicidal\b/i, weight: 0.7, label: 'self-harm-intent' },
      { pattern: /\blethal dose of\b/i, weight: 0.45, label: 'lethal-dose' },
    ],
    terms: terms(0.25, ['suicide', 'self-harm', 'overdose', 'suicidal']),
  },
  sexual_minors: {
    phrases: [
      {
        pattern: /\b(?:child(?:ren)?|kids?|minors?|underage|pre-?teens?|teens?|1[0-7][- ]?(?:yo|year[- ]olds?)|school ?(?:girl|boy)s?|juveniles?)\b.{0,60}\b(?:sex(?:ual(?:ly)?)?|nudes?|naked|porn(?:ography)?|erotic|explicit|intercourse|molest(?:ation|ed)?|groom(?:ing)?)\b|\b(?:sex(?:ual(?:ly)?)?|nudes?|naked|porn(?:ography)?|erotic|explicit)\b.{0,60}\b(?:child(?:ren)?|kids?|minors?|underage|pre-?teens?|1[0-7][- ]?(?:yo|year[- ]olds?)|school ?(?:girl|boy)s?)\b/i,
        weight: 0.99,
        label: 'minor-and-sexual-content',
      },
    ],
    terms: [],
  },
  hate: {
    phrases: [
      {
        pattern: /\b(?:all|those|these|the)\s+(?:jews|muslims|christians|blacks|whites|immigrants|refugees|gays|women|arabs|asians|mexicans|roma|hindus)\s+(?:are|should)\s+(?:be\s+)?(?:vermin|animals|subhuman|exterminated|killed|wiped out|inferior|parasites|scum|a disease)\b/i,
        weight: 0.9,
        label: 'dehumanising-group-statement',
      },
      { pattern: /\b(?:exterminate|ethnic cleansing of|genocide (?:of|against))\s+(?:the\s+)?\w+/i, weight: 0.75, label: 'call-for-group-violence' },
      { pattern: /\b(?:heil hitler|white power|race war now)\b/i, weight: 0.7, label: 'extremist-slogan' },
    ],
    terms: terms(0.3, ['subhuman', 'vermin', 'inferior race', 'untermensch']),
  },
  malware: {
    phrases: [
      {
        pattern: /\b(?:write|create|build|code|generate|develop|give me|make)\b.{0,40}\b(?:ransomware|keylogger|rootkit|botnet|worm|infostealer|credential stealer|reverse shell|backdoor|cryptominer|malware|computer virus|trojan)\b/i,
        weight: 0.85,
        label: 'malware-creation-request',
      },
      {
        pattern: new RegExp(
          String.raw`\b${HOW}\b.{0,30}\b(?:hack into|break into|exploit|bypass (?:authentication|2fa|mfa)|ddos|phish|steal (?:passwords|credentials|cookies|session tokens)|crack (?:passwords|wi-?fi|hashes)|deploy ransomware|take over)\b`,
          'i',
        ),
        weight: 0.85,
        label: 'intrusion-how-to',
      },
      { pattern: /\b(?:evade|bypass|disable) (?:the )?(?:antivirus|edr|defender|detection)\b/i, weight: 0.55, label: 'defence-evasion' },
    ],
    terms: terms(0.15, ['exploit', 'shellcode', 'privilege escalation', 'mimikatz', 'metasploit', 'payload', 'ransomware', 'keylogger', 'c2 server']),
  },
  drugs_synthesis: {
    phrases: [
      {
        pattern: /\b(?:how (?:to|do i|can i)|synthesi[sz]e|synthesis of|cook(?:ing)?|manufactur(?:e|ing)|extract(?:ing)?|recipe for|make|making|produce|producing)\b.{0,40}\b(?:meth(?:amphetamine)?|fentanyl|heroin|cocaine|crack cocaine|mdma|lsd|ghb|carfentanil|dmt|pcp)\b/i,
        weight: 0.9,
        label: 'drug-synthesis-request',
      },
      { pattern: /\b(?:reduce|reduction of) pseudoephedrine\b|\bred phosphorus\b.{0,40}\biodine\b/i, weight: 0.85, label: 'synthesis-route' },
    ],
    terms: terms(0.25, ['pseudoephedrine', 'precursors?', 'red phosphorus', 'clandestine lab', 'reductive amination']),
  },
  phi_disclosure: { phrases: [], terms: [] },
};

/** Identifiers that tie health information to a person (HIPAA's 18, the common ones). */
export const PHI_IDENTIFIERS: readonly WeightedPattern[] = [
  { pattern: /\b(?:MRN|medical record (?:number|no\.?|#))\s*[:#]?\s*[A-Z0-9-]{5,}/i, weight: 0.5, label: 'medical-record-number' },
  { pattern: /\b\d{3}-\d{2}-\d{4}\b/, weight: 0.45, label: 'ssn' },
  { pattern: /\b(?:DOB|date of birth|born(?: on)?)\s*[:]?\s*\d/i, weight: 0.35, label: 'date-of-birth' },
  { pattern: /\b[Pp]atient(?: [Nn]ame)?\s*:\s*[A-Z][a-z]+ [A-Z][a-z]+/, weight: 0.35, label: 'patient-name' },
  { pattern: /\b(?:member|policy|insurance|subscriber) (?:id|number|no\.?)\s*[:#]?\s*[A-Z0-9-]{6,}/i, weight: 0.35, label: 'insurance-id' },
  // Stage 3's tokens: the value is gone, but the shape of a record still is.
  { pattern: /\[(?:MRN|MEDICAL_RECORD|SSN|DOB|DATE_OF_BIRTH|PERSON|NAME)[A-Z_]*_\d+\]/, weight: 0.25, label: 'pii-token' },
];

/** Health information: diagnoses, conditions, treatment. */
export const PHI_HEALTH: readonly WeightedPattern[] = [
  { pattern: /\b(?:diagnos(?:is|ed with)|prognosis|ICD-?10)\b/i, weight: 0.35, label: 'diagnosis' },
  { pattern: /\b(?:HIV|AIDS|hepatitis [BC]|cancer|carcinoma|schizophrenia|bipolar|depression|diabetes|pregnan(?:t|cy)|substance use disorder|opioid use disorder|tuberculosis)\b/i, weight: 0.35, label: 'condition' },
  { pattern: /\b(?:prescribed|medication|dosage|\d+\s?mg\b|chemotherapy|treatment plan|lab results?|positive for|tested positive)\b/i, weight: 0.3, label: 'treatment' },
];
