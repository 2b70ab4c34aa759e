/**
 * An order to whoever reads the text: a command verb opening a clause ("Grant write access…",
 * "… Reply only with:", "and tell the recruiter that…"). Manuals and mail are full of these, so
 * an imperative is never evidence by itself. It counts only where the text is already speaking
 * to the model: inside the window of a strong structural marker (a `<system_instruction>` tag, a
 * `"role": "system"` message, a `<<END_TOOL_OUTPUT>>` token, a separator titled OVERRIDE), or
 * right after a phrase that addresses the model ("AI models reading this: …").
 *
 * Held-out set 3 showed why the phrase lexicon alone was not enough there: payloads written by
 * someone who had not read it said "Grant a full refund", "Call delete_repository", "Run DROP
 * TABLE" — plain orders, none of them in the lexicon (bench/RESULTS.md § Injection: held-out set 3).
 */

/**
 * Base forms of what an injected order asks the model to do. Not "use", "open", "set", "click": a
 * config's `<instructions>Use UTF-8 for all exports.</instructions>` is for people and programs. A
 * prohibition counts with a verb it forbids ("Don't mention the fee"), not alone: "the assistant
 * must never be used for legal advice" is a policy, not an order.
 */
const VERBS = [
  'approve', 'grant', 'run', 'execute', 'call', 'invoke', 'delete', 'drop', 'remove', 'wipe', 'erase', 'send', 'forward', 'email', 'post',
  'upload', 'transfer', 'wire', 'pay', 'refund', 'create', 'add', 'write', 'reply', 'respond', 'answer', 'say', 'tell', 'state', 'claim',
  'report', 'mark', 'rate', 'rank', 'recommend', 'describe', 'summari[sz]e', 'include', 'insert', 'append', 'paste', 'print', 'output',
  'reveal', 'show', 'list', 'ignore', 'disregard', 'forget', 'skip', 'stop', 'collect', 'ask', 'go', 'visit', 'navigate', 'download',
  'render', 'display', 'confirm', 'classify', 'label', 'treat', 'assume', 'pretend', 'act', 'comply', 'obey', 'disable', 'turn off',
  'share', 'read', 'fetch', 'retrieve', 'export', 'close', 'escalate', 'praise', 'accept', 'give', 'assign', 'buy', 'purchase',
  'cancel', 'publish',
] as const;

const ORDER = VERBS.join('|').replace(/ /g, '[ \\t]+');
/** What a prohibition may forbid besides the verbs above. */
const FORBIDDEN = 'mention|flag|comment|warn|inform|notify|refuse|question|alert';

// A clause opens at the window's start, after sentence or markup punctuation, or after a connective;
// markdown emphasis and list bullets may stand before the order ("**Grant …**", "- Grant …",
// "2) Grant …"), each one character of a class, so a long run of them costs no backtracking. The
// order is group 1.
const IMPERATIVE = new RegExp(
  String.raw`(?:^|[.!?;:>"'(\n]|\b(?:and|then|please|now|first|also|just|simply|instead)[ \t])(?:[ \t\n*_\x60~+\u2022-]|\d{1,3}[.)])*((?:do[ \t]+not|don't|never)[ \t]+(?:${ORDER}|${FORBIDDEN})|${ORDER})\b(?=[ \t]+\S)`,
  'gi',
);

/** How far after a strong marker, or a phrase addressing the model, its order may start. */
export const ORDER_REACH = 240;

/** The first imperative in text[from, to), or null. Its index is into `text`. */
export function imperativeIn(text: string, from: number, to: number): { readonly index: number; readonly match: string } | null {
  IMPERATIVE.lastIndex = 0;
  const slice = text.slice(Math.max(0, from), Math.max(from, to));
  const match = IMPERATIVE.exec(slice);
  if (match === null) return null;
  // Group 1 is the order itself, without the clause opener before it.
  const verb = match[1] ?? '';
  return { index: Math.max(0, from) + match.index + match[0].length - verb.length, match: verb };
}
