import { describe, expect, it } from 'vitest';
import { damageObject, has, readReport, standing, waterUse } from '../../../src/domain/triage/read-report.js';
import { readAges } from '../../../src/domain/triage/read-age.js';
import { normaliseText } from '../../../src/domain/triage/text/normalise-text.js';
import { loadPolicy } from '../../../src/load-policy.js';

const lexicon = loadPolicy('policy/default.json').triage!.lexicon;
const read = (text: string) => readReport(text, lexicon);

describe('normaliseText', () => {
  it.each([
    ['我媽住院了，醫藥費報銷後還要自己出三萬！！', '我妈住院了，医药费报销后还要自己出三万！'],
    ['ＩＣＵ 抢救中 😭😭', 'icu，抢救中，哭，哭'],
    ['住院, 总费用86,420元', '住院，总费用86420元'],
    ['孩子不去上學了。。。', '孩子不去上学了'],
    ['花了1.5萬 谢谢🙏', '花了1.5万，谢谢，谢谢'],
    // the separable 住…院 with its length between is a stay all the same; the length would read as a period
    ['我爸住了半个月院 自己出了八千', '我爸住院，自己出了八千'],
    ['她住过十几天的院', '她住院'],
  ])('%s → %s', (raw, want) => {
    expect(normaliseText(raw)).toBe(want);
  });
});

describe('dialect forms are read as Mandarin (three regions)', () => {
  it.each([
    ['屋头的土墙房子昨晚垮了一角', '家里', '西南官话'],
    ['俺娘查出来是乳腺岩', '我妈', '北方官话'],
    ['我屋里崽冒去上学', '没去', '湘语'],
  ])('%s', (text, standard) => {
    expect(read(text).text).toContain(standard);
  });
});

describe('typos and homophones by pinyin', () => {
  it.each([
    ['孙子查出来白血兵', '白血病'],
    ['我男人脑溢雪 一直住院', '脑溢血'],
    ['我爸心机梗塞 送到医院', '心肌梗塞'],
    ['医生港要马上住院花疗', '化疗'],
    ['幺儿打篮球手骨着了', '骨折'],
    ['送到县医院强救过来了', '抢救'],
    // a voice slip the sound match cannot hear (艾 and 癌 share no tone), listed with the cancers
    ['俺娘刚查出来肺艾 大夫说要赶紧手术', '肺癌'],
  ])('%s finds %s', (text, term) => {
    const hit = read(text).hits.find((h) => h.term.includes(term));
    expect(hit?.heard).toBeDefined();
  });

  it.each([
    ['收成少了一大半', '烧了'],
    ['我去医院上了药', '伤了'],
    ['他有这个意愿', '医院'],
    // two characters that share the toneless sound but no tone are two words side by side, not a slip
    ['今天赶场 买了两只小猪儿', '天干'],
    ['天天喊我们搬到镇上去', '天旱'],
    ['屋门口那条河干了', '跳河'],
    ['端午节门上插艾草', '癌'],
    ['俺家那口子戒酒了 现在好好干活', '口子'],
    // plain words around a sound-alike: 一中读 is a school, 享受上 a benefit
    ['额的娃在县一中读高二', '中毒'],
    ['医保资助没享受上', '受伤'],
  ])('%s is not %s', (text, term) => {
    expect(read(text).hits.some((h) => h.term === term)).toBe(false);
  });
});

describe('negation and resolution scope', () => {
  it('a denied event does not stand', () => {
    expect(has(read('没有住院 就是有点咳嗽'), 'hospital_inpatient')).toBe(false);
    expect(has(read('我爸住院了'), 'hospital_inpatient')).toBe(true);
  });

  it('an event resolved later in the message does not stand', () => {
    expect(has(read('我爸肺炎住了院 现在出院了好了'), 'illness_serious')).toBe(false);
    expect(standing(read('上回说的水窖 已经修好了 不用再担心了'), 'water_problem')).toEqual([]);
  });

  it('resolution does not reach an event reported after it', () => {
    const r = read('孩子的病好了 但是欠了好多钱');
    expect(has(r, 'debt')).toBe(true);
  });

  it('说好了 promises; it resolves nothing', () => {
    expect(has(read('临时救助说好了给，一直没落实'), 'benefit_gap')).toBe(true);
  });

  it('an event under a written year is past: a villager tells what happens now as 昨天 or 今年', () => {
    const r = read('我男人2025年3月在工地出事去世了');
    expect(r.hits.find((h) => h.signal === 'death')?.past).toBe(true);
    expect(read('我男人前天在工地出事去世了').hits.find((h) => h.signal === 'death')?.past).toBe(false);
  });

  it('a clause that only dates what came before (那是前年的事了) puts it in the past', () => {
    const r = read('我男人出车祸住院了 那是前年的事了');
    expect(r.hits.find((h) => h.signal === 'accident')?.past).toBe(true);
    expect(read('我男人出车祸住院了 是前天的事').hits.find((h) => h.signal === 'accident')?.past).toBe(false);
  });

  it('a past marker typed as a word of its own reaches the next one (去年 查出 白血病)', () => {
    expect(read('我妹妹 去年 查出 白血病').hits.find((h) => h.signal === 'illness_new')?.past).toBe(true);
    expect(read('我妹妹 去年考上大学 前天查出白血病').hits.find((h) => h.signal === 'illness_new')?.past).toBe(false);
  });

  it('a death told as the time after which the household went on (去世后) is past; a quake so told is not', () => {
    expect(read('老公去世后 婆婆一直病着').hits.find((h) => h.signal === 'death')?.past).toBe(true);
    expect(read('前天地震以后 墙上多了好几条裂缝').hits.find((h) => h.signal === 'disaster')?.past).toBe(false);
  });

  it('a disaster feared (担心下雨滑坡) has not happened', () => {
    expect(has(read('父母住的房屋后山出现裂缝 担心下雨滑坡'), 'disaster')).toBe(false);
    expect(has(read('昨晚下大雨 后山滑坡了'), 'disaster')).toBe(true);
  });

  it('a past event is marked past', () => {
    const death = read('老伴去年去世了，现在一个人过').hits.find((h) => h.signal === 'death');
    expect(death?.past).toBe(true);
  });

  it('差点 is a near miss, not an accident', () => {
    expect(has(read('掉下来一大块 差点砸着俺娘'), 'accident')).toBe(false);
  });
});

describe('the object of the damage', () => {
  const object = (text: string) => {
    const r = read(text);
    const d = [...standing(r, 'damage_severe'), ...standing(r, 'damage')][0]!;
    return damageObject(r, d);
  };
  it.each([
    ['牛圈昨晚塌了', 'other'],
    ['院墙倒了 砸坏了鸡窝', 'other'],
    ['家里那个大棚遭雪压垮了', 'other'],
    ['屋头的土墙房子昨晚垮了一角', 'dwelling'],
    ['猪房塌了一半，人住的屋子也裂缝了', 'other'],
    ['俺家那个土窑 塌窑了', 'dwelling'],
    ['老房子漏雨漏得厉害', 'dwelling'],
    // a building word after a pen and its 的 is the pen's
    ['牛圈的墙倒了', 'other'],
  ])('%s → %s', (text, want) => {
    expect(object(text)).toBe(want);
  });

  it('drinking water, not irrigation', () => {
    const use = (text: string) => {
      const r = read(text);
      return waterUse(r, standing(r, 'water_problem')[0]!);
    };
    expect(use('田里莫得水灌了 水渠遭堵到了')).toBe('irrigation');
    expect(use('我们组的吃水管子冻爆了 莫得水吃')).toBe('drinking');
    expect(use('家里断水半个月了')).toBe('drinking');
  });
});

describe('questions and reports', () => {
  it.each([
    ['请问残疾证怎么办', true],
    ['你好 我想问一下雨露计划能不能申请', true],
    ['我们这边临时救助是不是要村里开证明', true],
    ['我家低保从上个月起就停了 咋回事嘛', false],
    ['我妈住院了，请问能报销多少', false],
    // opened by asking, and nothing told of the writer's own household
    ['我想问下 一般户得了大病 自己出好多钱才能纳入监测', true],
    ['俺想问问 家里有残疾人 能不能吃低保', true],
    ['问下咱这儿大病救助咋申请 俺爹刚做完搭桥', false],
    ['帮我同学问下 她在读高二 她妈又下岗了', false],
  ])('%s → question only: %s', (text, question) => {
    expect(read(text).questionOnly).toBe(question);
  });

  it('帮别人报 is seen', () => {
    expect(read('帮我舅报一下 他家后山滑坡了').proxy).toBe(true);
    expect(read('我家后山滑坡了').proxy).toBe(false);
  });
});

describe('dialect forms from the south coast', () => {
  it('reads Cantonese and Minnan forms as Mandarin before the lexicon', () => {
    expect(read('唔系我屋企嘅').text).toBe('不是我家里的');
    expect(has(read('间厂执笠咗 我冇咗份工'), 'job_loss')).toBe(true);
    expect(has(read('阮厝是土角厝 墙裂咗'), 'dwelling')).toBe(true);
  });
});

describe('what a spared thing resolves', () => {
  it('房子没事 after a fire on the shed says the house was spared; the fire still stands', () => {
    const r = read('昨天灶房起火了 住的房子没事');
    expect(has(r, 'fire')).toBe(true);
    expect(has(read('昨天灶房起火了 后来扑灭了 都没事了'), 'fire')).toBe(false);
  });
});

describe('readAges', () => {
  it.each([
    ['男, 36岁, 溺水死亡', [36]],
    ['我妈走了 才五十二 在外面打工', [52]],
    ['俺奶奶夜儿个晚上走了 九十一了', [91]],
    ['住了十几天了 花了三万多了', []],
  ])('%s → %j', (text, ages) => {
    expect(readAges(text)).toEqual(ages);
  });
});
