// `npm run eval:triage [-- --split dev] [--misses]`: the classifier's figures on corpus splits (default the
// held-out ones, test, test-extra, test-fresh, test-fresh-2 and test-fresh-3, each on its own). Misses are printed for train and dev only: the test
// splits are for reporting, never for tuning.
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { TriageModelSchema } from '../src/domain/triage/model/triage-model.js';
import { RISK_TYPES, RISK_LABEL } from '../src/domain/policy.js';
import { classifyReport, type Classification } from '../src/domain/triage/classify-report.js';
import { loadPolicy } from '../src/load-policy.js';
import { readSplit, type LabelledReport } from './triage-corpus.js';

const { values } = parseArgs({
  options: {
    /** One split or several, comma-separated. */
    split: { type: 'string', default: 'test,test-extra,test-fresh,test-fresh-2,test-fresh-3' },
    policy: { type: 'string', default: 'policy/default.json' },
    misses: { type: 'boolean', default: false },
    'no-model': { type: 'boolean', default: false },
    /** Another model file than the policy's (a candidate from `train:triage --out`). */
    model: { type: 'string' },
    /** Another corpus directory (a batch's shares before they are added to the repository). */
    corpus: { type: 'string', default: 'corpus/triage' },
  },
});
const policy = loadPolicy(values.policy);
if (values['no-model'] && policy.triage) policy.triage = { ...policy.triage, model: null };
if (values.model && policy.triage)
  policy.triage = { ...policy.triage, model: TriageModelSchema.parse(JSON.parse(readFileSync(values.model, 'utf8'))) };
// The later held-out files are read when present (a checkout from before them has test alone).
const splits = values.split!.split(',').filter((s) => s === 'test' || existsSync(`${values.corpus}/${s}.jsonl`));

type Row = { r: LabelledReport; got: Classification };
const pct = (n: number, d: number) => (d ? (n / d).toFixed(2) : '—');
const same = (a: readonly string[], b: readonly string[]) => a.join() === b.join();

function summary(rows: Row[]) {
  const exact = rows.filter(({ r, got }) => same(r.riskTypes, got.riskTypes)).length;
  const urgent = rows.filter(({ r, got }) => r.urgency === got.urgency).length;
  const tp = rows.filter(({ r, got }) => r.urgency === 'green' && got.urgency === 'green').length;
  const gold = rows.filter(({ r }) => r.urgency === 'green').length;
  const said = rows.filter(({ got }) => got.urgency === 'green').length;
  const normals = rows.filter(({ r }) => r.urgency === 'normal').length;
  const nonReports = rows.filter(({ r }) => !r.isReport);
  const nonOk = nonReports.filter(({ got }) => got.riskTypes.length === 0 && got.urgency === 'normal').length;
  return {
    n: rows.length,
    exact: pct(exact, rows.length),
    urgency: pct(urgent, rows.length),
    'green R': pct(tp, gold),
    'green P': pct(tp, said),
    'green FPR': pct(said - tp, normals),
    'non-report': `${pct(nonOk, nonReports.length)} (${nonReports.length})`,
  };
}

function perType(rows: Row[]) {
  return Object.fromEntries(
    RISK_TYPES.map((t) => {
      const tp = rows.filter(({ r, got }) => r.riskTypes.includes(t) && got.riskTypes.includes(t)).length;
      const fp = rows.filter(({ r, got }) => !r.riskTypes.includes(t) && got.riskTypes.includes(t)).length;
      const fn = rows.filter(({ r, got }) => r.riskTypes.includes(t) && !got.riskTypes.includes(t)).length;
      const p = tp / (tp + fp || 1);
      const rc = tp / (tp + fn || 1);
      const f1 = p + rc ? (2 * p * rc) / (p + rc) : 0;
      return [`${RISK_LABEL[t]} ${t}`, { n: tp + fn, P: p.toFixed(2), R: rc.toFixed(2), F1: f1.toFixed(2) }];
    }),
  );
}

function evaluate(split: string, corpus: LabelledReport[]): void {
  // warm-up (compile the lexicon, JIT) under another policy object, so no timed report is a cache hit
  for (const r of corpus.slice(0, 50)) classifyReport(r.facts, { ...policy });
  const results = corpus.map((r) => {
    const t0 = process.hrtime.bigint();
    const got = classifyReport(r.facts, policy);
    const micros = Number(process.hrtime.bigint() - t0) / 1000;
    return { r, got, micros };
  });

  const channels = [...new Set(corpus.map((r) => r.channel))].sort();
  console.log(`\n== triage on ${split} (${corpus.length} reports; model ${policy.triage?.model ? 'on' : 'off'})`);
  console.table({
    all: summary(results),
    ...Object.fromEntries(channels.map((c) => [c, summary(results.filter(({ r }) => r.channel === c))])),
  });
  console.log('per type, all channels:');
  console.table(perType(results));
  for (const c of channels) {
    const rows = results.filter(({ r }) => r.channel === c);
    const f1 = Object.values(perType(rows)).map((v) => (v.n ? v.F1 : '—'));
    console.log(`F1 by type, ${c.padEnd(10)} ${RISK_TYPES.map((t, i) => `${t}=${f1[i]}`).join(' ')}`);
  }
  const times = results.map((x) => x.micros).sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(
    `classification time per report: median ${(median / 1000).toFixed(3)} ms, p95 ${(times[Math.floor(times.length * 0.95)]! / 1000).toFixed(3)} ms`,
  );

  if (values.misses) {
    if (split.startsWith('test')) {
      console.log('(misses are not printed for the test split)');
    } else {
      for (const { r, got } of results) {
        if (same(r.riskTypes, got.riskTypes) && r.urgency === got.urgency) continue;
        const ab = (ts: readonly string[]) => ts.map((t) => t.slice(0, 4)).join('+') || '∅';
        console.log(
          `${r.id} want ${ab(r.riskTypes)}/${r.urgency[0]} got ${ab(got.riskTypes)}/${got.urgency[0]} | ${r.facts.kind ? `[${r.facts.kind} ${r.facts.amountYuan ?? ''}] ` : ''}${r.facts.text} | ${r.facts.householdStatus ?? '-'} | ${got.rulesFired.join(' ; ')} # ${r.note}`,
        );
      }
    }
  }
}

for (const split of splits) evaluate(split, readSplit(split, values.corpus));
