import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { buildWecomXml, parseWecomXml } from '../../src/wecom/xml.js';

// The oracle: fast-xml-parser, set up as our parser used to be (values as strings, trimmed, no entities).
const oracle = new XMLParser({
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreAttributes: true,
  processEntities: false,
  trimValues: true,
});
const expected = (xml: string) => (oracle.parse(xml) as { xml: unknown }).xml;

/** Documents shaped like what WeCom sends (from its documentation), laid out in the ways it lays them out. */
const samples = [
  buildWecomXml({ ToUserName: 'ww-corp', Encrypt: 'a'.repeat(300) + '==', AgentID: '1000002' }),
  buildWecomXml({
    ToUserName: 'ww',
    FromUserName: 'zhangsan',
    CreateTime: 1_795_000_000,
    MsgType: 'text',
    Content: '签收 SW2026000123',
    MsgId: '7390123456789012345',
    AgentID: 1000002,
  }),
  buildWecomXml({ Content: '含 ]]> 的文本 <b>&amp; 𠀀😀' }),
  `<xml>
    <ToUserName><![CDATA[toUser]]></ToUserName>
    <FromUserName><![CDATA[FromUser]]></FromUserName>
    <CreateTime>123456789</CreateTime>
    <MsgType><![CDATA[event]]></MsgType>
    <Event><![CDATA[template_card_event]]></Event>
    <EventKey><![CDATA[ack:12]]></EventKey>
    <TaskId><![CDATA[task-12]]></TaskId>
    <CardType><![CDATA[button_interaction]]></CardType>
    <ResponseCode><![CDATA[ResponseCode]]></ResponseCode>
    <AgentID>1</AgentID>
    <SelectedItems>
      <SelectedItem>
        <QuestionKey><![CDATA[QuestionKey1]]></QuestionKey>
        <OptionIds><OptionId><![CDATA[OptionId1]]></OptionId><OptionId><![CDATA[OptionId2]]></OptionId></OptionIds>
      </SelectedItem>
      <SelectedItem>
        <QuestionKey><![CDATA[QuestionKey2]]></QuestionKey>
        <OptionIds><OptionId><![CDATA[OptionId3]]></OptionId></OptionIds>
      </SelectedItem>
    </SelectedItems>
  </xml>`,
  '<?xml version="1.0" encoding="UTF-8"?>\n<!-- a comment --><xml><Empty></Empty><Self/><Attr a="x>y" b=\'2\'>v</Attr><Zero>0012</Zero><Spaced>  padded  </Spaced></xml>\n',
  '<xml><Event><![CDATA[kf_msg_or_event]]></Event><Token><![CDATA[ENCApHxnGDNAVNY4AaSJKj4Tb5mwsEMzxhFmHVGcra996NR]]></Token><OpenKfId><![CDATA[wkxxxxxxx]]></OpenKfId></xml>',
];

/** A small seeded generator, so a failure names a seed that reproduces it. */
function rng(seed: number) {
  return () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
}

function randomDoc(seed: number): string {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const tags = ['A', 'B', 'MsgId', 'Content', 'Item', 'x_y', 'n.1'];
  const texts = ['', '1', '0007', '山区 村', ' 前后空格 ', '😀𠀀', 'a>b', '9007199254740993', '多行\n文本'];
  const gap = () => pick(['', ' ', '\n  ', '\t']);
  const node = (depth: number): string => {
    const tag = pick(tags);
    if (depth >= 3 || r() < 0.5) {
      const t = pick(texts);
      const body =
        r() < 0.5 ? `<![CDATA[${t}]]>` : t.replaceAll('>', '&gt;').length === t.length ? t : `<![CDATA[${t}]]>`;
      return r() < 0.1 && !t ? `<${tag}/>` : `<${tag}>${body}</${tag}>`;
    }
    const n = 1 + Math.floor(r() * 4);
    return `<${tag}>${Array.from({ length: n }, () => gap() + node(depth + 1)).join('')}${gap()}</${tag}>`;
  };
  return `<xml>${Array.from({ length: 1 + Math.floor(r() * 6) }, () => gap() + node(1)).join('')}${gap()}</xml>`;
}

describe('parseWecomXml', () => {
  it('reads what WeCom sends exactly as fast-xml-parser does', () => {
    for (const xml of samples) {
      const got = parseWecomXml(xml);
      expect(got.ok, xml).toBe(true);
      expect(JSON.parse(JSON.stringify(got.ok && got.fields))).toEqual(expected(xml));
    }
  });

  it('agrees with fast-xml-parser on 2,000 generated documents', () => {
    for (let seed = 1; seed <= 2000; seed++) {
      const xml = randomDoc(seed);
      const got = parseWecomXml(xml);
      const want = expected(xml);
      if (typeof want !== 'object') {
        expect(got, `seed ${seed}`).toEqual({ ok: false, reason: 'no <xml> root' });
        continue;
      }
      expect(got.ok, `seed ${seed}: ${xml}`).toBe(true);
      expect(JSON.parse(JSON.stringify(got.ok && got.fields)), `seed ${seed}: ${xml}`).toEqual(want);
    }
  });

  it("refuses what fast-xml-parser's validator refuses, with a reason", () => {
    const bad = [
      '<xml><a>1</b></xml>',
      '<xml><a>1</a>',
      '<xml><![CDATA[x</xml>',
      '<xml><a x="1>2</a></xml>',
      '<xml><a>1</a></xml>trailing',
      'plain text',
      '<xml><a><b>1</a></b></xml>',
      '<xml><a>1</a></xml',
      '<xml><1a>x</1a></xml>',
    ];
    const refused = (xml: string) =>
      expect(parseWecomXml(xml), xml).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^malformed XML: .+|^no <xml> root$/),
      });
    for (const xml of bad) {
      expect(XMLValidator.validate(xml), xml).not.toBe(true);
      refused(xml);
    }
    // Stricter than the validator: one root, and something to parse.
    for (const xml of ['<xml><a>1</a></xml><b/>', '', '   ']) refused(xml);
  });

  it('decodes only the predefined entities and character references, and keeps tags like __proto__ as plain keys', () => {
    const got = parseWecomXml(
      '<xml><T>a &lt;b&gt; &amp; &quot;c&quot; &#20013;&#x6587; &unknown; &#99999999;</T><__proto__>p</__proto__></xml>',
    );
    expect(got).toMatchObject({ ok: true, fields: { T: 'a <b> & "c" 中文 &unknown; &#99999999;' } });
    // biome-ignore lint/suspicious/noProto: the test is that a tag named __proto__ stays a plain key.
    expect(got.ok && got.fields.__proto__).toBe('p');
    expect(({} as Record<string, unknown>).p).toBeUndefined();
  });

  it('refuses nesting deeper than any WeCom message has', () => {
    const deep = `<xml>${'<a>'.repeat(100)}x${'</a>'.repeat(100)}</xml>`;
    expect(parseWecomXml(deep)).toMatchObject({ ok: false, reason: expect.stringContaining('nested too deep') });
  });
});
