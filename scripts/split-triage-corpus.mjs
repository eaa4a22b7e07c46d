// Splits the authors' files into fixed train/dev/test sets by a hash of each id (60/15/25).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
const [outDir, ...inputs] = process.argv.slice(2);
const sets = { train: [], dev: [], test: [] };
for (const file of inputs) {
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const item = JSON.parse(line);
    const bucket = createHash('sha256').update(`shouwang-triage:${item.id}`).digest().readUInt32BE(0) / 2 ** 32;
    sets[bucket < 0.6 ? 'train' : bucket < 0.75 ? 'dev' : 'test'].push(line);
  }
}
mkdirSync(outDir, { recursive: true });
for (const [name, lines] of Object.entries(sets)) {
  writeFileSync(`${outDir}/${name}.jsonl`, lines.join('\n') + '\n');
  console.log(name, lines.length);
}
