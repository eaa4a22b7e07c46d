import type { ConsoleTokens } from '../ports/console-tokens.js';

export type IssueConsoleTokenOutcome =
  | { ok: true; townshipName: string; token: string }
  | { ok: false; reason: 'unknown_township' };

/** Someone at the county issues a console sign-in token for one township's staff. */
export async function issueConsoleToken(
  deps: { tokens: ConsoleTokens },
  townshipId: string,
): Promise<IssueConsoleTokenOutcome> {
  const township = await deps.tokens.township(townshipId);
  if (!township) return { ok: false, reason: 'unknown_township' };
  return { ok: true, townshipName: township.name, token: await deps.tokens.create(township.id) };
}
