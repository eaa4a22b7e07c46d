import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemoCounty } from '../../src/demo/demo-county.js';
import { demoPast } from '../../src/demo/demo-campaign.js';
import { showDashboard } from '../../src/domain/use-cases/show-dashboard.js';
import type { Db } from '../../src/store/db.js';
import { seedDemo } from '../../src/store/seed-demo.js';
import { seedDemoHistory } from '../../src/store/seed-demo-history.js';
import { statisticsStore } from '../../src/store/statistics-store.js';
import { openTestDb } from '../helpers/test-db.js';

const NOW = new Date('2026-11-20T04:00:00Z');
const OPTS = { households: 400, seed: 31 };

describe('statistics over the demo county with a year of history', () => {
  let db: Db;
  // The history as seeded: with the running 集中排查's found risks among its cases.
  const history = demoPast(generateDemoCounty(OPTS), NOW, OPTS.seed).history;

  beforeAll(async () => {
    db = await openTestDb();
    await seedDemo(db, OPTS);
    const started = Date.now();
    expect(await seedDemoHistory(db, NOW, OPTS)).toEqual({ cases: history.cases.length });
    // About 1 s for the default 2,000 households on an idle machine; generous for a loaded one.
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(await seedDemoHistory(db, NOW, OPTS)).toEqual({ cases: 0 }); // once only
  }, 60_000);
  afterAll(() => db?.close());

  it('generates the same history for the same seed and instant', () => {
    expect(demoPast(generateDemoCounty(OPTS), NOW, OPTS.seed).history).toEqual(history);
    expect(history.cases.length).toBeGreaterThan(20);
  });

  it('reads back every case, warning and step the history wrote', async () => {
    const d = await showDashboard(
      { statistics: statisticsStore(db), timeZone: 'Asia/Shanghai', monitoringLine: 7100 },
      { townshipId: null },
      NOW,
    );
    const byState = Object.fromEntries(d.byState.map((s) => [s.state, s.count]));
    for (const state of new Set(history.cases.map((c) => c.state)))
      expect(byState[state], state).toBe(history.cases.filter((c) => c.state === state).length);
    const included = history.cases.filter((c) => c.steps.some((s) => s.event === 'include'));
    expect(included.length).toBeGreaterThan(0);
    const newInMonths = d.months.reduce((n, m) => n + m.newIdentified.households, 0);
    const firstMonthStart = new Date('2025-11-30T16:00:00Z');
    const includedAt = (c: (typeof included)[number]) => c.steps.find((s) => s.event === 'include')!.at;
    expect(newInMonths).toBe(included.filter((c) => includedAt(c) >= firstMonthStart).length);
    const removed = history.cases.filter((c) => c.steps.some((s) => s.event === 'remove_risk'));
    expect(d.months.reduce((n, m) => n + m.removed.households, 0)).toBe(removed.length);
    const warnings = d.period.byChannel.reduce((n, c) => n + c.total, 0);
    expect(warnings).toBe(
      history.cases.filter((c) => c.openedAt >= firstMonthStart).length +
        history.belowThreshold.filter((s) => s.at >= firstMonthStart).length,
    );
    const below = d.period.byChannel.reduce((n, c) => n + c.below, 0);
    expect(below).toBe(history.belowThreshold.filter((s) => s.at >= firstMonthStart).length);
    expect(d.period.medianHours.acknowledged).not.toBeNull();
    expect(d.overdueByStep.reduce((n, s) => n + s.count, 0)).toBeGreaterThan(0);
    expect(d.compliance.some((w) => w.due > 0)).toBe(true);
    expect(d.zeroReturn.unhandled).toEqual([]);
  });
});
