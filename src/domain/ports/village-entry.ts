import type { WecomResult } from './wecom.js';

export interface VillageRef {
  id: string;
  name: string;
  townshipId: string;
}

/** Villages' 微信客服 entry links (一村一码) and the sessions their scans start. */
export interface VillageEntryStore {
  village(villageId: string): Promise<VillageRef | null>;
  code(villageId: string): Promise<{ scene: string; url: string } | null>;
  /** Keeps the first link made for a village (two made at once: one wins, both read it back). */
  saveCode(row: { villageId: string; scene: string; openKfid: string; url: string }, at: Date): Promise<void>;
  villageOfScene(scene: string): Promise<VillageRef | null>;
  /** A village by id or by a name only one village has. */
  findVillage(idOrName: string): Promise<VillageRef | null>;
  /**
   * Puts the village in the villager's dialog without opening their reply window: entering a session is
   * not a message, so WeCom's 48-hour / 5-reply rule does not start from it.
   */
  prefillVillage(externalUserid: string, openKfid: string, village: VillageRef, at: Date): Promise<void>;
}

/** The WeCom call that makes an entry link with a scene (kf/add_contact_way). */
export interface KfContactWays {
  kfAddContactWay(openKfid: string, scene: string): Promise<WecomResult<{ url: string }>>;
}
