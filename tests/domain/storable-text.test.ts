import { describe, expect, it } from 'vitest';
import { storable, storableText } from '../../src/domain/storable-text.js';

describe('storable text', () => {
  it('replaces U+0000 and unpaired surrogates, and keeps pairs, CJK and emoji', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText('\uD800x\uDFFF')).toBe('\uFFFDx\uFFFD');
    expect(storableText('\uD83D')).toBe('\uFFFD');
    expect(storableText('房子漏雨😀\uD83D\uDE00')).toBe('房子漏雨😀😀');
  });

  it('walks objects and arrays and names what changed, with the exact original', () => {
    const { value, original } = storable({ Content: 'x\u0000', n: 3, list: [{ d: '\uDC00' }, 'ok'] });
    expect(value).toEqual({ Content: 'x\uFFFD', n: 3, list: [{ d: '\uFFFD' }, 'ok'] });
    expect(Object.keys(original!)).toEqual(['Content', 'list.0.d']);
    expect(JSON.parse(original!.Content!)).toBe('x\u0000');
    expect(JSON.parse(original!['list.0.d']!)).toBe('\uDC00');
    expect(storableText(original!.Content!)).toBe(original!.Content);
    expect(storable({ a: '好' })).toEqual({ value: { a: '好' }, original: null });
  });
});
