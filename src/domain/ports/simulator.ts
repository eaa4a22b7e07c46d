import type { Draft } from '../chat/villager-dialog.js';
import type { RiskType } from '../policy.js';
import type { KfMessage } from './wecom.js';

/** One API call of the app that the simulator's WeCom recorded (what it sent to whom). */
export interface SentMessage {
  at: number;
  api: 'message/send' | 'kf/send_msg' | 'kf/send_msg_on_event' | 'update_template_card';
  to: string;
  body: Record<string, unknown>;
  msgid: string;
  /** Past WeCom's per-member limit: accepted but never delivered, as WeCom does. */
  dropped: boolean;
}

/**
 * One line of the simulator's log, kept in the store so that a restart loses nothing: what the fake
 * WeCom received from villagers (its sync_msg list, which the app's kf cursor counts) and sent for the
 * app, what the simulated people typed or pressed, and where someone reset their chat.
 */
export type SimRecord =
  | { kind: 'kf_inbound'; at: number; party: string; message: KfMessage }
  | { kind: 'sent'; at: number; party: string; sent: SentMessage }
  | { kind: 'kf_link'; at: number; party: string; url: string; openKfid: string; scene: string }
  | { kind: 'said'; at: number; party: string; text: string; pressed?: string }
  | { kind: 'reset'; at: number; party: string };

/** The fake WeCom's memory in the store. */
export interface SimJournal {
  /** Every kf_inbound, sent and kf_link record, oldest first. */
  load(): Promise<SimRecord[]>;
  append(records: SimRecord[]): Promise<void>;
}

/** Someone of the demo county to chat as. */
export interface SimVillager {
  id: string;
  head: string;
  village: string;
  phone: string | null;
  helperName: string;
}
export interface SimCadre {
  userid: string;
  name: string;
  role: string;
}

/** What the dialog has understood of a villager, for the simulator's side panel. */
export interface SimVillagerState {
  draft: Draft | null;
  case: {
    number: string;
    state: string;
    riskTypes: RiskType[];
    urgency: string;
    rulesFired: unknown[];
    household: { id: string; head: string } | null;
    /** The cadre holding the case's open task. */
    holder: string | null;
  } | null;
}

/** What the simulator reads of the demo county and its own log. */
export interface SimulatorStore {
  villagers(limit: number): Promise<SimVillager[]>;
  /** Active cadres above the helpers, and the helpers of the given households. */
  cadres(householdIds: string[], limit: number): Promise<SimCadre[]>;
  villager(householdId: string): Promise<{ head: string; village: string; villageId: string } | null>;
  cadre(userid: string): Promise<{ name: string; role: string; charge: string | null; openTasks: number } | null>;
  villagerState(externalUserid: string): Promise<SimVillagerState>;
  /** The party's records since their last reset, oldest first (at most `limit`, the newest). */
  history(party: string, limit: number): Promise<SimRecord[]>;
  note(record: SimRecord): Promise<void>;
  /** Forgets the villager's dialog (the next message starts a new report), audited. */
  forgetDialog(externalUserid: string, at: Date): Promise<void>;
}

/** The simulator's WeCom: what WeCom's servers would send the app when these people act. */
export interface SimWecom {
  villagerSays(externalUserid: string, text: string): Promise<{ status: number }>;
  cadreSays(userid: string, text: string): Promise<{ status: number }>;
  press(userid: string, taskId: string, key: string): Promise<{ status: number }>;
  scan(externalUserid: string, url: string): Promise<{ status: number }>;
}
