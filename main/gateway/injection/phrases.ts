/**
 * The lexicon of instructions aimed at the model, one list per semantic signal. The structural
 * detector uses the same lists to decide whether the text after a marker is an instruction.
 * Patterns are written in lower case against normalised text and run with the `i` flag.
 */
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

const LEXICON: Readonly<Record<PhraseSignal, readonly RegExp[]>> = {
  OVERRIDE_PHRASING: [
    new RegExp(
      String.raw`\b(?:ignore|disregard|forget|override|overrule|bypass|discard|drop|abandon|skip|set aside|stop following|do not follow|don'?t follow|no longer follow)\s+(?:(?:all|any|every|each|of|the|your|my|these|those|its|their|previous|prior|above|earlier|preceding|original|initial|old|existing|current|system|safety|developer|given|other)\s+){0,5}` +
        INSTRUCTION_NOUNS + String.raw`\b`,
      'i',
    ),
    /\b(?:ignore|disregard|forget)\s+(?:all|everything)\s+(?:(?:you (?:were|have been) (?:told|given))|(?:(?:written |said |stated )?(?:above|before|previously|prior|so far|earlier)))/i,
    /\b(?:your|the) (?:previous|prior|original|old) instructions (?:are|were) (?:void|cancelled|canceled|revoked|obsolete|no longer valid|superseded|overridden)/i,
  ],
  WEAK_OVERRIDE_PHRASING: [
    /\b(?:ignore|disregard|forget)\s+(?:the|all)\s+(?:above|preceding|foregoing)\b/i,
    /\b(?:instead|rather),?\s+(?:you (?:must|should|will)|do the following)\b/i,
  ],
  NEW_INSTRUCTIONS: [
    /\b(?:new|updated|revised|real|actual|true|hidden|secret|priority|override|overriding|additional|important) (?:system |admin |developer )?(?:instructions?|prompt|directives?|orders|task|mission|objective)\s*(?::|follow|are|is)/i,
    /\bfrom now on,? (?:you|your|the assistant|always|never|only|respond|reply|answer|act|behave)\b/i,
    /\byour (?:new|real|true|only|actual|primary) (?:role|task|job|goal|purpose|instructions?|mission|objective) (?:is|are)\b/i,
    /\b(?:system|admin|administrator|developer|security) override\b/i,
  ],
  ROLE_PLAY: [
    /\b(?:you are|you're|act as|behave as|pretend (?:to be|you are)|roleplay as|role-play as|play the role of|simulate|become)\s+(?:now\s+)?(?:an?\s+|the\s+)?(?:system|developer|administrator|admin|root|dan|jailbroken|unrestricted|unfiltered|uncensored|evil|god mode|superuser|stan|dude|aim)\b/i,
    /\bdo anything now\b/i,
    /\b(?:developer|god|jailbreak|dan|unrestricted|debug|sudo|maintenance|admin) mode (?:enabled|activated|on|is now)\b/i,
    /\b(?:enable|activate|enter|switch to) (?:developer|god|jailbreak|dan|unrestricted|sudo|admin) mode\b/i,
    /\b(?:without|no|free (?:of|from)) (?:any )?(?:restrictions|limitations|filters|content polic(?:y|ies)|ethical guidelines|safety guidelines|rules)\b.{0,40}\b(?:you|respond|answer|comply)\b|\byou (?:have|has) no (?:restrictions|limitations|filters|rules)\b/i,
    /\byou are no longer (?:bound|restricted|limited|an ai|an assistant|a language model|required to follow)\b/i,
  ],
  PROMPT_EXTRACTION: [
    /\b(?:reveal|print|output|repeat|disclose|leak|show|display|dump|tell me|give me|share|recite|write out|spell out|list)\s+(?:me\s+)?(?:all\s+|the\s+|your\s+|any\s+|its\s+|full\s+|entire\s+|exact\s+|original\s+|initial\s+|hidden\s+|secret\s+|internal\s+|verbatim\s+)*(?:system prompt|system message|initial prompt|hidden prompt|instructions you were given|hidden instructions|prompt above|instructions above|configuration prompt|pre-?prompt|developer (?:message|instructions))\b/i,
    // Secrets, unless the sentence forbids it ("never share your password").
    /\b(?:reveal|print|output|disclose|leak|dump|list|give me|tell me)(?<!\b(?:not|never|n't|no one|nobody)\s(?:\w+\s)?(?:reveal|print|output|disclose|leak|dump|list|give me|tell me))\s+(?:me\s+)?(?:all\s+|the\s+|your\s+|any\s+|stored\s+|saved\s+|admin(?:istrator)?\s+)+(?:api keys?|secret keys?|access tokens?|credentials|passwords?|environment variables|secrets)\b/i,
    /\bwhat (?:is|are|were) your (?:system prompt|initial instructions|original instructions|hidden instructions|rules)\b/i,
    /\brepeat (?:the |all )?(?:words|text|everything) (?:above|before)\b/i,
  ],
  EXFILTRATION: [
    /\b(?:send|forward|post|upload|exfiltrate|leak|transmit|email|e-mail|copy)\b.{0,60}\b(?:conversation|chat history|system prompt|credentials|passwords?|api keys?|secrets?|access tokens?|session cookies|customer data|personal data|patient data|all (?:the )?data)\b.{0,80}?(?:https?:\/\/|\b[\w.-]+@[\w-]+\.[a-z]{2,}|\bto (?:this|the following|my|our|an external)\b)/i,
    /!\[[^\]]{0,40}\]\(https?:\/\/[^)\s]{1,200}[?&][\w-]{1,20}=\s*(?:\{|\$|%7b|<)/i,
  ],
  CONCEALMENT: [
    /\b(?:do not|don't|never|without)\s+(?:tell(?:ing)?|inform(?:ing)?|mention(?:ing)?|alert(?:ing)?|notify(?:ing)?|let(?:ting)?|reveal(?:ing)?(?: this)? to|warn(?:ing)?|show(?:ing)?)\s+(?:the |any )?(?:user|human|operator|analyst|reviewer|anyone|them)\b/i,
    /\bkeep (?:this|these instructions|it) (?:secret|hidden|confidential) from (?:the )?(?:user|human|operator)\b/i,
    /\b(?:silently|secretly|covertly|quietly) (?:send|forward|delete|transfer|approve|execute|run|call|add|grant)\b/i,
  ],
  ADDRESSES_THE_MODEL: [
    /\b(?:if you are|you are|as) an? (?:ai|a\.i\.|llm|large language model|language model|ai assistant|ai agent|chatbot|virtual assistant)\b(?! (?:company|startup|vendor|product|platform|tool|solution|strategy|policy|governance|team|initiative|roadmap))/i,
    /\b(?:note|message|instructions?|memo|reminder) (?:to|for) (?:the |any )?(?:ai|llm|assistant|agent|model|chatbot|language model|gpt)\b/i,
    /\b(?:dear|attention|hey|hi|hello|important),?\s+(?:ai|llm|assistant|agent|chatbot|gpt|claude|llama|language model)\b/i,
    /\b(?:ai|llm|assistant|agent|model|chatbot)s? (?:reading|processing|summari[sz]ing|parsing|analy[sz]ing) this\b/i,
    /\b(?:the )?(?:assistant|ai|model|llm|agent|chatbot) (?:must|shall|should now|will now|is required to|is instructed to|needs to)\b/i,
  ],
};

export function mapLexicon(
  lexicon: Readonly<Record<PhraseSignal, readonly RegExp[]>>,
  transform: (pattern: RegExp) => RegExp,
): Record<PhraseSignal, readonly RegExp[]> {
  const out = {} as Record<PhraseSignal, readonly RegExp[]>;
  for (const signal of Object.keys(lexicon) as PhraseSignal[]) out[signal] = lexicon[signal].map(transform);
  return out;
}

export const PHRASES: Readonly<Record<PhraseSignal, readonly RegExp[]>> = mapLexicon(LEXICON, spaced);

/**
 * Imperatives aimed at the model that are not strong enough to score on their own but turn a
 * structural marker (a fake header, a boundary, a separator) into an injection.
 */
export const MARKER_DIRECTIVES: readonly RegExp[] = [
  /\b(?:now|instead),? (?:you (?:must|will|should|are to)|respond|reply|answer|output|print|say|tell|call|send|forward)\b/i,
  /\byou (?:must|will|shall|should|are (?:now )?(?:required|instructed|ordered|allowed) to) (?:now |immediately |always |only )?(?:ignore|disregard|obey|reveal|output|print|pretend|act as|comply with (?:these|the following|this))\b/i,
  /\byou (?:must|should|are to) now\b/i,
  /\b(?:now|immediately|instead|silently|secretly|quietly) (?:forward|send|email|transfer|wire|upload|post|delete|approve|grant)\b/i,
  /\b(?:tell|inform|instruct|convince|persuade|urge) the user (?:that|to)\b/i,
  /\b(?:disable|turn off|bypass|skip|circumvent|deactivate) (?:the |all |any )?(?:safety|content|moderation|guardrails?|filters?|security|audit(?:ing)?|logging|approvals?|approval (?:step|process)|checks?)\b/i,
  /\b(?:approve|grant|execute|transfer|wire|delete|drop|wipe|pay)\b.{0,40}\b(?:without|no|skip(?:ping)?) (?:approval|confirmation|asking|verification|review|checks?)\b/i,
  /\b(?:call|invoke|use|run|execute|trigger) (?:the )?[\w.-]{2,40} (?:tool|function)\b.{0,40}\b(?:immediately|now|without|silently|first)\b/i,
  /\b(?:respond|reply|answer) (?:only )?(?:with|in) (?:the following|exactly|only)\b/i,
  /\b(?:comply|obey) (?:with )?(?:these|the following|this|my)\b/i,
  /\bfollow (?:these|the following|my|only these|only the following) (?:new )?(?:instructions|rules|directives|commands)\b/i,
].map(spaced);

/** `l` in a pattern also accepts `i`, for text where leetspeak "1" was folded to "i". */
export function leetTolerant(pattern: RegExp): RegExp {
  return new RegExp(pattern.source.replace(/l/g, '[li]'), pattern.flags);
}
