// Offsets are UTF-16 indices, the way JavaScript strings index. Python indexes strings by code
// point, so an emoji or another character outside the Basic Multilingual Plane counts 2 here and 1
// there. These helpers give the Python numbers, for comparing with offsets computed in Python.

/** UTF-16 index → code point index within one string. */
export class CodePointIndex {
  /** null when the string has no surrogate pairs, so both indexings agree. */
  private readonly table: Uint32Array | null;

  constructor(text: string) {
    if (!/[\ud800-\udbff]/.test(text)) {
      this.table = null;
      return;
    }
    const table = new Uint32Array(text.length + 1);
    let codePoint = 0;
    for (let i = 0; i < text.length; i++) {
      table[i] = codePoint;
      const unit = text.charCodeAt(i);
      // The low half of a pair shares its code point with the high half.
      if (!(unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length)) codePoint++;
    }
    table[text.length] = codePoint;
    this.table = table;
  }

  at(utf16Index: number): number {
    return this.table ? this.table[Math.min(utf16Index, this.table.length - 1)] : utf16Index;
  }
}

/** `[start, end)` spans in UTF-16 units of `text` → the same spans counted in code points, as Python counts them. */
export function toCodePointOffsets(text: string, offsets: [number, number][]): [number, number][] {
  const index = new CodePointIndex(text);
  return offsets.map(([start, end]) => [index.at(start), index.at(end)]);
}
