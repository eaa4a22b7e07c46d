/** A household on the 观察名单 (income between the monitoring and observation lines). */
export interface ObservedHousehold {
  id: string;
  headName: string;
  villageName: string;
  /** The income between the lines: on record, or the department's figure of an open 观察 item; null when unknown. */
  incomePerCapita: number | null;
  /** The open 观察 item (a department row between the lines), when there is one. */
  observeCase: string | null;
  /** The last 走访 (not a call); null when never visited. */
  lastVisitAt: Date | null;
}

/** What the 观察名单 reads, inside the command's transaction. */
export interface ObservationStore {
  /**
   * Households in the cadre's charge, not yet monitored, whose income on record is at or above
   * `monitoring` and below `observation`, or with an open 观察 item (department data between the lines):
   * the longest unvisited first (never visited before all).
   */
  observedHouseholds(
    userid: string,
    lines: { monitoring: number; observation: number },
    limit: number,
  ): Promise<{ rows: ObservedHousehold[]; total: number }>;
}
