/**
 * The one spelling of a team or agent id, wherever one is named: a kill switch's target, a policy
 * level, an agent's name, and the team and agent a gateway call is made for. Lower-case ASCII, so
 * one team is one key: a kill switch on `claims` must stop a call for `Claims`, `claims ` or a
 * Cyrillic `сlaims`, and it can only do so if those are not other names. They are refused, not
 * folded: a name that silently became another would make the log say what the caller did not write.
 */
export const SCOPE_ID = /^[a-z0-9][a-z0-9._:-]{0,127}$/;

/** Why `value` is not a team or agent id (a sentence to follow "the team …"), or undefined when it is one. */
export function scopeIdProblem(value: string): string | undefined {
  if (SCOPE_ID.test(value)) return undefined;
  const lower = value.trim().toLowerCase();
  const hint = lower !== value && SCOPE_ID.test(lower) ? ` (write "${lower}")` : '';
  return `must be a lower-case id of 1 to 128 characters: a–z, 0–9 and . _ : -, starting with a letter or digit${hint}`;
}

/**
 * The one spelling a team or agent id stored before that rule existed stands for (trimmed, lower
 * case), or undefined when even that is not an id. Only for ids already stored: a new name is
 * refused, never folded (see above).
 */
export function canonicalStoredScopeId(stored: string): string | undefined {
  const lower = stored.trim().toLowerCase();
  return SCOPE_ID.test(lower) ? lower : undefined;
}
