import type { SimulatorStore, SimWecom } from '../ports/simulator.js';
import { wecomIdOf, type SimIdentity } from '../simulator/sim-identity.js';
import type { VillageCode } from './ensure-village-code.js';

export interface ActInSimulatorDeps {
  store: SimulatorStore;
  wecom: SimWecom;
  /** A village's 微信客服 link (一村一码), made on first use, so a simulated villager can "scan" it. */
  villageCode(villageId: string): Promise<VillageCode>;
  now(): Date;
}

/** What a simulated person does: writes, presses a card's button, scans their village's code, or starts over. */
export type SimAction =
  | { kind: 'say'; text: string }
  | { kind: 'press'; taskId: string; key: string; label?: string | undefined }
  | { kind: 'scan' }
  | { kind: 'reset' };

export type SimActed = { ok: true } | { ok: false; status: 400 | 404 | 409 | 502; message: string };

const sent = (res: { status: number }): SimActed =>
  res.status === 200
    ? { ok: true }
    : { ok: false, status: 502, message: `应用没有收下这条消息（HTTP ${res.status}）。` };

/**
 * One action in the simulator, through the real callback path of the simulator's WeCom. What the person
 * did is logged first, so their chat shows it before the app's answer; a reset hides the chat so far
 * and, for a villager, forgets the unfinished dialog (audited), so the next message starts a new report.
 */
export async function actInSimulator(deps: ActInSimulatorDeps, who: SimIdentity, action: SimAction): Promise<SimActed> {
  const party = wecomIdOf(who);
  const at = deps.now();
  const note = (text: string, pressed?: string) =>
    deps.store.note({ kind: 'said', at: at.getTime(), party, text, ...(pressed ? { pressed } : {}) });
  switch (action.kind) {
    case 'say':
      await note(action.text);
      return sent(
        who.kind === 'villager'
          ? await deps.wecom.villagerSays(party, action.text)
          : await deps.wecom.cadreSays(party, action.text),
      );
    case 'press':
      if (who.kind !== 'cadre') return { ok: false, status: 400, message: '只有干部的任务卡片有按钮。' };
      await note(`〔按下「${action.label ?? action.key}」〕`, action.taskId);
      return sent(await deps.wecom.press(party, action.taskId, action.key));
    case 'scan': {
      if (who.kind !== 'villager') return { ok: false, status: 400, message: '只有村民可以扫村里的二维码。' };
      const household = await deps.store.villager(who.id);
      if (!household) return { ok: false, status: 404, message: `演示县里没有户号 ${who.id}。` };
      const code = await deps.villageCode(household.villageId);
      if (!code.ok) return { ok: false, status: 409, message: code.message };
      await note(`〔扫描${code.village.name}的二维码〕`);
      return sent(await deps.wecom.scan(party, code.url));
    }
    case 'reset':
      await deps.store.note({ kind: 'reset', at: at.getTime(), party });
      if (who.kind === 'villager') await deps.store.forgetDialog(party, at);
      return { ok: true };
  }
}
