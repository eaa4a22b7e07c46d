/** A household on the 观察名单 (income between the monitoring and observation lines). */
export interface ObservedHousehold {
  id: string;
  headName: string;
  villageName: string;
  incomePerCapita: number;
  /** The last 走访 (not a call); null when never visited. */
  lastVisitAt: Date | null;
}

/** What the 观察名单 reads, inside the command's transaction. */
export interface ObservationStore {
  /**
   * Households in the cadre's charge, not yet monitored, whose income is at or above `monitoring` and
   * below `observation`: the longest unvisited first (never visited before all).
   */
  observedHouseholds(
    userid: string,
    lines: { monitoring: number; observation: number },
    limit: number,
  ): Promise<{ rows: ObservedHousehold[]; total: number }>;
}
