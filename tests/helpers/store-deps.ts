import type { CadreDeps } from '../../src/domain/ports/cadre.js';
import type { TriageDeps } from '../../src/domain/ports/triage.js';
import type { Report } from '../../src/domain/triage/report.js';
import { loadPolicy } from '../../src/load-policy.js';
import type { Db, Queryable } from '../../src/store/db.js';
import { insertInbox } from '../../src/store/inbox-store.js';
import { cadreStore } from '../../src/store/cadre-store.js';
import { triageStore } from '../../src/store/triage-store.js';

const POLICY = 'policy/default.json';
const TZ = 'Asia/Shanghai';

/** Triage over the real store, with the default policy, in Shanghai time. */
export function triageDeps(db: Db, policy = loadPolicy(POLICY)): TriageDeps {
  return { policy, timeZone: TZ, transaction: (fn) => db.transaction((tx) => fn(triageStore(tx))) };
}

/** Cadre commands over the real store, with the default policy, in Shanghai time. */
export function cadreDeps(db: Db, policy = loadPolicy(POLICY)): CadreDeps {
  return { policy, timeZone: TZ, transaction: (fn) => db.transaction((tx) => fn(cadreStore(tx))) };
}

/**
 * Files reports in the inbox as a department would (医保局 unless the report names another reporter);
 * returns each one's inbox id. Message ids count up per reporter made, so each test file's are its own.
 */
export function reportInbox(db: Queryable, source?: (r: Report) => string) {
  let n = 0;
  return async (r: Partial<Report>): Promise<number> => {
    const full: Report = { channel: 'department', reporter: '医保局', text: '', identity: {}, ...r };
    const from = source?.(full) ?? 'dept:医保局';
    return (await insertInbox(db, { source: from, sourceMsgId: String(++n), payload: full }))!;
  };
}

/** The first lifted (脱贫) household with its head's ID number and its 帮扶责任人. */
export async function liftedHousehold(db: Queryable) {
  const { rows } = await db.query<{
    id: string;
    id_number: string;
    village_id: string;
    head_name: string;
    helper: string;
  }>(
    `SELECT h.id, m.id_number, h.village_id, h.head_name, l.cadre_userid AS helper FROM households h
       JOIN members m ON m.household_id = h.id AND m.relation = '户主'
       JOIN links l ON l.kind = 'household' AND l.target_id = h.id WHERE h.status = 'lifted' ORDER BY h.id LIMIT 1`,
  );
  return rows[0]!;
}
