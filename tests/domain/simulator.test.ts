import { describe, expect, it } from 'vitest';
import type { SimRecord } from '../../src/domain/ports/simulator.js';
import { parseSimIdentity, wecomIdOf } from '../../src/domain/simulator/sim-identity.js';
import { simTranscript } from '../../src/domain/simulator/sim-transcript.js';
import { villagerFacts } from '../../src/domain/simulator/sim-understood.js';

const sent = (at: number, api: string, body: Record<string, unknown>): SimRecord => ({
  kind: 'sent',
  at,
  party: 'bf-1',
  sent: { at, api: api as never, to: 'bf-1', body, msgid: `m${at}`, dropped: false },
});

describe('the simulator, pure parts', () => {
  it('names people as the pages do and refuses anything else', () => {
    expect(parseSimIdentity('villager:H0000001')).toEqual({ kind: 'villager', id: 'H0000001' });
    expect(wecomIdOf({ kind: 'villager', id: 'H0000001' })).toBe('wm-sim-H0000001');
    expect(wecomIdOf(parseSimIdentity('cadre:bf-1')!)).toBe('bf-1');
    expect(parseSimIdentity('villager:wm-1')).toBeNull();
    expect(parseSimIdentity('cadre:a b')).toBeNull();
  });

  it('redraws the pressed card when the app updates it, and keeps the order of the log', () => {
    const card = { task_id: 't-1', main_title: { title: '【预警】' }, button_list: [{ key: 'ack', text: '签收' }] };
    const log: SimRecord[] = [
      sent(1, 'message/send', { msgtype: 'template_card', template_card: card }),
      { kind: 'said', at: 2, party: 'bf-1', text: '〔按下「签收」〕', pressed: 't-1' },
      sent(3, 'update_template_card', { button: { replace_name: '已签收' } }),
      sent(4, 'message/send', { msgtype: 'markdown', markdown: { content: '**今日待办**' } }),
    ];
    const chat = simTranscript(log);
    expect(chat.map((m) => [m.from, m.kind])).toEqual([
      ['bot', 'card'],
      ['me', 'text'],
      ['bot', 'markdown'],
    ]);
    expect(chat[0]!.card!.button_list).toEqual([{ key: 'done', text: '已签收', style: 4 }]);
  });

  it("shows what the dialog understood with the phone and ID number masked, and '—' for what is not known", () => {
    const facts = villagerFacts(
      {
        draft: { description: ['电话13812345678，房子塌了'], phone: '13812345678', idNumber: '530102199001011234' },
        case: null,
      },
      null,
    );
    const by = Object.fromEntries(facts.map((f) => [f.key, f.value]));
    expect(by.phone).toBe('138****5678');
    expect(by.id).toBe('5301**********1234');
    expect(by.told).toBe('电话138****5678，房子塌了');
    expect(by.who).toBe('—');
    expect(by.risk).toBe('—');
    expect(JSON.stringify(facts)).not.toContain('13812345678');
  });
});
