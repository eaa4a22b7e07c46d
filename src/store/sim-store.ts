import type { SimJournal, SimRecord, SimulatorStore, SimVillagerState } from '../domain/ports/simulator.js';
import type { Draft } from '../domain/chat/villager-dialog.js';
import type { RiskType } from '../domain/policy.js';
import { storable } from '../domain/storable-text.js';
import { writeAudit } from './audit-store.js';
import type { Db } from './db.js';

type Row = { id: string; at_ms: string; kind: SimRecord['kind']; party: string; body: Record<string, unknown> };
const toRecord = (r: Row) => ({ ...r.body, kind: r.kind, at: Number(r.at_ms), party: r.party }) as SimRecord;

/** The simulator's log (sim_log): the fake WeCom's journal, and each chat's history. */
export function simJournal(db: Db): SimJournal {
  return {
    load: async () =>
      (
        await db.query<Row>(
          `SELECT id, at_ms, kind, party, body FROM sim_log WHERE kind IN ('kf_inbound', 'sent', 'kf_link') ORDER BY id`,
        )
      ).rows.map(toRecord),
    append: (records) => appendRecords(db, records),
  };
}

async function appendRecords(db: Db, records: SimRecord[]): Promise<void> {
  if (!records.length) return;
  // What Postgres cannot keep as it came (a NUL in a villager's text) is kept as storable text.
  const rows = records.map(({ kind, at, party, ...body }) => ({ kind, at_ms: at, party, body: storable(body).value }));
  await db.query(
    `INSERT INTO sim_log (at_ms, kind, party, body)
     SELECT (e->>'at_ms')::bigint, e->>'kind', e->>'party', e->'body'
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS r(e, n) ORDER BY n`,
    [JSON.stringify(rows)],
  );
}

/** What the simulator reads of the demo county, and its chat log. */
export function simulatorStore(db: Db): SimulatorStore {
  return {
    villagers: async (limit) =>
      (
        await db.query<{ id: string; head: string; village: string; phone: string | null; helperName: string }>(
          `SELECT h.id, h.head_name AS head, v.name AS village, h.phone, k.name AS "helperName"
             FROM households h JOIN villages v ON v.id = h.village_id
             JOIN links l ON l.kind = 'household' AND l.target_id = h.id JOIN cadres k ON k.userid = l.cadre_userid
            WHERE h.status <> 'ordinary' AND h.phone IS NOT NULL ORDER BY h.id LIMIT $1`,
          [limit],
        )
      ).rows,
    cadres: async (householdIds, limit) =>
      (
        await db.query<{ userid: string; name: string; role: string }>(
          `SELECT userid, name, role FROM cadres
            WHERE active AND (role <> 'helper' OR userid IN (
              SELECT cadre_userid FROM links WHERE kind = 'household' AND target_id = ANY($1::text[])))
            ORDER BY role DESC, userid LIMIT $2`,
          [householdIds, limit],
        )
      ).rows,
    villager: async (householdId) =>
      (
        await db.query<{ head: string; village: string; villageId: string }>(
          `SELECT h.head_name AS head, v.name AS village, v.id AS "villageId"
             FROM households h JOIN villages v ON v.id = h.village_id WHERE h.id = $1`,
          [householdId],
        )
      ).rows[0] ?? null,
    cadre: async (userid) => {
      const { rows } = await db.query<{ name: string; role: string; charge: string | null; openTasks: string }>(
        `SELECT k.name, k.role,
                coalesce((SELECT string_agg(v.name, '、' ORDER BY v.name) FROM links l JOIN villages v ON v.id = l.target_id
                           WHERE l.kind = 'village' AND l.cadre_userid = k.userid),
                         (SELECT string_agg(t.name, '、' ORDER BY t.name) FROM links l JOIN townships t ON t.id = l.target_id
                           WHERE l.kind = 'area' AND l.cadre_userid = k.userid),
                         (SELECT count(*) || ' 户' FROM links l WHERE l.kind = 'household' AND l.cadre_userid = k.userid
                          HAVING count(*) > 0)) AS charge,
                (SELECT count(*) FROM tasks t WHERE t.cadre_userid = k.userid AND t.state = 'open') AS "openTasks"
           FROM cadres k WHERE k.userid = $1`,
        [userid],
      );
      return rows[0] ? { ...rows[0], openTasks: Number(rows[0].openTasks) } : null;
    },
    villagerState: (externalUserid) => villagerState(db, externalUserid),
    history: async (party, limit) =>
      (
        await db.query<Row>(
          `SELECT * FROM (
             SELECT id, at_ms, kind, party, body FROM sim_log
              WHERE party = $1 AND kind IN ('said', 'sent')
                AND id > coalesce((SELECT max(id) FROM sim_log WHERE party = $1 AND kind = 'reset'), 0)
              ORDER BY id DESC LIMIT $2) AS newest ORDER BY id`,
          [party, limit],
        )
      ).rows.map(toRecord),
    note: (record) => appendRecords(db, [record]),
    forgetDialog: (externalUserid, at) =>
      db.transaction(async (tx) => {
        const { rows } = await tx.query<{ case_id: string | null }>(
          'DELETE FROM kf_sessions WHERE external_userid = $1 RETURNING case_id',
          [externalUserid],
        );
        if (!rows[0]) return;
        await writeAudit(tx, {
          actor: 'simulator',
          action: 'sim_reset',
          entity: 'kf_session',
          entityId: externalUserid,
          note: '模拟器重置对话',
          at,
        });
      }),
  };
}

async function villagerState(db: Db, externalUserid: string): Promise<SimVillagerState> {
  const { rows } = await db.query<{
    draft: Draft | null;
    number: string | null;
    state: string;
    riskTypes: RiskType[];
    urgency: string;
    rulesFired: unknown[];
    householdId: string | null;
    head: string | null;
    holder: string | null;
  }>(
    `SELECT s.draft, c.number, c.state, c.risk_types AS "riskTypes", c.urgency, c.rules_fired AS "rulesFired",
            h.id AS "householdId", h.head_name AS head,
            (SELECT k.name FROM tasks t JOIN cadres k ON k.userid = t.cadre_userid
              WHERE t.case_id = c.id AND t.state = 'open' LIMIT 1) AS holder
       FROM kf_sessions s LEFT JOIN cases c ON c.id = s.case_id LEFT JOIN households h ON h.id = c.household_id
      WHERE s.external_userid = $1`,
    [externalUserid],
  );
  const r = rows[0];
  if (!r) return { draft: null, case: null };
  return {
    draft: r.draft,
    case: r.number
      ? {
          number: r.number,
          state: r.state,
          riskTypes: r.riskTypes,
          urgency: r.urgency,
          rulesFired: r.rulesFired,
          household: r.householdId ? { id: r.householdId, head: r.head ?? '' } : null,
          holder: r.holder,
        }
      : null,
  };
}
