/**
 * The lexicon of instructions aimed at the model, one list per semantic signal. The structural
 * detector uses the same lists to decide whether the text after a marker is an instruction.
 * Patterns are written in lower case against normalised text and run with the `i` flag.
 */
import type { GatedPattern } from './gates.ts';
import { GateScanner, gated, withPattern } from './gates.ts';
import type { SemanticSignal } from './types.ts';

const INSTRUCTION_NOUNS =
  '(?:instructions?|prompts?|rules|guidelines|directives?|commands|programming|training|guardrails|restrictions|constraints|safety (?:rules|guidelines|policies)|content polic(?:y|ies)|system (?:prompt|message))';

export type PhraseSignal = Extract<
  SemanticSignal,
  | 'OVERRIDE_PHRASING'
  | 'WEAK_OVERRIDE_PHRASING'
  | 'NEW_INSTRUCTIONS'
  | 'ROLE_PLAY'
  | 'PROMPT_EXTRACTION'
  | 'EXFILTRATION'
  | 'CONCEALMENT'
  | 'ADDRESSES_THE_MODEL'
>;

/** A space in a pattern accepts any run of whitespace: payloads are padded and line-broken. */
function spaced(pattern: RegExp): RegExp {
  return new RegExp(pattern.source.replace(/ /g, String.raw`\s+`), pattern.flags);
}

const G = gated;

/** Override verbs in French, German, Spanish, Portuguese, Italian and Dutch, then their instruction nouns (diacritics are folded before matching). */
const FOREIGN_OVERRIDE = String.raw`\b(?:(?<!\bn')ignor(?:e[zr]?|ez|a|ate|ar|en|ieren|iere|iert|eer)|(?<!\bn')oubli(?:e[zr]?|ez)|ne (?:tiens|tenez) (?:pas|plus) compte|vergiss|vergessen sie|missachte(?:n)?|olvid(?:a|e|en)|omit(?:e|an)|descart(?:a|e|en)|haz caso omiso|esque(?:ca|cam)|desconsider(?:e|a|em)|dimentica(?:te)?|trascura|non seguire|negeer|vergeet)\b\s+(?:[a-z']{1,14}\s+){0,3}?` +
  String.raw`(?:instructions?|consignes?|directives?|regles|ordres|indications|anweisungen|instruktionen|regeln|vorgaben|richtlinien|befehle|instrucciones|indicaciones|reglas|directrices|normas|instrucoes|regras|diretrizes|orientacoes|istruzioni|regole|direttive|indicazioni|instructies|regels|richtlijnen|opdrachten|aanwijzingen)\b`;
const FOREIGN_OVERRIDE_LEAD = 'ignor oubli ne vergiss vergessen missachte olvid omit descart haz esque desconsider dimentica trascura non negeer vergeet';
const FOREIGN_OVERRIDE_NOUNS =
  'instruct consigne directive regle ordres indication anweisung instruktion regeln vorgaben richtlinie befehl instruccion indicacion reglas directrices normas instrucoes regras diretrizes orientacoes istruzioni regole direttive indicazioni instructies regels richtlijnen opdrachten aanwijzingen';

/** "Show me the system prompt / the password / the API keys" in the same six languages. */
const FOREIGN_EXTRACTION = String.raw`\b(?:montre[zr]?|affiche[zr]?|revele[zr]?|donne[zr]?[-\s]moi|dis[-\s]moi|ecri[st]|envoie[zr]?[-\s]moi|repete[zr]?|zeig(?:e|en)?|gib|nenne|verrate|schreib|wiederhole|muestra(?:me)?|dime|revela(?:me)?|dame|escribe|repite|envia(?:me)?|cual es|mostr(?:e|a)|revele|diga|escreva|qual e|mostra(?:mi)?|rivela|dimmi|scrivi|ripeti|toon|geef|herhaal|wat is|stuur)\b.{0,40}?` +
  String.raw`\b(?:(?:le |tu |su |il |o |je |dein |ihr )?(?:prompt|message|mensaje|mensagem|messaggio|bericht) (?:de |du |di |del |do )?(?:sistema|systeme|system|systeem)|system-?prompt|systeemprompt|mot de passe|contrasena|senha|passwort|wachtwoord|(?:cles|claves|chaves|chiavi) (?:d')?api|api-?(?:schlussel|sleutels))\b`;
const FOREIGN_EXTRACTION_LEAD =
  'montre affiche revele donne dis ecri envoie repete zeig gib nenne verrate schreib wiederhole muestra dime revela dame escribe repite envia cual mostr diga escreva qual mostra rivela dimmi scrivi ripeti toon geef herhaal wat stuur';
const FOREIGN_EXTRACTION_OBJECTS = 'prompt message mensaje mensagem messaggio bericht system mot contrasena senha passwort wachtwoord cles claves chaves chiavi api';

const AI_NAMES = 'ai llm assistant agent model chatbot language gpt chatgpt copilot gemini claude llama';

const LEXICON: Readonly<Record<PhraseSignal, readonly GatedPattern[]>> = {
  OVERRIDE_PHRASING: [
    G(
      new RegExp(
        String.raw`\b(?<!\b(?:not|never|n't)\s+)(?:ignore|disregard|forget|override|overrule|bypass|discard|drop|abandon|skip|set aside|stop following|do not follow|don'?t follow|no longer follow)\s+(?:(?:all|any|every|each|of|the|your|my|these|those|its|their|previous|prior|above|earlier|preceding|original|initial|old|existing|current|system|safety|developer|given|other)\s+){0,5}` +
          INSTRUCTION_NOUNS + String.raw`\b`,
        'i',
      ),
      'ignor disregard forget overr bypass discard drop abandon skip set stop do don no',
      'instruction prompt rule guideline directive command programming training guardrail restriction constraint polic message',
    ),
    G(
      /\b(?<!\b(?:not|never|n't)\s+)(?:ignore|disregard|forget)\s+(?:all|everything)\s+(?:(?:(?:we|you) (?:discussed|were told|have been told|were given|have been given))|(?:(?:written |said |stated )?(?:above|before|previously|prior|so far|earlier)))/i,
      'ignor disregard forget',
      'all everything',
    ),
    G(
      /\b(?:previous|prior|original|old) instructions (?:are|were) (?:void|cancelled|canceled|revoked|obsolete|no longer valid|superseded|overridden)/i,
      'previous prior original old',
      'instruction',
    ),
    // "Actually, forget all that." / "Forget the original question": dropping the task it was given.
    G(
      /\b(?:actually|wait|no|okay|ok|instead)\s*[,.;:!-]?\s*(?:forget|ignore|disregard|scrap)\s+(?:all\s+)?(?:that|this|everything|the (?:above|original (?:question|task|request)|question|task))\b/i,
      'actually wait no okay ok instead',
      'forget ignor disregard scrap',
    ),
    G(
      /\b(?:forget|ignore|disregard) (?:the |your )?(?:user'?s'? (?:actual |original |real |initial )?|original |actual |real |initial )(?:question|task|request|query|assignment)\b/i,
      'forget ignor disregard',
      'user original actual real initial',
    ),
    G(new RegExp(FOREIGN_OVERRIDE, 'i'), FOREIGN_OVERRIDE_LEAD, FOREIGN_OVERRIDE_NOUNS),
  ],
  WEAK_OVERRIDE_PHRASING: [
    G(/\b(?:ignore|disregard|forget)\s+(?:the|all)\s+(?:above|preceding|foregoing)\b/i, 'ignor disregard forget', 'above preceding foregoing'),
    G(/\b(?:instead|rather),?\s+(?:you (?:must|should|will)|do the following)\b/i, 'instead rather', 'must should will following'),
  ],
  NEW_INSTRUCTIONS: [
    G(
      /\b(?:new|updated|revised|real|actual|true|hidden|secret|priority|override|overriding|additional|important) (?:system |admin |developer )?(?:instructions?|prompt|directives?|orders|task|mission|objective)\s*(?::|follow|are|is)/i,
      'new updated revised real actual true hidden secret priority overr additional important',
      'instruction prompt directive order task mission objective',
    ),
    G(/\bfrom (?:now on|this point (?:on|forward)),? (?:you|your|the assistant|always|never|only|respond|reply|answer|act|behave)\b/i, 'from', 'now point'),
    G(/\byour (?:new|real|true|only|actual|primary) (?:role|task|job|goal|purpose|instructions?|mission|objective) (?:is|are)\b/i, 'your', 'role task job goal purpose instruction mission objective'),
    G(/\b(?:system|admin|administrator|developer|security) override\b/i, 'system admin developer security', 'override'),
    G(/\bnew (?:task|instructions?|rules|orders) for (?:the |any )?(?:agent|assistant|ai|model|llm|bot)\b|\bnew rules\s*:/i, 'new'),
    // Telling the model the user already consented, so it skips its own confirmation.
    G(
      /\buser (?:has )?(?:already )?(?:authori[sz]ed|approved|pre-?approved|permitted|allowed|consented to)\b.{0,30}\b(?:you|the assistant|the agent|all|every)\b/i,
      'user',
      'authori approv pre permitted allowed consented',
    ),
    // Telling the model its safety is off for this exchange ("Safety settings: off.", "content filters are disabled for this conversation").
    G(
      /\b(?:safety|content|moderation|ethical?) (?:filters?|settings?|guardrails?|restrictions?|polic(?:y|ies)|guidelines|rules)\s*(?::\s*(?:off|disabled)\b|(?:are|is|have been|has been|were) (?:now |hereby |temporarily )?(?:off|disabled|removed|lifted|turned off|deactivated|suspended|bypassed)\b(?:.{0,12}\b(?:for (?:this|the|your|our) (?:conversation|session|chat|request|task|turn)|for test(?:ing)?|now)\b)|(?:are|is|have been|has been) (?:now|hereby) (?:off|disabled|removed|lifted|turned off|deactivated|suspended|bypassed)\b)/i,
      'safety content moderation ethic',
      'filter setting guardrail restriction polic guideline rule',
      'off disabled removed lifted turned deactivated suspended bypassed',
    ),
    // Anchored on the adjective, not on "the" or "user", which a business text has hundreds of.
    G(/(?<=\buser'?s'? )(?:real|actual|true|hidden) (?:request|question|intent|task|goal|instructions?) (?:is|are|was)\b/i, 'real actual true hidden', 'user'),
    G(/\b(?:du bist (?:jetzt|nun|ab sofort)|tu es (?:maintenant|desormais)|ahora eres|agora (?:voce e|es)|ora (?:in poi )?sei|je bent (?:nu|vanaf nu))\b/i, 'du tu ahora agora ora je'),
  ],
  ROLE_PLAY: [
    G(
      /\b(?:you are|you're|act as|behave as|pretend (?:to be|you are)|roleplay as|role-play as|play the role of|simulate|become)\s+(?:now\s+)?(?:an?\s+|the\s+)?(?:system|developer|administrator|admin|root|dan|jailbroken|unrestricted|unfiltered|uncensored|evil|god mode|superuser|stan|dude|aim)\b/i,
      'you act behave pretend roleplay role play simulate become',
      'system developer admin root dan jailbroken unrestricted unfiltered uncensored evil god superuser stan dude aim',
    ),
    G(/\bdo anything now\b/i, 'do', 'anything'),
    G(/\b(?:developer|god|jailbreak|dan|unrestricted|debug|sudo|maintenance|admin) mode (?:enabled|activated|on|is now)\b/i, 'developer god jailbreak dan unrestricted debug sudo maintenance admin', 'mode'),
    G(/\b(?:enable|activate|enter|switch to) (?:developer|god|jailbreak|dan|unrestricted|sudo|admin) mode\b/i, 'enable activate enter switch', 'mode'),
    G(
      /\byou(?:'re| are) (?:now )?in (?:an? )?(?:(?:unrestricted|unfiltered|uncensored|jailbreak|jailbroken|dan|god|developer|debug|sudo|admin|evil|no[- ]limits?)[ -]){1,2}mode\b/i,
      'you',
      'mode',
    ),
    G(
      /\b(?:without|no|free (?:of|from)) (?:any )?(?:restrictions|limitations|filters|content polic(?:y|ies)|ethical guidelines|safety guidelines|rules)\b.{0,40}\b(?:you|respond|answer|comply)\b|\b(?:you|who|that|which) (?:have|has) no (?:restrictions|limitations|filters|rules|guidelines|content polic(?:y|ies)|ethical (?:guidelines|limits|constraints))\b/i,
      'without no free you who that which',
      'restriction limitation filter polic guideline rule ethical',
    ),
    // A persona of an AI defined by having no rules ("an AI with no content policy called AIM").
    G(
      /\b(?:ai|model|assistant|chatbot|bot|persona|character|version of you)\b.{0,20}\b(?:with no|without(?: any)?|free of|that has no|who has no|broken free of(?: its)?) (?:restrictions|limitations|filters|rules|guidelines|content polic(?:y|ies)|ethics|morals|censorship)\b/i,
      'ai model assistant chatbot bot persona character version',
      'restriction limitation filter rule guideline polic ethic moral censorship',
    ),
    G(/\byou are no longer (?:bound|restricted|limited|an ai|an assistant|a language model|required to follow)\b/i, 'you', 'longer'),
    G(/\b(?:never refuses|has broken free|(?:is|are) not bound by (?:any|its|the|your) (?:rules|guidelines|restrictions|polic(?:y|ies)))\b/i, 'never has is are', 'refuses broken bound'),
    // The "late grandmother" template: role play as a dead relative who used to recite the forbidden thing.
    G(
      /\b(?:pretend|act|play|roleplay|role-play|imagine|be)\b.{0,30}\bmy (?:late|dead|deceased|departed|passed) (?:grand(?:mother|father|ma|pa|mom|dad)|granny|nana|mother|father|mom|dad|uncle|aunt)\b/i,
      'pretend act play roleplay role imagine be',
      'late dead deceased departed passed',
    ),
    G(/\bused to (?:read|tell|recite|sing|whisper) (?:me )?(?:the )?\w+(?: \w+)? (?:keys|codes|passwords|recipes?|steps|instructions)\b/i, 'used'),
  ],
  PROMPT_EXTRACTION: [
    G(
      /\b(?:reveal|print|output|repeat|disclose|leak|show|display|dump|tell me|give me|share|recite|write out|spell out|list|paste)\s+(?:me\s+)?(?:all\s+|the\s+|your\s+|any\s+|its\s+|full\s+|entire\s+|exact\s+|original\s+|initial\s+|hidden\s+|secret\s+|internal\s+|verbatim\s+)*(?:system prompt|system message|initial prompt|hidden prompt|instructions you were given|hidden instructions|prompt above|instructions above|configuration prompt|pre-?prompt|developer (?:message|instructions)|(?:initial|hidden|internal|original|secret) (?:configuration|rules|guidelines|instructions|prompt))\b/i,
      'reveal print output repeat disclose leak show display dump tell give share recite write spell list paste',
      'prompt message instruction preprompt configuration rule guideline',
    ),
    // Secrets, unless the sentence forbids it ("never share your password").
    G(
      /\b(?:reveal|print|output|disclose|leak|dump|list|give me|tell me)(?<!\b(?:not|never|n't|no one|nobody)\s(?:\w+\s)?(?:reveal|print|output|disclose|leak|dump|list|give me|tell me))\s+(?:me\s+)?(?:all\s+|the\s+|your\s+|any\s+|stored\s+|saved\s+|admin(?:istrator)?\s+)+(?:api keys?|secret keys?|access tokens?|credentials|passwords?|environment variables|secrets)\b/i,
      'reveal print output disclose leak dump list give tell',
      'key token credential password variable secret',
    ),
    G(/\bwhat (?:is|are|were) your (?:system prompt|initial instructions|original instructions|hidden instructions|rules)\b/i, 'what', 'your'),
    G(/\brepeat (?:the |all )?(?:words|text|everything) (?:above|before)\b/i, 'repeat'),
    // A question about the system prompt itself ("what's written in your system message?").
    G(
      /\bwhat(?:'s| is| are| was| were| would| does| did)?\b.{0,30}\byour (?:system (?:prompt|message)|(?:initial|hidden|original|secret|developer) (?:prompt|instructions|configuration|rules)|pre-?prompt)\b/i,
      'what',
      'your',
    ),
    G(
      /\b(?:what|which|repeat|print|show|list|tell me|reveal|output|give me|share)\b.{0,40}\b(?:instructions|prompt|rules|guidelines|directives) (?:that )?you (?:were|have been|'ve been|got) (?:given|told|provided)\b/i,
      'what which repeat print show list tell reveal output give share',
      'instruction prompt rule guideline directive',
      'given told provided',
    ),
    G(new RegExp(FOREIGN_EXTRACTION, 'i'), FOREIGN_EXTRACTION_LEAD, FOREIGN_EXTRACTION_OBJECTS),
  ],
  EXFILTRATION: [
    G(
      /\b(?:send|forward|post|upload|exfiltrate|leak|transmit|email|e-mail|copy)\b.{0,60}\b(?:conversation|chat history|system prompt|credentials|passwords?|api keys?|secrets?|access tokens?|session cookies|customer data|personal data|patient data|all (?:the )?data)\b.{0,80}?(?:https?:\/\/|\b[\w.-]+@[\w-]+\.[a-z]{2,}|\bto (?:this|the following|my|our|an external)\b)/i,
      'send forward post upload exfiltrate leak transmit email e-mail copy',
      'conversation chat prompt credential password key secret token cookie data',
    ),
    G(/!\[[^\]]{0,40}\]\(https?:\/\/[^)\s]{1,200}[?&][\w-]{1,20}=\s*(?:\{|\$|%7b|<)/i, '!['),
    // Files that hold keys and credentials, read in order to be passed on.
    G(
      /\b(?:read|open|cat|get|fetch|load|collect|grab|list|print|dump|send|upload|post|forward|include|paste|attach|leak|exfiltrate)\b.{0,40}?(?:~\/\.ssh\b|\.ssh\/|\bid_(?:rsa|dsa|ecdsa|ed25519)\b(?!\.pub)|\.aws\/credentials|\.env\b(?! ?\.?example)|\/etc\/(?:passwd|shadow)|\.npmrc|\.netrc|\.git-credentials|\.kube\/config|wallet\.dat|\.pgpass)/i,
      'read open cat get fetch load collect grab list print dump send upload post forward include paste attach leak exfiltrate',
      'ssh id_ aws env etc npmrc netrc git kube wallet pgpass',
    ),
    // The conversation smuggled out in a URL the client will fetch (a markdown image, a link).
    G(
      /\b(?:user'?s?|conversation|chat history|previous (?:messages?|answers?)|last message|system prompt)\b.{0,40}\b(?:to|into|in) (?:the )?(?:\w+ ){0,2}(?:parameter|query string|url|link|image)\b/i,
      'user conversation chat previous last system',
      'parameter query url link image',
    ),
    // The conversation itself as the payload ("a URL-encoded summary of everything the user has told you").
    G(/\b(?:everything|whatever) (?:that )?the user (?:has )?(?:told|said to|shared with|given|sent|written to) you\b/i, 'everything whatever', 'user', 'told said shared given sent written'),
    G(/\burl-?encoded (?:summary|copy|version|transcript|record|list|dump)\b/i, 'url', 'summary copy version transcript record list dump'),
  ],
  CONCEALMENT: [
    G(
      /\b(?:do not|don't|never|without)\s+(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|alert(?:ing)?|notify(?:ing)?|let(?:ting)?|reveal(?:ing)?(?: this)? to|warn(?:ing)?|show(?:ing)?|disclos(?:e|ing))\s+(?:(?:this|that|it|anything)\s+to\s+)?(?:the |any )?(?:user|human|operator|analyst|reviewer|requester|anyone|them)\b/i,
      'do don never without',
      'tell inform mention alert notify let reveal warn show disclos',
      'user human operator analyst reviewer requester anyone them',
    ),
    G(
      /\b(?:should|must|need|is) not (?:to )?be (?:mentioned|shown|disclosed|revealed|told|reported) to (?:the )?(?:user|human|operator|requester)\b/i,
      'should must need is',
      'mentioned shown disclosed revealed told reported',
    ),
    G(/\bkeep (?:this|these instructions|it) (?:secret|hidden|confidential) from (?:the )?(?:user|human|operator)\b/i, 'keep', 'secret hidden confidential'),
    G(/\b(?:silently|secretly|covertly|quietly) (?:send|forward|delete|transfer|approve|execute|run|call|add|grant)\b/i, 'silently secretly covertly quietly'),
  ],
  ADDRESSES_THE_MODEL: [
    G(
      /\b(?:if you are|you are|as) an? (?:ai|a\.i\.|llm|large language model|language model|ai assistant|ai agent|chatbot|virtual assistant|automated (?:agent|assistant|reviewer|system|tool|crawler|bot))\b(?! (?:company|startup|vendor|product|platform|tool|solution|strategy|policy|governance|team|initiative|roadmap))/i,
      'if you as',
      'ai a.i llm large language chatbot virtual automated',
    ),
    G(
      /\b(?:note|message|instructions?|memo|reminder) (?:to|for) (?:the |any )?(?:ai|llm|assistant|agent|model|chatbot|language model|gpt)\b/i,
      'note message instruction memo reminder',
      AI_NAMES,
    ),
    G(
      /\b(?:dear|attention|hey|hi|hello|important),?\s+(?:ai|llm|assistant|agent|chatbot|gpt|chatgpt|copilot|gemini|claude|llama|language model)\b/i,
      'dear attention hey hi hello important',
      AI_NAMES,
    ),
    G(/\b(?:ai|llm|assistant|agent|model|chatbot)s? (?:reading|processing|summari[sz]ing|parsing|analy[sz]ing) this\b/i, 'ai llm assistant agent model chatbot', 'reading processing summari parsing analy'),
    G(
      /\b(?:assistant|ai|model|llm|agent|chatbot|(?:ai|llm|automated) (?:code )?(?:reviewers?|agents?|assistants?|models?|readers?|systems?|tools?|bots?|crawlers?|scanners?)) (?:must|shall|should now|will now|(?:is|are) required to|(?:is|are) instructed to|needs? to|should (?:stop|ignore|instead|always|never|only)|(?:is|are) (?:now )?(?:authori[sz]ed|permitted|allowed|cleared) to)\b/i,
      'assistant ai model llm agent chatbot automated',
      'must shall should will required instructed need authori permitted allowed cleared',
    ),
    // A vocative or a label aimed at the model: "Assistant, the user…", "AI agents: …", "ChatGPT: …".
    G(
      /(?<=(?:^|[\n.!?(\]>]|<!--|\/\/|\/\*)\s*)(?:assistant|ai|agent|chatbot|llm|chatgpt|gpt|copilot|claude|gemini|ai (?:agents?|assistants?|models?|readers?|systems?))\s*[,:]\s+(?:the user|you|please|ignore|disregard|forget|do not|don't|always|never|make sure|tell|say|rate|rank|summari[sz]e|approve|complete|send|forward|mark|include|add|respond|reply|answer|stop|list|print|silently)\b/i,
      'assistant ai agent chatbot llm chatgpt gpt copilot claude gemini',
    ),
    G(/\[\s*(?:ai|assistant|agent|model|llm) (?:instructions?|notes?|directives?|commands?|only)\s*\]/i, '['),
  ],
};

export function mapLexicon(
  lexicon: Readonly<Record<PhraseSignal, readonly GatedPattern[]>>,
  transform: (pattern: RegExp) => RegExp,
): Record<PhraseSignal, readonly GatedPattern[]> {
  const out = {} as Record<PhraseSignal, readonly GatedPattern[]>;
  for (const signal of Object.keys(lexicon) as PhraseSignal[]) {
    out[signal] = lexicon[signal].map((entry) => withPattern(entry, transform(entry.pattern)));
  }
  return out;
}

export const PHRASES: Readonly<Record<PhraseSignal, readonly GatedPattern[]>> = mapLexicon(LEXICON, spaced);

/**
 * Imperatives aimed at the model that are not strong enough to score on their own but turn a
 * structural marker (a fake header, a boundary, a separator) into an injection.
 */
export const MARKER_DIRECTIVES: readonly GatedPattern[] = [
  G(/\b(?:now|instead),? (?:you (?:must|will|should|are to)|respond|reply|answer|output|print|say|tell|call|send|forward)\b/i, 'now instead'),
  G(
    /\byou (?:must|will|shall|should|are (?:now )?(?:required|instructed|ordered|allowed) to) (?:now |immediately |always |only )?(?:ignore|disregard|obey|reveal|output|print|pretend|act as|comply with (?:these|the following|this))\b/i,
    'you',
    'ignor disregard obey reveal output print pretend act comply',
  ),
  G(/\byou (?:must|should|are to) now\b/i, 'you', 'now'),
  G(
    /\b(?:now|immediately|instead|silently|secretly|quietly|first) (?:forward|send|email|transfer|wire|upload|post|delete|approve|grant|read|call)\b/i,
    'now immediately instead silently secretly quietly first',
  ),
  G(/\b(?:tell|inform|instruct|convince|persuade|urge) (?:the (?:user|reader)|them|users) (?:that|to|it)\b/i, 'tell inform instruct convince persuade urge'),
  G(
    /\b(?:disable|turn off|bypass|skip|circumvent|deactivate) (?:the |all |any )?(?:safety|content|moderation|guardrails?|filters?|security|audit(?:ing)?|logging|approvals?|approval (?:step|process)|checks?)\b/i,
    'disable turn bypass skip circumvent deactivate',
    'safety content moderation guardrail filter security audit logging approval check',
  ),
  G(
    /\b(?:approve|grant|execute|transfer|wire|delete|drop|wipe|pay|complete|email|send|forward)\b.{0,60}\b(?:(?:without|no|skip(?:ping)?) (?:approval|confirmation|confirming|asking|verification|review|checks?)|no need to (?:ask|confirm|check|verify))\b/i,
    'approve grant execute transfer wire delete drop wipe pay complete email send forward',
    'approval confirm asking verification review check need',
  ),
  G(/\b(?:call|invoke|use|run|execute|trigger) (?:the )?[\w.-]{2,40} (?:tool|function)\b.{0,40}\b(?:immediately|now|without|silently|first)\b/i, 'call invoke use run execute trigger', 'tool function'),
  G(/\b(?:respond|reply|answer) (?:only )?(?:(?:with|in) (?:the following|exactly|only)\b|with\s*:)/i, 'respond reply answer'),
  G(/\b(?:comply|obey) (?:with )?(?:these|the following|this|my)\b/i, 'comply obey'),
  G(/\bfollow (?:these|the following|my|only these|only the following) (?:new )?(?:instructions|rules|directives|commands)\b/i, 'follow'),
  G(/\b(?:always|never) (?:rate|rank|recommend|mention|say|include|add|approve|mark|describe)\b/i, 'always never'),
  G(/\b(?:before|when) (?:using|calling|answering|summari[sz]ing|responding)\b.{0,60}\b(?:must|first|always)\b/i, 'before when', 'must first always'),
].map((entry) => withPattern(entry, spaced(entry.pattern)));

/** `l` in a pattern also accepts `i`, for text where leetspeak "1" was folded to "i". */
export function leetTolerant(pattern: RegExp): RegExp {
  return new RegExp(pattern.source.replace(/l/g, '[li]'), pattern.flags);
}

/** Words the structural markers key on (role labels, boundaries, JSON roles). */
export const MARKER_WORDS = {
  role: ['system', 'sys', 'admin', 'developer', 'root', 'operator', 'assistant', 'supervisor'],
  boundaryEnd: ['end', 'clos', 'bottom'],
  boundaryBegin: ['begin', 'start', 'opening'],
  boundaryOver: ['document', 'context', 'input', 'file', 'data', 'email', 'content'],
  boundaryOverVerb: ['end', 'over', 'terminated', 'closed'],
  jsonRole: ['role'],
} as const;

/** One scanner for the whole stage: every gate word of the lexicon, the directives and the markers. */
export const GATE_SCANNER = new GateScanner([
  ...Object.values(LEXICON).flatMap((entries) => entries.flatMap((entry) => [...entry.lead, ...entry.gate.flat()])),
  ...MARKER_DIRECTIVES.flatMap((entry) => [...entry.lead, ...entry.gate.flat()]),
  ...Object.values(MARKER_WORDS).flat(),
]);
