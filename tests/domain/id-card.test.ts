import { describe, expect, it } from 'vitest';
import { idCheckChar, isValidIdNumber, normalizeIdNumber } from '../../src/domain/id-card.js';
import { maskIdNumber, maskPhone, maskSecrets } from '../../src/domain/privacy.js';

describe('ID-card numbers', () => {
  const first17 = '11010519491231002';
  const valid = first17 + idCheckChar(first17);

  it.each([
    [valid, true],
    ['11010519491231002X', valid.endsWith('X')],
    [valid.slice(0, 17), false],
    ['110105194913310021', false], // month 13
    ['11010519490230002' + idCheckChar('11010519490230002'), false], // 30 February
    ['abcdefghijklmnopqr', false],
  ])('%s valid: %s', (id, expected) => {
    expect(isValidIdNumber(id)).toBe(expected);
  });

  it('computes the GB 11643 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
  });

  it('accepts full-width digits and a lower-case x', () => {
    const fw = valid.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    expect(normalizeIdNumber(fw.toLowerCase())).toBe(valid);
  });
});

describe('masking', () => {
  it('masks IDs and phones', () => {
    expect(maskIdNumber('530102199001011234')).toBe('5301**********1234');
    expect(maskPhone('13812345678')).toBe('138****5678');
  });
  it('masks secrets inside free text and leaves other numbers alone', () => {
    expect(maskSecrets('身份证530102199001011234，电话13812345678，花了5000元')).toBe(
      '身份证5301**********1234，电话138****5678，花了5000元',
    );
  });

  it.each([
    ['5306 9919 6203 1458 8X', '5306**********588X'],
    ['５３０６９９１９６２０３１４５８８Ｘ', '5306**********588X'],
    ['530699800101123', '5306*******1123'],
    ['ID530102199001011234', 'ID5301**********1234'],
    ['+8613896848179', '+86138****8179'],
    ['0086 138 9684 8179', '0086*******8179'],
    ['138-9684-8179', '138****8179'],
    ['138 - 9684 - 8179 和 12 34', '138****8179 和 12 34'],
    ['１３８９６８４８１７９', '138****8179'],
    ['电话0871-65123456', '电话087*****3456'],
    ['共 5000 元，13800001111', '共 5000 元，138****1111'],
  ])('masks %s', (text, masked) => {
    expect(maskSecrets(text)).toBe(masked);
  });
  it.each(['2026-11-24 09:00', '{"time":1764582135000,"pid":1234}', '人均收入约6500元', '编号 SW-2026-000123'])(
    'leaves %s alone',
    (text) => {
      expect(maskSecrets(text)).toBe(text);
    },
  );
});
