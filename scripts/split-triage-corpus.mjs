// Splits the authors' files into fixed train/dev/test sets by a hash of each id (60/15/25).
// With --extra (a later batch, written after the test split was fixed), the same hash puts each item
// in train-extra or dev-extra: what would have gone to test goes to dev, so test stays as it was.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
const args = process.argv.slice(2);
const extra = args.includes('--extra');
const [outDir, ...inputs] = args.filter((a) => a !== '--extra');
const sets = extra ? { 'train-extra': [], 'dev-extra': [] } : { train: [], dev: [], test: [] };

// The extra batch's author wrote department rows as one line of text ("医保局 张某某 住院 自付 3.2万元 脱贫户");
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

for (const file of inputs) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const item = JSON.parse(line);
    const bucket = createHash('sha256').update(`shouwang-triage:${item.id}`).digest().readUInt32BE(0) / 2 ** 32;
    const name = bucket < 0.6 ? 'train' : bucket < 0.75 ? 'dev' : extra ? 'dev' : 'test';
    sets[extra ? `${name}-extra` : name].push(extra ? JSON.stringify(asRow(item)) : line);
  }
}
mkdirSync(outDir, { recursive: true });
for (const [name, lines] of Object.entries(sets)) {
  writeFileSync(`${outDir}/${name}.jsonl`, lines.join('\n') + '\n');
  console.log(name, lines.length);
}
