import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openScreeningRounds } from '../../src/domain/use-cases/open-screening-rounds.js';
import { roundPeriod } from '../../src/domain/rounds/round-periods.js';
import type { Db } from '../../src/store/db.js';
import { missedRoundReads, roundAnswerStore } from '../../src/store/round-answer-store.js';
import { screeningRoundStore } from '../../src/store/screening-round-store.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { loadPolicy } from '../../src/load-policy.js';
import { openTestDb } from '../helpers/test-db.js';

const TZ = 'Asia/Shanghai';
const policy = loadPolicy('policy/default.json');
const AT = new Date('2026-12-02T02:00:00Z'); // Wednesday 10:00 local: week from Nov 30, half month from Dec 1
const DAY = 86_400_000;

/** The rounds' SQL on the store engine under test (TEST_DB=pg: the real Postgres). */
describe('screening round store', () => {
  let db: Db;
  const q = async <T>(sql: string, params: unknown[] = []) => (await db.query<T>(sql, params)).rows;
  beforeAll(async () => {
    db = await openTestDb();
    await seedDemo(db, { households: 300, seed: 5 });
  }, 120_000);
  afterAll(() => db?.close());

  it('opens one round per village and township for the period, once, each to its chain', async () => {
    // A village without its 包村干部: its 排查 goes to the township's 包片领导.
    const orphan = (
      await q<{ id: string; township_id: string }>('SELECT id, township_id FROM villages ORDER BY id DESC LIMIT 1')
    )[0]!;
    await db.query(`DELETE FROM links WHERE kind = 'village' AND target_id = $1`, [orphan.id]);
    const deps = { policy, timeZone: TZ, store: screeningRoundStore(db) };
    const first = await openScreeningRounds(deps, AT);
    const counts = (
      await q<{ v: string; t: string }>(
        'SELECT (SELECT count(*) FROM villages) AS v, (SELECT count(*) FROM townships) AS t',
      )
    )[0]!;
    expect(first).toEqual({ villages: Number(counts.v), townships: Number(counts.t) });
    expect(await openScreeningRounds(deps, new Date(AT.getTime() + DAY))).toEqual({ villages: 0, townships: 0 });
    const rounds = await q<{ kind: string; place_id: string; recipients: string[]; deadline: Date }>(
      'SELECT kind, place_id, recipients, deadline FROM screening_rounds ORDER BY kind, place_id',
    );
    const leaders = await q<{ cadre_userid: string }>(
      `SELECT cadre_userid FROM links WHERE kind = 'area' AND target_id = $1 ORDER BY 1`,
      [orphan.township_id],
    );
    expect(rounds.find((r) => r.kind === 'village' && r.place_id === orphan.id)!.recipients).toEqual(
      leaders.map((l) => l.cadre_userid),
    );
    const other = rounds.find((r) => r.kind === 'village' && r.place_id !== orphan.id)!;
    const villageCadres = await q<{ cadre_userid: string }>(
      `SELECT cadre_userid FROM links WHERE kind = 'village' AND target_id = $1 ORDER BY 1`,
      [other.place_id],
    );
    expect(other.recipients).toEqual(villageCadres.map((l) => l.cadre_userid));
    expect(new Date(other.deadline)).toEqual(roundPeriod('village', AT, policy.rounds, TZ).deadline);
    const opened = await q<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_log WHERE actor = 'system' AND action = 'round-open' AND entity = 'screening_round'`,
    );
    expect(opened[0]!.n).toBe(rounds.length); // each opening audited once
    const unqueued = await screeningRoundStore(db).unqueuedRounds();
    expect(unqueued).toHaveLength(rounds.length);
    expect(unqueued.every((r) => r.items.every((i) => i.headName && Array.isArray(i.openCases)))).toBe(true);
    await screeningRoundStore(db).markRoundsQueued(
      unqueued.map((r) => r.id),
      AT,
    );
    expect(await screeningRoundStore(db).unqueuedRounds()).toEqual([]);
  });

  it('answers keep the first who and when, add findings, and find the round covering a household', async () => {
    const v = (
      await q<{ place_id: string; id: number; recipients: string[] }>(
        `SELECT place_id, id::int AS id, recipients FROM screening_rounds WHERE kind = 'village' AND cardinality(recipients) > 0 ORDER BY place_id LIMIT 1`,
      )
    )[0]!;
    const who = v.recipients[0]!;
    const h = (
      await q<{ id: string }>('SELECT id FROM households WHERE village_id = $1 ORDER BY id LIMIT 1', [v.place_id])
    )[0]!;
    const answers = roundAnswerStore(db);
    expect((await answers.openRoundsOf(who)).map((r) => r.id)).toContain(v.id);
    expect((await answers.roundCovering(who, h.id, AT))?.id).toBe(v.id);
    expect(await answers.roundFor('someone-else', v.id)).toBeNull();
    await answers.answerRound(v.id, { by: who, at: AT, outcome: 'found', findings: 1 });
    await answers.answerRound(v.id, { by: who, at: new Date(AT.getTime() + 3_600_000), outcome: 'clear', findings: 0 });
    const r = (await answers.roundFor(who, v.id))!;
    expect(r).toMatchObject({ answeredBy: who, outcome: 'found', findings: 1 });
    expect(new Date(r.answeredAt!)).toEqual(AT);
    expect((await answers.openRoundsOf(who)).map((x) => x.id)).not.toContain(v.id);
    // Still the one covering the household while its week runs (a second finding joins it).
    expect((await answers.roundCovering(who, h.id, AT))?.id).toBe(v.id);
  });

  it('names the rounds of a township due in a week and not answered by their deadline', async () => {
    const t = (
      await q<{ township_id: string }>(
        `SELECT township_id FROM screening_rounds WHERE kind = 'township' ORDER BY 1 LIMIT 1`,
      )
    )[0]!.township_id;
    const week = { start: new Date('2026-11-30T16:00:00Z'), end: new Date('2026-12-07T16:00:00Z') }; // Dec 1 – 8 local
    const reads = missedRoundReads(db);
    const before = await reads.missedRounds(t, week.start, week.end, new Date('2026-12-06T00:00:00Z'));
    expect(before).toEqual([]); // nothing due yet
    const after = await reads.missedRounds(t, week.start, week.end, new Date('2026-12-08T00:00:00Z'));
    const answered = await q<{ n: string }>(
      `SELECT count(*) AS n FROM screening_rounds WHERE township_id = $1 AND kind = 'village' AND answered_at IS NOT NULL`,
      [t],
    );
    const villages = await q<{ n: string }>('SELECT count(*) AS n FROM villages WHERE township_id = $1', [t]);
    // The village rounds fall due on Dec 7 00:00 local, in this week; the one answered in time is not named.
    expect(after.filter((m) => m.kind === 'village')).toHaveLength(Number(villages[0]!.n) - Number(answered[0]!.n));
    expect(after.every((m) => m.answeredAt === null)).toBe(true);
  });
});
