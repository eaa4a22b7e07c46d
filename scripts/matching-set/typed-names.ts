import { pinyin } from 'pinyin-pro';
import type { Random } from '../../src/demo/random.js';

const sound = (c: string) => pinyin(c, { toneType: 'none' });
const POOL = [
  ...'勇永泳咏涌华化花桦明民鸣铭国帼果德得文闻雯学雪军君俊平萍屏忠中钟兴星新福富成诚城贵桂清青庆秀绣英瑛莹芳方兰岚蓝玉钰育春纯丽莉立红宏洪梅玫云芸珍真凤峰霞夏琴勤芹敏燕艳翠娟强刚钢海志智建健',
];
/** One given-name character replaced: by a homophone (pinyin input) or by another character (a slip). */
export const retypeName = (rnd: Random, name: string, homophone: boolean): string | null => {
  const chars = [...name];
  if (chars.length < (homophone ? 2 : 3)) return null;
  const i = rnd.int(1, chars.length - 1);
  const options = POOL.filter((c) => c !== chars[i] && (sound(c) === sound(chars[i]!)) === homophone);
  if (!options.length) return null;
  chars[i] = rnd.pick(options);
  return chars.join('');
};
/** Whether a typed name is the name with at most one given-name character different. */
export const fitsName = (typed: string, name: string) => {
  const a = [...typed];
  const b = [...name];
  return a.length === b.length && a[0] === b[0] && a.filter((c, i) => c !== b[i]).length <= 1;
};
