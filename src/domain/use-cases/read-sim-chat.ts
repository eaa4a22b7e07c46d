import type { Policy } from '../policy.js';
import type { SimulatorStore } from '../ports/simulator.js';
import { wecomIdOf, type SimIdentity } from '../simulator/sim-identity.js';
import { simTranscript, type SimMessage } from '../simulator/sim-transcript.js';
import { cadreFacts, simRoleLabel, villagerFacts, type SimFact } from '../simulator/sim-understood.js';
import { classifyReport } from '../triage/classify-report.js';

export interface ReadSimChatDeps {
  store: SimulatorStore;
  policy: Policy;
}

export interface SimChat {
  who: SimIdentity;
  /** "王永华", with what they are: "石岭村 村民" / "帮扶责任人". */
  name: string;
  role: string;
  messages: SimMessage[];
  /** What the dialog understood (villagers) or who the cadre is to the app. */
  facts: SimFact[];
}

/** The newest messages kept on a chat's page. */
const HISTORY = 300;

/** One simulated chat: who it is, its history since the last reset, and the side panel; null for nobody. */
export async function readSimChat(deps: ReadSimChatDeps, who: SimIdentity): Promise<SimChat | null> {
  const party = wecomIdOf(who);
  if (who.kind === 'villager') {
    const v = await deps.store.villager(who.id);
    if (!v) return null;
    const state = await deps.store.villagerState(party);
    const text = state.draft?.description.join('\n') ?? '';
    const reading = !state.case && text ? classifyReport({ text }, deps.policy) : null;
    return {
      who,
      name: v.head,
      role: `${v.village} 村民`,
      messages: simTranscript(await deps.store.history(party, HISTORY)),
      facts: villagerFacts(state, reading),
    };
  }
  const c = await deps.store.cadre(who.id);
  if (!c) return null;
  return {
    who,
    name: c.name,
    role: simRoleLabel(c.role),
    messages: simTranscript(await deps.store.history(party, HISTORY)),
    facts: cadreFacts(c),
  };
}
