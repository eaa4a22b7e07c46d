/** A case a short reference may mean, for the answer when it means several. */
export interface CaseRefCandidate {
  number: string;
  headName: string | null;
  villageName: string | null;
  /** The asking cadre holds its open task. */
  mine: boolean;
}

/** What short references (序号, 编号后 4 位) read and write, inside the command's transaction. */
export interface CaseRefStore {
  /** Cases whose number ends in these 4 digits, the cadre's own open tasks first (at most `limit`). */
  casesEndingWith(userid: string, tail: string, limit: number): Promise<CaseRefCandidate[]>;
  /** The case numbers of the numbered list the cadre saw last, in order; null if none. */
  listRef(userid: string): Promise<string[] | null>;
  saveListRef(userid: string, numbers: string[], at: Date): Promise<void>;
}
