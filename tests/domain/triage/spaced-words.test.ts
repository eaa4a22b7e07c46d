import { describe, expect, it } from 'vitest';
import { readReport, standing } from '../../../src/domain/triage/read-report.js';
import { joinSpacedWords } from '../../../src/domain/triage/text/spaced-words.js';
import { normaliseText } from '../../../src/domain/triage/text/normalise-text.js';
import { loadPolicy } from '../../../src/load-policy.js';

const lexicon = loadPolicy('policy/default.json').triage!.lexicon;
const read = (text: string) => readReport(text, lexicon);

describe('text whose words are separated by spaces', () => {
  it.each([
    // a space after every character, or after every word: one sentence
    ['我 老 汉 住 院 了', '我老汉住院了'],
    ['老汉 住院了 花了 三万', '老汉住院了花了三万'],
    // a clause starts again at a time or a turn, and after a final particle
    ['我家里 老公 去年 被 查出来 是 胃癌 今年 复查 说 转移 了', '我家里老公，去年被查出来是胃癌，今年复查说转移了'],
    ['你好 请问 是 张医生 吗 我 要 预约 明天 看 牙', '你好，请问是张医生吗，我要预约明天看牙'],
    // phrases separated by spaces (voice input) and a department's fields keep their breaks
    ['前半夜着火了 俺家三间房烧了两间 粮食全烧了 人没事', '前半夜着火了，俺家三间房烧了两间，粮食全烧了，人没事'],
    ['医保局 李某某 住院 自付 1.2万元 脱贫户', '医保局，李某某，住院，自付，1.2万元，脱贫户'],
  ])('%s → %s', (raw, want) => {
    expect(normaliseText(raw)).toBe(want);
  });

  it('leaves text without spaces alone', () => {
    expect(joinSpacedWords('我爸住院了，花了三万')).toBe('我爸住院了，花了三万');
  });

  it('keeps a word, its negation, its time and its amount together', () => {
    expect(standing(read('我 老 汉 住 院 了'), 'hospital_inpatient')).toHaveLength(1);
    expect(standing(read('我 家 娃 娃 没 有 去 上 学'), 'dropout')).toHaveLength(1);
    expect(read('老汉 住院了 花了 三万').amounts[0]).toMatchObject({ yuan: 30000, role: 'spent' });
    // 去年 dates the collapse it is typed with, and 现在 starts what is true now
    const collapse = read('我家 去年 房子 塌 了 现在 住 上 新房 了').hits.find((h) => h.signal === 'damage_severe');
    expect(collapse?.past).toBe(true);
  });
});
