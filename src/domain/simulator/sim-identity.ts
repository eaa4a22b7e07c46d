/** Whom the simulator speaks as: a villager (微信客服, by household) or a cadre (the WeCom app, by userid). */
export interface SimIdentity {
  kind: 'villager' | 'cadre';
  id: string;
}

/** "villager:H0000001" / "cadre:bf-001", as the simulator's pages and API name people. */
export const SIM_IDENTITY_RE = /^(villager:H\d{7}|cadre:[A-Za-z0-9_-]{1,64})$/;

export function parseSimIdentity(as: string): SimIdentity | null {
  if (!SIM_IDENTITY_RE.test(as)) return null;
  const [kind, id] = as.split(':') as ['villager' | 'cadre', string];
  return { kind, id };
}

/** The WeCom id the person has: a villager's external_userid in the simulator, a cadre's userid. */
export const wecomIdOf = (who: SimIdentity): string => (who.kind === 'villager' ? `wm-sim-${who.id}` : who.id);
