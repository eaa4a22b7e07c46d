import { describe, expect, it } from 'vitest';
import type { DeptKind } from '../../../src/domain/policy.js';
import { readAges } from '../../../src/domain/triage/read-age.js';
import { readReport } from '../../../src/domain/triage/read-report.js';
import { ruleVerdict } from '../../../src/domain/triage/rule-verdict.js';
import { loadPolicy } from '../../../src/load-policy.js';

// What TRIAGE-LABELS.md counts as no risk: repairs, safe ratings, a cut already mended, fees met by a loan.
const policy = loadPolicy('policy/default.json');
const types = (text: string, kind?: DeptKind) => {
  const reading = readReport(text, policy.triage!.lexicon);
  return [...ruleVerdict({ reading, kind, householdStatus: 'lifted', ages: readAges(reading.text) }, policy).types];
};

describe('no risk stated', () => {
  it('reads a roof that lets some rain in as a repair, and wind and rain through it as an unsafe house', () => {
    expect(types('屋头房子有点漏雨 想问问能不能申请维修')).toEqual([]);
    expect(types('住的那个土房子漏风漏雨 一个人住')).toEqual(['housing']);
  });

  it('reads a house rated A or B (基本安全) as safe', () => {
    expect(types('住建局 房屋安全鉴定 B级 卫某某 砖木结构 一般户', 'unsafe_house')).toEqual([]);
    expect(types('排查 梁某某户 房屋经鉴定为B级 基本安全 屋面局部漏雨 已帮助修补')).toEqual([]);
    expect(types('住建局 房屋安全鉴定 C级 卫某某 土坯房 墙体开裂', 'unsafe_house')).toEqual(['housing']);
  });

  it('reads a water row that says the supply is back as no cut', () => {
    expect(types('水利局 管网抢修完成 蒙某某所在片区 恢复供水', 'no_water')).toEqual([]);
    expect(types('水利局 蒙某某所在片区 停水半个月', 'no_water')).toEqual(['water']);
  });

  it('reads a student loan granted as the fees met, not a debt', () => {
    expect(types('娃考上大学了 学费四千八 助学贷款办下来了')).toEqual([]);
    expect(types('我爸住院 借了三万块钱看病')).toContain('expense_jump');
  });

  it('reads the natural death of an old member, the age said alone, as no risk; and 能拄拐走了 as walking', () => {
    expect(types('我妈前天走了 八十三 瘫在床上好几年了 这回也算解脱了 办丧事的钱我们几兄妹凑齐了')).toEqual([]);
    expect(types('我老伴前年中风 现在能拄拐走了 每个月药钱两百多')).toEqual(['illness_disaster_accident']);
  });

  it('reads a message that ends by asking whether what it told is true as a question', () => {
    expect(types('听讲今年透析报销比例提高了 是真的不')).toEqual([]);
    expect(types('我爸透析了三年 一个月自己出两千 是真的不能报吗')).toContain('illness_disaster_accident');
  });
});
