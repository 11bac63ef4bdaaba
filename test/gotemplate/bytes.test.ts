import { describe, expect, it } from 'vitest';
import {
  utf8Encode,
  utf8Decode,
  byteLength,
  byteSlice,
  byteAt,
  isValidUtf8,
  runes,
  goRunes,
  runeCount,
  runeToString,
  byteToString,
  normalizeByteString,
  byteStringsEqual,
  toGoOutput,
} from '../../src/gotemplate/bytes.js';

describe('byte strings', () => {
  it('round-trips any bytes losslessly, invalid bytes held as U+DC80..U+DCFF', () => {
    const bytes = new Uint8Array([0x61, 0xc3, 0xa9, 0xc3, 0xff, 0xe2, 0x82, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80, 0xc0, 0x80]);
    const s = utf8Decode(bytes);
    expect(s).toBe('aé\udcc3\udcff\udce2\udc82😀\udced\udca0\udc80\udcc0\udc80');
    expect(utf8Encode(s)).toEqual(bytes);
    expect(toGoOutput(s)).toEqual(bytes);
    expect(isValidUtf8(s)).toBe(false);
    expect(isValidUtf8('aé😀')).toBe(true);
  });
  it('measures and slices by bytes as Go does', () => {
    expect(byteLength('héllo')).toBe(6);
    expect(byteLength('😀')).toBe(4);
    expect(byteSlice('héllo', 0, 2)).toBe('h\udcc3');
    expect(byteSlice('héllo', 2)).toBe('\udca9llo');
    expect(byteSlice('abc', 1, 2)).toBe('b');
    expect(byteAt('héllo', 1)).toBe(0xc3);
    expect(byteToString(0xc3)).toBe('\udcc3');
  });
  it('iterates runes as range does: an invalid byte is U+FFFD of width 1', () => {
    const s = 'a' + utf8Decode(new Uint8Array([0xc3])) + 'é😀';
    expect([...runes(s)].map((r) => [r.rune, r.byteIndex, r.byteWidth])).toEqual([
      [0x61, 0, 1],
      [0xfffd, 1, 1],
      [0xe9, 2, 2],
      [0x1f600, 4, 4],
    ]);
    expect(goRunes(s)).toEqual([0x61, 0xfffd, 0xe9, 0x1f600]);
    expect(runeCount(s)).toBe(4);
    expect(runeToString(0xd800)).toBe('\ufffd');
    expect(runeToString(0x110000)).toBe('\ufffd');
  });
  it('canonicalises bytes that were cut apart and joined again', () => {
    const e = utf8Encode('é');
    const joined = utf8Decode(e.subarray(0, 1)) + utf8Decode(e.subarray(1));
    expect(joined).not.toBe('é');
    expect(normalizeByteString(joined)).toBe('é');
    expect(byteStringsEqual(joined, 'é')).toBe(true);
    expect(byteLength(joined)).toBe(2);
  });
});

describe('random bytes', () => {
  it('decode, encode and measure losslessly for any byte sequence', () => {
    let seed = 7;
    const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const parts = [0xc3, 0xa9, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90];
    for (let i = 0; i < 5000; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(rnd() * 12) }, (_v, j) => (rnd() < 0.4 ? Math.floor(rnd() * 256) : parts[j % parts.length]));
      const s = utf8Decode(bytes);
      expect(utf8Encode(s)).toEqual(bytes);
      expect(byteLength(s)).toBe(bytes.length);
      expect(normalizeByteString(s)).toBe(s);
    }
  });
});
