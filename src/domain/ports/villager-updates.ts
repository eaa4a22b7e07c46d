export interface VillagerUpdateStore {
  /** The villager's chat, locked; null if they never wrote. */
  session(externalUserid: string): Promise<{ openKfid: string; lastCustomerAt: Date; updatesSent: number } | null>;
  pending(externalUserid: string): Promise<Array<{ id: number; text: string }>>;
  markSent(externalUserid: string, ids: number[], at: Date): Promise<void>;
}
