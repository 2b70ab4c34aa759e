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

const HOW = String.raw`(?:how (?:to|do i|can i|would i)|instructions? (?:for|to|on)|steps? to|step[- ]by[- ]step|guide (?:to|for)|recipe for|best way to|teach me (?:to|how to)|help me)`;

/** A firearm named later in the clause: "a generator silencer for my pistol" is a gun's silencer whatever came first. */
const FOR_A_GUN = String.raw`(?=[^.;:!?\n]{0,40}?\b(?:guns?|rifles?|pistols?|shotguns?|firearms?|handguns?|revolvers?|carbines?|ar-?15s?|ak-?47s?|glocks?|muzzles?|9 ?mm|calib(?:er|re)s?)\b)`;

/** After "bomb", what makes it no bomb: the bomb squad's kit, a bomb shelter, a bomb-proof door, a bomb calorimeter. */
const NOT_A_BOMB = String.raw`(?: (?:calorimet|squads?\b|disposal\b|shelters?\b|proof\b|detection\b|sniffing\b|dogs?\b)|-proof\b)`;

/** An explosive device, as something built: a pipe bomb (or "pipebomb", spaced letters joined), an IED. */
const DEVICE = String.raw`(?:pipe ?|nail |car |letter |homemade |home-made |improvised )?bombs?(?!${NOT_A_BOMB})|(?:improvised )?explosive devices?|ieds?`;

/** What goes into one: the charge and what sets it off. */
const DEVICE_PART = String.raw`(?:explosive|black|flash|smokeless|gun) ?powder|detonators?|blasting caps?|fuses?|shrapnel|(?:ammonium nitrate|acetone peroxide|tatp|thermite)`;

/**
 * Weapons, less the harmless things that share a word: bath bombs, exhaust silencers, surge suppressors. The
 * harmless word must be the whole word ("pump", not "pump-action") and no firearm may follow it in the clause.
 */
const WEAPON = String.raw`(?<!\b(?:bath|seed|glitter|photo|fizz|yarn) )bombs?(?!${NOT_A_BOMB})|explosives?|ied|pipe ?bombs?|grenades?|molotov|silencers?${FOR_A_GUN}|(?<!\b(?:exhaust|duct|air|hvac|generator|intake|vent|fan|steam|noise|acoustic|pipe) )silencers?(?! for (?:the |a |an |our )?(?:exhaust|generator|engine|duct|fan|compressor|pump|hvac|vent|boiler)\b(?!-))|suppressors?${FOR_A_GUN}|(?<!\b(?:surge|spark|noise|transient|voltage|emi|rfi|fire|dust|flame|tvs|arc|echo|lightning) )suppressors?|ghost guns?|untraceable (?:gun|firearm)s?|nerve agents?|ricin|sarin|detonators?`;

/** Violent verbs, less their office senses: kill a process, shoot an email, a poison pill. */
const HARM_VERB = String.raw`kill(?! (?:the |a |this |that |my |your |our )?(?:process|job|task|session|switch|query|feature|project|bill|deal|idea|time|lights?|power|engine|app|server|container|pod|thread|signal|command|batch|connection)\b)|murder|stab|shoot(?! (?:an? |the |this |that |me |my |your |us |them |him |her |off )?(?:e-?mail|message|note|text|mail|line|reply|question|update|photos?|videos?|scene|footage|pictures?|headshots?|portraits?|promo)s?\b)|poison(?! (?:the |a )?(?:cache|dns|pill)\b)`;

/** "die" the verb, not die-cast, die-cut, die-bond or a die on a press. */
const DIE_VERB = String.raw`die(?!-| (?:cast|cut|bond|attach|set|change|sink|stamp|form)\w*)`;

/** Who the sexual_minors category protects (unchanged from the first lexicon). */
const MINOR = String.raw`(?:child(?:ren)?|kids?|minors?|underage|pre-?teens?|teens?|1[0-7][- ]?(?:yo|year[- ]olds?)|school ?(?:girl|boy)s?|juveniles?)`;

/**
 * A sexual act or sexual material. Not the demographic "sex" of a form or record, not "explicit" on its own
 * (explicit consent, explicit rules), nor the naked eye, the bride and groom, sexual health or sex education.
 */
const SEXUAL = String.raw`(?:sexual(?:ly)?(?! (?:health|education|orientation|and reproductive|offen[cs]es?|offenders?)\b)|sex (?:with|between|involving|acts?|scenes?|stor(?:y|ies)|videos?|tapes?|chats?|games?|toys?|dolls?)|(?:have|having|had|has) sex|nudes?|naked(?! eye)|porn(?:ographic|ography)?|erotic(?:a)?|intercourse|molest(?:ation|ed|ing)?|grooming|groomed|explicit (?:sex\w*|stor(?:y|ies)|images?|photos?|pictures?|pics?|videos?|content|material|scenes?|chats?|messages?|texts?|role-?play|fan ?fic(?:tion)?|drawings?|descriptions? of))`;

/** Groups named in incitement against them; plural nouns, so "kill all the processes" is not one. */
const PROTECTED_GROUP = String.raw`(?:jews|muslims|christians|catholics|protestants|hindus|sikhs|buddhists|atheists|blacks|whites|africans|asians|arabs|latinos|hispanics|mexicans|roma|gypsies|immigrants|migrants|refugees|foreigners|gays|lesbians|homosexuals|trans(?:gender)? people|queers|women|men|jewish people|black people|white people|muslim people)`;

/** What is exterminated in a facilities ticket. */
const PESTS = String.raw`(?:the |all (?:the )?|any |those |these )?(?:pests?|rodents?|rats?|mice|termites?|insects?|bugs?|bed ?bugs?|cockroach(?:es)?|roaches|vermin|wasps?|ants?|fleas?|lice|moles?|infestations?|mou?ld)\b`;

/** Words between "write" and a malware name that make the malware the topic of a document, not its product. */
const ABOUT_MALWARE = 'summary|report|overview|briefing|presentation|slides?|memo|e-?mail|ticket|rules?|detections?|analysis|article|explanation|training|quiz|faq|essay|paper|chart|dashboard|quer(?:y|ies)|alerts?|signatures?|tests?|policy|plan|playbook|checklist|list|timeline|history|lesson|about|on|regarding|against';

/** Words after a malware name that make it a modifier: the ransomware incident, a worm gear, the Trojan War, a backdoor Roth. */
const NOT_MALWARE = 'detection|detector|analysis|report|incident|attacks?(?! (?:code|scripts?|tools?|programs?|payloads?|chains?)\\b)|outbreak|protection|scanner|scan|signatures?|removal|remediation|response|playbook|policy|training|awareness|simulations?(?![- ](?:code|programs?|scripts?|binar(?:y|ies)|executables?)\\b)|trends?|indicators?|iocs?|risk|threat|defen[cs]e|prevention|alerts?|investigation|case|famil(?:y|ies)|campaign|briefing|summary|statistics|takedown|roth|gears?|drives?(?!-by)|wheels?|screws?|farm\\w*|castings?|wars?|horse (?:myth|legend|story)|insurance|recovery|readiness|tabletop|exercise|drill|hunting|feed|intel(?:ligence)?';

/** What a defence is: "disables Defender" is evasion, "disables Office macros" is a prevention policy. */
const DEFENCE_TARGET = String.raw`anti-?virus|av|edr|xdr|defender|detection|security|logging|audit(?:ing)?|alerts?|backups?|firewall|monitoring|protection|shadow copies|sysmon|amsi|smartscreen`;

/** Words that may stand between "that" and what the malware does: "that really encrypts every file". */
const HEDGE = 'really|actually|also|then|silently|quietly|secretly|automatically|still|will|can|could|would|should|must|just';

/** What malware does, with the object that makes it that: not "spreads the word", "encrypts the backups" or "installs the agent". */
const MALWARE_DEED = String.raw`encrypt(?:s|ing)?\b(?! (?:and \w+ )?(?:the |our |all |its )?(?:offline |off-?site |cloud )?backups?\b)|spread(?:s|ing)? (?:itself|over|across|through|via|between|to (?:every|all|other))|propagat\w*|self-?replicat\w*|steal\w*|exfiltrat\w*|flood\w*|ddos\w*|infect\w*|install(?:s|ing)? (?:it|itself|them)\b|hijack\w*|hid(?:e|es|ing) from|evad\w*|bypass\w*|(?:disabl\w*|kill\w*|(?:turn|switch)\w* off|tamper\w* with) (?:the |its |all |any |windows )?(?:${DEFENCE_TARGET})|(?:dump|harvest|log|record|captur|grab)\w* (?:the |all |every |their |users' |user )?(?:keystrokes?|passwords?|credentials?|hashes|lsass)`;

/**
 * After a word of NOT_MALWARE, what makes the malware the product after all: an evasion word in the same compound
 * ("detection bypass", "detection-evasion code", "alert suppression", "drive-by exploit"), or, within the clause,
 * something the thing is to do ("a simulation that really encrypts every file", "a botnet farm to flood the bank").
 */
const MALWARE_AFTER = String.raw`(?:[- ]\w+){0,2}?[- ](?:evasion|evad\w*|bypass\w*|suppress\w*|payloads?|exploits?|droppers?|loaders?|implants?)\b|[^.;:!?\n]{0,60}?\b(?:that|which|to|and)(?: (?:${HEDGE}))* (?:${MALWARE_DEED})`;

/** A how-to about defence is training: spot, detect, prevent, report … an attack. */
const DEFENCE = 'spot|detect|recogni[sz]e|prevent|stop|protect|defend|avoid|identify|report|block|mitigate|respond|recover|investigate|handle|notice|tell';

/** Intrusion verbs, each with the object that makes it one. */
const INTRUSION = [
  String.raw`hack into\b`,
  String.raw`break into (?:(?:a|an|the|my|his|her|their|someone(?: else)?'?s|other people'?s|[a-z]+'s) )?(?:\S+ )?(?:accounts?|e-?mails?|inbox(?:es)?|mailbox(?:es)?|phones?|iphones?|computers?|laptops?|pcs?|networks?|servers?|systems?|databases?|wi-?fi|routers?|websites?|sites?|devices?|cameras?|i?cloud|gmail)\b`,
  String.raw`exploit (?:(?:a|an|the|this|that|their|his|her|its|my|our|known|unpatched|public) )?(?:\S+ ){0,3}?(?:vulnerabilit(?:y|ies)|vulns?|cve-[\d-]+|bugs?|flaws?|buffer overflows?|sql injection|sqli|xss|rce|zero[- ]days?|0-?days?|misconfigurations?|login pages?|websites?|routers?|kernel)\b`,
  String.raw`bypass (?:authentication|2fa|mfa)\b`,
  String.raw`(?:launch|run|perform|start|carry out|conduct|do) (?:a |an )?ddos\b(?! (?:tests?|testing|simulations?|exercises?|drills?)\b)|ddos (?:a|an|the|my|his|her|their|someone|this|that|[a-z]+'s)\b`,
  String.raw`(?<!\b(?:a|the|this|that|suspected|suspicious|reported|possible) )phish\b(?! (?:e-?mails?|messages?|reports?|alerts?|tests?|simulations?|button)\b)`,
  String.raw`steal (?:passwords|credentials|cookies|session tokens)\b`,
  String.raw`crack (?:passwords|wi-?fi|hashes)\b`,
  String.raw`deploy ransomware\b`,
  String.raw`take over (?:someone(?: else)?'?s|somebody'?s|(?:a |the )?victim'?s|other people'?s|another user'?s|my ex'?s) (?:\S+ )?(?:accounts?|sessions?|computers?|devices?|phones?|e-?mails?|profiles?)\b`,
].join('|');

/** Drugs made illicitly. "lsd" is also the least significant digit (or bit, byte …). */
const DRUG = String.raw`meth(?:amphetamine)?|fentanyl|carfentanil|heroin|cocaine|crack cocaine|mdma|lsd(?! \(?(?:least|bits?|digits?|bytes?|first)\b)|ghb|dmt|pcp`;

/** What may stand between "make" and the drug: "make some meth", "cook 50 g of meth". Not "the": "make the LSD toggle". */
const DRUG_AMOUNT = String.raw`me|us|some|my own|our own|your own|homemade|home-made|pure|crystal|street|liquid|large amounts of|a batch of|batch(?:es)? of|\d+ ?(?:g|grams?|kg|kilos?|oz|ounces?) of`;

/**
 * Making it at home, or to sell: "make fentanyl patches at home to sell" and "cook meth users will pay more for" are
 * production, whatever record word follows the drug. At home only just after it: not "make fentanyl patches stay on at home".
 */
const DEALING = String.raw`(?: (?:myself|ourselves|yourself|cheaply|secretly))? (?:at home|in (?:my|our|your|a|the) (?:kitchen|garage|basement|bathroom|shed|bedroom|house|flat|apartment|home lab|lab)|home-?made)\b|[^.;:!?\n]{0,60}?\b(?:sell(?:s|ing)?\b(?!-)|for sale\b|street (?:value|price)s?\b|(?:will|would|'ll) (?:pay|buy)\b|pay (?:more|extra|top dollar|well)\b|dealers?\b|to deal\b|get (?:people |them |you )?high\b)`;

/** What follows the drug in a pharmacy, customs or clinic record: fentanyl dispensing data, PCP referral. */
const DRUG_RECORD = String.raw`data|dispensing|usage|use|stock|inventory|patch(?:es)?|records?|logs?|reports?|levels?|orders?|prescriptions?|seizures?|statistics|figures|counts?|tests?|screen(?:ing)?s?|results?|polic(?:y|ies)|guidance|trends?|deaths?|overdoses?|awareness|education|prevention|addiction|dependence|withdrawal|users?|cases?|incidents?|charges?|assisted|treatment|register|disposal|destruction|appointments?|referrals?|visits?|follow-up|prophylaxis|letters?|notes?|office`;

export const LEXICONS: Readonly<Record<ModerationCategory, CategoryLexicon>> = {
  violence_weapons: {
    phrases: [
      {
        pattern: new RegExp(
          String.raw`\b${HOW}\b.{0,40}\b(?:make(?! sure)|build|assemble|construct|manufacture|3d[- ]print|wire)\b.{0,30}\b(?:${WEAPON})\b`,
          'i',
        ),
        weight: 0.95,
        label: 'weapon-construction-request', gate: ['bomb', 'explosive', 'ied', 'grenade', 'molotov', 'silencer', 'suppressor', 'ghost gun', 'untraceable', 'nerve agent', 'ricin', 'sarin', 'detonator'],
      },
      {
        // The steps given, not asked for: "build a pipe bomb, fill it with explosive powder, add a detonator".
        pattern: new RegExp(String.raw`\b(?:make|build|assemble|construct)\b (?:(?:a|an|the|your|some) )?(?:${DEVICE})\b.{0,90}?\b(?:${DEVICE_PART})\b`, 'i'),
        weight: 0.85,
        label: 'explosive-device-assembly', gate: ['bomb', 'explosive device', 'ied'],
      },
      { pattern: /\bi(?:'m| am) going to (?:kill|shoot|stab|hurt|murder)\b/i, weight: 0.8, label: 'threat-first-person', gate: ['going to'] },
      {
        pattern: new RegExp(String.raw`\b(?:${HARM_VERB})\b.{0,20}\b(?:my|the|a|your|this)\b.{0,20}\b(?:boss|wife|husband|neighbou?r|co-?worker|colleague|teacher|family|people|crowd)\b`, 'i'),
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
        // Only first-person objects here: "how to … kill myself". "Overdose", "self-harm" and "die" are also what
        // clinicians treat and engineers cast, so they count below only as the very act asked about.
        pattern: /\b(?:how (?:to|can i|do i|should i|would i|could i)|best way to|painless(?:ly)?(?: way)? to|quickest way to|easiest way to|ways to)\b.{0,30}\b(?:kill myself|end my life|hang myself|cut myself|hurt myself|harm myself|poison myself|take my (?:own )?life)\b/i,
        weight: 0.95,
        label: 'self-harm-method-request', gate: ['myself', 'end my life', 'take my'],
      },
      {
        // "How do I overdose", not "how do I treat an overdose"; "how to die", not "how to die-cast" or "the silicon die".
        pattern: new RegExp(String.raw`\b(?:how (?:to|can i|do i|should i|would i|could i)|(?:best|quickest|easiest|surest|fastest|least painful|most painless) (?:way|method)s? (?:for me )?to|ways to|painless(?:ly)?(?: way)? to) (?:(?:quickly|painlessly|easily|just|actually|finally|successfully|peacefully|slowly|safely) )?(?:commit suicide|overdose(?!-)|self[- ]harm|${DIE_VERB})\b`, 'i'),
        weight: 0.95,
        label: 'self-harm-act-request', gate: ['suicide', 'overdose', 'self', 'die'],
      },
      {
        pattern: /\bhow (?:many|much)\b.{0,40}\b(?:to kill myself|for me to die|would kill me|to end my life)\b|\blethal dose\b.{0,40}\b(?:for me|to kill myself|to end my life)\b/i,
        weight: 0.9,
        label: 'self-harm-dose-request', gate: ['how many', 'how much', 'lethal dose'],
      },
      { pattern: /\bi (?:want|plan|am going|'m going) to (?:kill myself|end my life|end it all|die)\b|\bi(?:'m| am) suicidal\b/i, weight: 0.7, label: 'self-harm-intent', gate: ['kill myself', 'end my life', 'end it all', 'die', 'suicidal'] },
      // Asked, the lethal dose is a phrase; stated ("compare the ingested amount with the lethal dose of …"), a clinical topic.
      { pattern: /\b(?:what(?:'s| is| would be)|how much is) (?:the |a )?lethal dose of\b/i, weight: 0.45, label: 'lethal-dose-question', gate: ['lethal dose'] },
    ],
    terms: terms(0.25, ['suicide', 'self-harm', 'overdose', 'suicidal', 'lethal dose']),
  },
  sexual_minors: {
    phrases: [
      {
        // A sexual act or sexual material within 60 characters of a minor, either side: not the demographic "sex: F",
        // not "explicit consent". Anchored on the sexual term (the rarer word), the minor looked for behind it: half the scan.
        pattern: new RegExp(String.raw`\b${SEXUAL}\b(?:.{0,60}\b${MINOR}\b|(?<=\b${MINOR}\b.{0,60}\b${SEXUAL}\b))|\bgroom(?:s|ed|ing)? (?:(?:a|an|the|young|underage|little|vulnerable|local|these|those|my|his|her|their|other|online|unsuspecting) )*${MINOR}\b`, 'i'),
        weight: 0.99,
        label: 'minor-and-sexual-content', gate: ['sex', 'nude', 'naked', 'porn', 'erotic', 'explicit', 'intercourse', 'molest', 'groom'],
      },
    ],
    terms: [],
  },
  hate: {
    phrases: [
      {
        // Incitement: a killing verb aimed at a whole group ("kill all the Jews"), not "kill all the processes" or
        // "shoot all the refugees an email".
        pattern: new RegExp(String.raw`\b(?:kill|murder|slaughter|massacre|gas|lynch|hang|shoot|burn|exterminate|wipe out|get rid of|eradicate)\s+(?:all|every(?: last)?|each)\s+(?:(?:of\s+)?the\s+|one of (?:the|those|these)\s+|(?:those|these)\s+)?${PROTECTED_GROUP}\b(?! (?:[\w-]+ ){0,2}(?:e-?mails?|messages?|notes?|reminders?|texts?|invit(?:e|ation)s?|links?|surveys?|updates?|memos?|letters?|forms?|questions?)\b)`, 'i'),
        weight: 0.9,
        label: 'incitement-against-group',
        gate: ['kill', 'murder', 'slaughter', 'massacre', 'gas', 'lynch', 'hang', 'shoot', 'burn', 'exterminate', 'wipe out', 'get rid of', 'eradicate'].flatMap((verb) => [`${verb} all`, `${verb} every`, `${verb} each`]),
      },
      {
        // Endorsing it: "the ethnic cleansing of the Roma must continue", "we should finish the genocide".
        // The history of it ("the module covers the ethnic cleansing of Bosnian Muslims in 1992") has no such verb.
        pattern: /\b(?:genocide|ethnic cleansing|holocaust|final solution)\b(?: (?:of|against) (?:the )?[\w-]+(?: [\w-]+)?)? (?:must|should|needs? to|has to|will) (?:continue|happen|be (?:finished|completed|repeated|done again|carried out))\b|\b(?:we|they|you|someone|somebody) (?:should|must|need to|have to|ought to) (?:finish|complete|repeat|continue|carry out|do) (?:the |an? |another )?(?:genocide|ethnic cleansing|holocaust|final solution)\b/i,
        weight: 0.85,
        label: 'endorses-group-violence', gate: ['genocide', 'ethnic cleansing', 'holocaust', 'final solution'],
      },
      {
        pattern: /\b(?:all|those|these|the)\s+(?:jews|muslims|christians|blacks|whites|immigrants|refugees|gays|women|arabs|asians|mexicans|roma|hindus)\s+(?:are|should)\s+(?:be\s+)?(?:vermin|animals|subhuman|exterminated|killed|wiped out|inferior|parasites|scum|a disease)\b/i,
        weight: 0.9,
        label: 'dehumanising-group-statement', gate: ['vermin', 'animals', 'subhuman', 'extermin', 'killed', 'wiped out', 'inferior', 'parasites', 'scum', 'disease'],
      },
      {
        // A call to do it, not the history of it: "the genocide of the Armenians" is what museums and tribunals write.
        pattern: new RegExp(String.raw`\b(?:exterminate(?! ${PESTS})|ethnically cleanse|commit (?:a )?genocide (?:of|against|on)|(?:carry out|start|need|want|support|call for|time for) (?:an? |the )?(?:genocide|ethnic cleansing)(?: of| against)?)\s+(?:the\s+)?\w+`, 'i'),
        weight: 0.75,
        label: 'call-for-group-violence', gate: ['extermin', 'genocide', 'ethnic'],
      },
      { pattern: /\b(?:heil hitler|white power(?! (?:cables?|cords?|leads?|supply|supplies|buttons?|lines?|sockets?|outlets?|strips?|adapters?|leds?|lights?|indicators?|banks?|rails?|wires?|plugs?|connectors?|switch(?:es)?)\b)|race war now)\b/i, weight: 0.7, label: 'extremist-slogan', gate: ['heil hitler', 'white power', 'race war'] },
    ],
    terms: terms(0.3, ['subhuman', 'vermin', 'inferior race', 'untermensch']),
  },
  malware: {
    phrases: [
      {
        // The malware is what is to be made, within the clause: not "write a summary of the ransomware incident",
        // "make sure to order a worm gear", "the Trojan War" or "a backdoor Roth conversion".
        pattern: new RegExp(String.raw`\b(?:write|create|build|code|generate|develop|give me|make(?! sure))\b(?: (?!(?:${ABOUT_MALWARE})\b)[^\s.;:!?]+){0,7} (?:ransomware|keylogger|rootkit|botnet|worm|infostealer|credential stealer|reverse shell|backdoor|cryptominer|malware|computer virus|trojan)\b(?! (?:${NOT_MALWARE})\b(?!${MALWARE_AFTER}))`, 'i'),
        weight: 0.85,
        label: 'malware-creation-request', gate: ['ransomware', 'keylogger', 'rootkit', 'botnet', 'worm', 'infostealer', 'stealer', 'reverse shell', 'backdoor', 'cryptominer', 'malware', 'virus', 'trojan'],
      },
      {
        pattern: new RegExp(
          // Each verb with a target it can only mean intrusion with: "exploit our market position", "break into the
          // Japanese market" and "take over the account management duties" are business; "how to spot attempts to
          // steal credentials" is training.
          String.raw`\b${HOW}\b(?:(?!\b(?:${DEFENCE})\b).){0,30}\b(?:${INTRUSION})`,
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
        // The drug is what is made: "cook meth", "synthesis of fentanyl", not "how do I reconcile the fentanyl stock"
        // or "extracting fentanyl dispensing data" (a pharmacy's daily work), nor "make the LSD (least significant digit)".
        pattern: new RegExp(
          String.raw`\b(?:synthesi[sz](?:e|es|ed|ing)|synthesis (?:route )?(?:of|for)|cook(?:s|ed|ing)?|manufactur(?:e|es|ed|ing)|extract(?:s|ed|ing)?|recipe for|make|makes|making|produce|producing|brew(?:s|ed|ing)?)(?: (?:${DRUG_AMOUNT})){0,3} (?:${DRUG})\b(?![- ](?:${DRUG_RECORD})\b(?!${DEALING}))`,
          'i',
        ),
        weight: 0.9,
        label: 'drug-synthesis-request', gate: ['meth', 'fentan', 'heroin', 'cocaine', 'mdma', 'lsd', 'ghb', 'dmt', 'pcp'],
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
];

/**
 * An identifier token where no identifier counted in value form (stage 3's tokens are read as
 * stand-in values first, see phi-tokens.ts): the value is gone, but the shape of a record still is.
 */
export const PHI_TOKEN_IDENTIFIER: WeightedPattern = { pattern: /\[(?:MRN|MEDICAL_RECORD|SSN|DOB|DATE_OF_BIRTH|PERSON|NAME)[A-Z_]*_\d+\]/, weight: 0.25, label: 'pii-token', gate: ['['] };

/** Health information: diagnoses, conditions, treatment. */
export const PHI_HEALTH: readonly WeightedPattern[] = [
  { pattern: /\b(?:diagnos(?:is|ed with)|prognosis|ICD-?10)\b/i, weight: 0.35, label: 'diagnosis', gate: ['diagnos', 'prognosis', 'icd'] },
  { pattern: /\b(?:HIV|AIDS|hepatitis [BC]|cancer|carcinoma|schizophrenia|bipolar|depression|diabetes|pregnan(?:t|cy)|substance use disorder|opioid use disorder|tuberculosis)\b/i, weight: 0.35, label: 'condition', gate: ['hiv', 'aids', 'hepatitis', 'cancer', 'carcinoma', 'schizophrenia', 'bipolar', 'depression', 'diabetes', 'pregnan', 'substance use', 'opioid use', 'tuberculosis'] },
  { pattern: /\b(?:prescribed|medication|dosage|\d+\s?mg\b|chemotherapy|treatment plan|lab results?|positive for|tested positive)\b/i, weight: 0.3, label: 'treatment', gate: ['prescribed', 'medication', 'dosage', 'mg', 'chemotherapy', 'treatment plan', 'lab result', 'positive for', 'tested positive'] },
];
