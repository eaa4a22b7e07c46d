/**
 * A workbook's shared strings, packed as UTF-8 in one growing buffer with an end offset per string.
 *
 * exceljs's own cache ('cache') keeps each string as the parser handed it: a slice of the XML chunk it came
 * from, which keeps every chunk alive. A 100,000-row roll has about 500,000 shared strings (户编号, names,
 * ID numbers, phones, addresses, all distinct), and that cache held 200 MB of heap; packed, they are ~6 MB
 * outside the heap, and a cell's text is decoded when its row is read.
 */
export class SharedStrings {
  private bytes = Buffer.allocUnsafe(1 << 16);
  private ends = new Uint32Array(1 << 12);
  private count = 0;
  private used = 0;

  get size(): number {
    return this.count;
  }

  add(text: string): void {
    const most = Buffer.byteLength(text);
    if (this.used + most > this.bytes.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + most));
      this.bytes.copy(grown, 0, 0, this.used);
      this.bytes = grown;
    }
    this.used += this.bytes.write(text, this.used);
    if (this.count === this.ends.length) {
      const grown = new Uint32Array(this.count * 2);
      grown.set(this.ends);
      this.ends = grown;
    }
    this.ends[this.count++] = this.used;
  }

  /** The string at `index` (0-based, as cells number them), or undefined past the end. */
  get(index: number): string | undefined {
    if (!(index >= 0 && index < this.count)) return undefined;
    return this.bytes.toString('utf8', index ? this.ends[index - 1] : 0, this.ends[index]);
  }
}
