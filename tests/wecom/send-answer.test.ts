import { describe, expect, it } from 'vitest';
import { notSentTo } from '../../src/wecom/send-answer.js';

/** What message/send's answer says about each recipient of a message sent to several. */
describe('notSentTo', () => {
  it('names each recipient WeCom left out, whatever the case of its spelling, and no other', () => {
    const refused = notSentTo({ invaliduser: 'zhangsan', unlicenseduser: 'Wang|', invalidparty: '' }, [
      'ZhangSan',
      'wang',
      'li',
    ]);
    expect(refused('ZhangSan')).toEqual(['invaliduser=zhangsan']);
    expect(refused('wang')).toEqual(['unlicenseduser=Wang']);
    expect(refused('li')).toEqual([]);
  });

  it('counts an entry it cannot place (a party, someone not sent to) against every recipient', () => {
    const refused = notSentTo({ invaliduser: 'ghost', invalidparty: '3' }, ['li', 'zhao']);
    expect(refused('li')).toEqual(['invaliduser=ghost', 'invalidparty=3']);
    expect(refused('zhao')).toEqual(['invaliduser=ghost', 'invalidparty=3']);
  });
});
