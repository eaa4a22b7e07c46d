// Applies a second labeller's verdicts to the training files of corpus/triage:
//   node scripts/adjudicate-triage-corpus.mjs corpus/triage LABELS.jsonl…
// Each verdict line is {"id", "riskTypes", "urgency", "isReport", "belowThreshold"?, "reason"}, written blind (the
// labeller saw the report, TRIAGE-LABELS.md and CONVENTIONS.md, not the author's label or the classifier). Where it
// differs from the author's label, the line takes the verdict and keeps the author's label under "author", so the
// change can be read and undone. Only train, dev and their extra files are touched: the held-out files never are.
// A second run with the same verdicts changes nothing.
import { readFileSync, writeFileSync } from 'node:fs';

const TYPES = new Set([
  'illness_disaster_accident',
  'expense_jump',
  'income_drop',
  'dropout',
  'housing',
  'water',
  'policy_gap',
]);
const TRAINING = ['train', 'dev', 'train-extra', 'dev-extra'];
const [dir, ...labelFiles] = process.argv.slice(2);
if (!dir || !labelFiles.length) {
  console.error('usage: node scripts/adjudicate-triage-corpus.mjs CORPUS_DIR LABELS.jsonl…');
  process.exit(2);
}

/** The verdicts by id; a line that is not a valid label stops the run before anything is written. */
function readVerdicts() {
  const byId = new Map();
  for (const file of labelFiles)
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (!line.trim()) return;
        const v = JSON.parse(line);
        const where = `${file} line ${i + 1} (${v.id})`;
        if (!Array.isArray(v.riskTypes) || v.riskTypes.some((t) => !TYPES.has(t))) throw new Error(`${where}: riskTypes`);
        if (v.urgency !== 'green' && v.urgency !== 'normal') throw new Error(`${where}: urgency`);
        if (typeof v.isReport !== 'boolean') throw new Error(`${where}: isReport`);
        if (!v.isReport && (v.riskTypes.length || v.urgency === 'green')) throw new Error(`${where}: a non-report with a type`);
        if (byId.has(v.id)) throw new Error(`${where}: id given twice`);
        byId.set(v.id, v);
      });
  return byId;
}

const label = (r) => ({
  riskTypes: [...r.riskTypes].sort(),
  urgency: r.urgency,
  isReport: r.isReport,
  ...(typeof r.belowThreshold === 'boolean' ? { belowThreshold: r.belowThreshold } : {}),
});
/** Whether two labels agree on what the classifier is judged by (types, urgency, report or not). */
const same = (a, b) =>
  a.urgency === b.urgency && a.isReport === b.isReport && a.riskTypes.join() === [...b.riskTypes].sort().join();

const verdicts = readVerdicts();
let seen = 0;
let changed = 0;
for (const name of TRAINING) {
  const path = `${dir}/${name}.jsonl`;
  const lines = readFileSync(path, 'utf8').split('\n');
  const out = lines.map((line) => {
    if (!line.trim()) return line;
    const r = JSON.parse(line);
    const v = verdicts.get(r.id);
    if (!v) return line;
    seen++;
    const { author, ...rest } = r;
    const authors = author ?? { ...label(r), note: r.note };
    const agrees = same(authors, v);
    if (agrees && !author) return line;
    const next = agrees
      ? { ...rest, ...label(authors), note: authors.note } // back to the author's label, as written
      : { ...rest, ...label(v), note: `adjudicated: ${v.reason}`, author: authors };
    const written = JSON.stringify(next);
    if (written !== line) changed++;
    return written;
  });
  writeFileSync(path, out.join('\n'));
}
console.log(`${verdicts.size} verdicts, ${seen} found in the training files, ${changed} lines changed`);
if (seen < verdicts.size) console.log(`${verdicts.size - seen} ids not in the training files (ignored)`);
