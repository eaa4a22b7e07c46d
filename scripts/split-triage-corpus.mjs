// Splits the authors' files into fixed train/dev/test sets by a hash of each id (60/15/25).
// A later batch, written after the test split was fixed, is added to the *-extra files by the same hash:
//   --extra     (the second batch) train-extra or dev-extra: what would have gone to test goes to dev,
//               so test stays as it was;
//   --held-out  (the third batch on) train-extra, dev-extra or test-extra: test-extra is held out as test
//               is, read only by `npm run eval:triage`.
//   --into=NAME (a batch written whole as a held-out set) every item goes to NAME.jsonl, none to training.
// Later batches are appended to the files already there; an id already in any of them is skipped, so a
// run repeated gives the same files.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
const args = process.argv.slice(2);
const into = args.find((a) => a.startsWith('--into='))?.slice('--into='.length);
const mode = into ? 'into' : args.includes('--held-out') ? 'held-out' : args.includes('--extra') ? 'extra' : 'first';
const [outDir, ...inputs] = args.filter((a) => !a.startsWith('--'));
const names = into
  ? [into]
  : mode === 'first'
    ? ['train', 'dev', 'test']
    : ['train-extra', 'dev-extra', ...(mode === 'held-out' ? ['test-extra'] : [])];

// Later authors wrote department rows as one line of text ("医保局 张某某 住院 自付 3.2万元 脱贫户");
// as the corpus keeps them they are a row as POST /api/v1/alerts takes it: the text is the description,
// the kind is the sending department's usual one (as in the first batch: 残联, 民政, 卫健 and school costs are `other`),
// and the household is named by a placeholder id (the line's householdStatus is what matching found).
const KIND_OF = [
  [/^医保局/, 'medical_cost'],
  [/^公安局/, 'death_or_accident'],
  [/^教育局.*(辍学|未入学|复学|劝返|病休|休学|未到校)/, 'dropout'],
  [/^住建局/, 'unsafe_house'],
  [/^水利局/, 'no_water'],
  [/^人社局/, 'job_loss'],
  [/^应急管理局/, 'disaster'],
  [/^(农业农村局|乡村振兴局)/, 'low_income'],
  [/./, 'other'],
];
function asRow(item) {
  if (item.channel !== 'department' || item.alert || typeof item.text !== 'string') return item;
  const kind = KIND_OF.find(([re]) => re.test(item.text))[1];
  const { text, ...rest } = item;
  return { ...rest, alert: { external_id: item.id, kind, household_id: `H-${item.id}`, description: text } };
}

const file = (name) => `${outDir}/${name}.jsonl`;
const sets = Object.fromEntries(names.map((n) => [n, []]));
const known = new Set();
if (mode !== 'first')
  for (const name of names) {
    if (!existsSync(file(name))) continue;
    for (const line of readFileSync(file(name), 'utf8').split('\n')) {
      if (!line.trim()) continue;
      sets[name].push(line);
      known.add(JSON.parse(line).id);
    }
  }
const before = Object.fromEntries(names.map((n) => [n, sets[n].length]));

for (const input of inputs) {
  for (const line of readFileSync(input, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const item = JSON.parse(line);
    if (known.has(item.id)) continue;
    known.add(item.id);
    const bucket = createHash('sha256').update(`shouwang-triage:${item.id}`).digest().readUInt32BE(0) / 2 ** 32;
    const share = bucket < 0.6 ? 0 : bucket < 0.75 ? 1 : 2;
    const name = names[Math.min(share, names.length - 1)];
    sets[name].push(mode === 'first' ? line : JSON.stringify(asRow(item)));
  }
}
mkdirSync(outDir, { recursive: true });
for (const [name, lines] of Object.entries(sets)) {
  writeFileSync(file(name), lines.join('\n') + '\n');
  console.log(name, lines.length, mode === 'first' ? '' : `(+${lines.length - before[name]})`);
}
