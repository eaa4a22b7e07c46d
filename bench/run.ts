import { benchCallback } from './callback.js';
import { benchCampaign } from './campaign.js';
import { benchClassify } from './classify.js';
import { benchIntake } from './intake.js';
import { benchMemory } from './memory.js';
import { benchSweep } from './sweep.js';

const BENCHES: Record<string, () => Promise<Record<string, string | number>[]>> = {
  callback: benchCallback,
  campaign: benchCampaign,
  classify: benchClassify,
  intake: benchIntake,
  memory: benchMemory,
  sweep: benchSweep,
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = wanted.length ? wanted : Object.keys(BENCHES);
for (const name of names) {
  const bench = BENCHES[name];
  if (!bench) {
    console.error(`unknown benchmark ${name}; known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(1);
  }
  console.log(`\n== ${name}`);
  console.table(await bench());
}
process.exit(0);
