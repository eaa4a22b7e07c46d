/** Text as GBK bytes, from the inverse of Node's own GBK decoder (tests need no encoder package). */
let table: Map<string, number[]> | undefined;

export function encodeGbk(text: string): Buffer {
  if (!table) {
    table = new Map();
    const decoder = new TextDecoder('gbk');
    for (let hi = 0x81; hi <= 0xfe; hi++)
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        const c = decoder.decode(new Uint8Array([hi, lo]));
        if (c.length === 1 && c !== '\uFFFD' && !table.has(c)) table.set(c, [hi, lo]);
      }
  }
  const bytes: number[] = [];
  for (const c of text) {
    if (c.charCodeAt(0) < 0x80) bytes.push(c.charCodeAt(0));
    else {
      const b = table.get(c);
      if (!b) throw new Error(`no GBK code for ${c}`);
      bytes.push(...b);
    }
  }
  return Buffer.from(bytes);
}
