/** Kill-switch levels, cascading downward: a tenant switch covers every team and agent. */
export const KILL_SCOPES = ['tenant', 'team', 'agent'] as const;
export type KillScope = (typeof KILL_SCOPES)[number];

export function isKillScope(value: string): value is KillScope {
  return (KILL_SCOPES as readonly string[]).includes(value);
}
