import { describe, expect, it } from 'vitest';
import type { DeptKind } from '../../../src/domain/policy.js';
import { readAges } from '../../../src/domain/triage/read-age.js';
import { readReport } from '../../../src/domain/triage/read-report.js';
import { ruleVerdict } from '../../../src/domain/triage/rule-verdict.js';
import { loadPolicy } from '../../../src/load-policy.js';

// The 绿色通道 is a sudden severe event now (TRIAGE-LABELS.md): these are the false greens the training
// files' out-of-fold predictions showed, each beside the green it must keep.
const policy = loadPolicy('policy/default.json');
const rules = (text: string, kind?: DeptKind) => {
  const reading = readReport(text, policy.triage!.lexicon);
  const v = ruleVerdict({ reading, kind, householdStatus: 'lifted', ages: readAges(reading.text) }, policy);
  return { types: [...v.types].sort(), green: v.green };
};

describe('绿色通道', () => {
  it('reads a D rating alone as an unsafe house, not one about to fall', () => {
    expect(rules('住建局 房屋安全鉴定 D级 刘某某 仍在居住', 'unsafe_house')).toEqual({
      types: ['housing'],
      green: false,
    });
    expect(rules('房屋鉴定为D级 墙体倾斜 仍在居住').green).toBe(true);
  });

  it('reads an amputation told after the fact as a disability, and one in hospital as urgent', () => {
    expect(rules('来电人称其本人因工伤致右手截肢 无法从事原工作').green).toBe(false);
    expect(rules('俺是低保户 一条腿截肢了 也出不了门打工').green).toBe(false);
    expect(rules('人社局 工伤认定 陈某某 右手截肢 脱贫户', 'job_loss').green).toBe(false);
    expect(rules('我叔叔在砖厂做工 机器把手绞了 送到医院 截肢了 在医院躺着').green).toBe(true);
  });

  it('reads 不行了 of a back or a memory as no danger to life', () => {
    expect(rules('俺家老汉 腰不行了 干不了重活')).toEqual({ types: ['income_drop'], green: false });
    expect(rules('老汉在山上摔到沟里 送到医院已经不行了 才五十六').green).toBe(true);
  });

  it('reads a hazard site (隐患点, 滑坡体) as a risk named, not a disaster that struck', () => {
    expect(rules('应急管理局 地质灾害隐患点 潘某某 房屋位于滑坡体 已列入避险搬迁', 'disaster')).toEqual({
      types: [],
      green: false,
    });
    expect(rules('昨晚滑坡 把我家房子冲垮了').green).toBe(true);
  });

  it('reads a death dated by its month as past, and one of 前天 as now', () => {
    expect(rules('走访 户主今年2月车祸身亡 系家中唯一劳力 遗孀务农')).toEqual({
      types: ['illness_disaster_accident', 'income_drop'],
      green: false,
    });
    expect(rules('走访 户主前天车祸身亡 系家中唯一劳力 遗孀务农').green).toBe(true);
  });

  it('reads a stay told with its bill settled, or an illness lived with for a year, as no sudden event', () => {
    expect(rules('我爸脑梗住了二十天院 总共花了五万出头 报了以后自己掏了两万一千多').green).toBe(false);
    expect(rules('来电人杨某 丈夫确诊肝癌一年余 持续化疗 已借款约8万元').green).toBe(false);
    expect(rules('我爸脑梗住院了 现在在县医院').green).toBe(true);
  });

  it('reads a quake long ago, or one that left the house undamaged, as no damage to the home now', () => {
    expect(rules('房子是08年地震过后修的 墙上有几条细细的缝缝').green).toBe(false);
    expect(rules('来电人称地震时家中掉落少量墙灰 房屋无明显损伤').green).toBe(false);
  });

  it('reads a fire in the orchard as a lost crop, not a burnt home', () => {
    expect(rules('我家山上的果园被山火烧了 核桃树全烧死了')).toEqual({
      types: ['illness_disaster_accident', 'income_drop'],
      green: false,
    });
  });

  it('reads an empty house that fell, and savings that are gone (存款全没了), as no emergency', () => {
    expect(rules('来电人反映 邻居家空置老房垮塌 无人员居住 询问是否需上报')).toEqual({ types: [], green: false });
    expect(rules('我爸干活摔了腰 家里存款全没了')).toEqual({ types: ['illness_disaster_accident'], green: false });
  });

  it('does not read 回来了 (home from work or hospital) as the injury healed', () => {
    expect(rules('我老倌子在工地上摔断了腿 住了一个月院回来了 现在还下不得床').types).toContain(
      'illness_disaster_accident',
    );
  });
});

describe('绿色通道 kept', () => {
  it('reads a wall leaning or propped up as a house about to fall', () => {
    expect(rules('【找政府】诉求内容:我家房屋为土坯房 连续降雨后山墙已倾斜 用木料支撑 老人仍居住')).toEqual({
      types: ['housing'],
      green: true,
    });
  });

  it('reads a damaged house its family was told to leave as about to fall', () => {
    expect(rules('窑面子塌了一块 顶上裂着缝 村里让俺先搬出来').green).toBe(true);
    expect(rules('额家的房子 墙裂了 住建局来鉴定了 说是D级 让额们赶紧搬出来').green).toBe(true);
  });

  it('reads a death told after an accident, or where it happened, as the death of the one named', () => {
    expect(rules('我老公四十岁 在煤矿做事 上个月矿里出事 走哒 屋里两个细伢子').green).toBe(true);
    expect(rules('我哥昨日在鱼塘里淹死了 四十一岁 屋里两个细人子').green).toBe(true);
  });

  it('reads someone who cannot be woken as in danger', () => {
    expect(rules('我爸刚才在地里晕倒了 叫不醒 120来了').green).toBe(true);
  });
});
