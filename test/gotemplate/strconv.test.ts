import { describe, expect, it } from 'vitest';
import { formatFloat, formatInt, parseFloat, parseInt, parseUint, atoi, quote, quoteToASCII, quoteRune, unquote, canBackquote, NumError, isPrint } from '../../src/gotemplate/strconv.js';
import { utf8Decode } from '../../src/gotemplate/bytes.js';

describe('formatFloat', () => {
  it("formats 'g' shortest with Go's exponent threshold (exp < -4 || exp >= 6 when shortest)", () => {
    // measured: {{ 1e6 }}, values-file floats
    expect(formatFloat(1e6, 'g', -1, 64)).toBe('1e+06');
    expect(formatFloat(123456, 'g', -1, 64)).toBe('123456');
    expect(formatFloat(12345678901, 'g', -1, 64)).toBe('1.2345678901e+10');
    expect(formatFloat(0.0001, 'g', -1, 64)).toBe('0.0001');
    expect(formatFloat(0.00001, 'g', -1, 64)).toBe('1e-05');
    expect(formatFloat(1e21, 'g', -1, 64)).toBe('1e+21');
    expect(formatFloat(1e100, 'g', -1, 64)).toBe('1e+100');
    expect(formatFloat(0, 'g', -1, 64)).toBe('0');
    expect(formatFloat(-0, 'g', -1, 64)).toBe('-0');
  });
  it('rounds fixed precisions half to even on the exact binary value', () => {
    expect([0.5, 1.5, 2.5].map((x) => formatFloat(x, 'f', 0, 64))).toEqual(['0', '2', '2']);
    expect(formatFloat(0.25, 'f', 1, 64)).toBe('0.2');
    expect(formatFloat(0.35, 'f', 1, 64)).toBe('0.3'); // 0.35 is below the half in binary
    expect(formatFloat(1234.5678, 'e', 3, 64)).toBe('1.235e+03');
    expect(formatFloat(1234.5678, 'g', 3, 64)).toBe('1.23e+03');
    expect(formatFloat(100, 'g', 2, 64)).toBe('1e+02');
    expect(formatFloat(1, 'g', 5, 64)).toBe('1');
    expect(formatFloat(0.001, 'f', 1, 64)).toBe('0.0');
    expect(formatFloat(5e-324, 'e', -1, 64)).toBe('5e-324');
    expect(formatFloat(1.7976931348623157e308, 'f', 0, 64)).toMatch(/^17976931348623157\d{292}$/);
  });
  it("formats 'b', 'x', 'X', NaN and infinities", () => {
    expect(formatFloat(1, 'b', -1, 64)).toBe('4503599627370496p-52');
    expect(formatFloat(1, 'x', -1, 64)).toBe('0x1p+00');
    expect(formatFloat(2.5, 'x', -1, 64)).toBe('0x1.4p+01');
    expect(formatFloat(1, 'X', -1, 64)).toBe('0X1P+00');
    expect(formatFloat(1, 'x', 3, 64)).toBe('0x1.000p+00');
    expect(formatFloat(NaN, 'g', -1, 64)).toBe('NaN');
    expect(formatFloat(Infinity, 'f', 2, 64)).toBe('+Inf');
    expect(formatFloat(-Infinity, 'e', -1, 64)).toBe('-Inf');
  });
  it('uses float32 shortest digits for bitSize 32', () => {
    expect(formatFloat(0.1, 'g', -1, 32)).toBe('0.1');
    expect(formatFloat(16777217, 'g', -1, 32)).toBe('1.6777216e+07');
  });
});

describe('formatInt', () => {
  it('formats in any base, lower case', () => {
    expect(formatInt(-255n, 16)).toBe('-ff');
    expect(formatInt(5, 2)).toBe('101');
  });
});

describe('parsers (measured through Sprig float64/int64, which return 0 on error)', () => {
  it('ParseFloat accepts Go float syntax', () => {
    const ok: [string, number][] = [
      ['1_000', 1000],
      ['0x1p-2', 0.25],
      ['0x1.8p1', 3],
      ['inf', Infinity],
      ['+Inf', Infinity],
      ['.5', 0.5],
      ['5.', 5],
      ['0x_1p0', 1],
      ['1_000.5', 1000.5],
      ['1.5e1_0', 1.5e10],
      ['Infinity', Infinity],
      ['-infinity', -Infinity],
      ['1e-400', 0],
      ['0X1P+2', 4],
      ['0x.8p1', 1],
      ['0x1.p0', 1],
      ['0x1_0p0', 16],
      ['017', 17],
      ['+.5e-1', 0.05],
      ['0x1P-1074', 5e-324],
      ['0x1p-1075', 0],
      ['0x1.8p-1074', 1e-323],
      ['2.4703282292062328e-324', 5e-324],
      ['2.4703282292062327e-324', 0],
    ];
    for (const [s, want] of ok) expect(parseFloat(s), s).toBe(want);
    expect(parseFloat('nan')).toBeNaN();
    expect(parseFloat('NaN')).toBeNaN();
  });
  it('ParseFloat rejects what Go rejects', () => {
    for (const s of ['1__0', '_1', '1_', '0x10', '-nan', '1e', '.', '1e+', 'infinit', ' 1', '0xp1', '0b101', '0o17', '']) {
      expect(() => parseFloat(s), s).toThrow(NumError);
    }
    expect(() => parseFloat('x')).toThrow('strconv.ParseFloat: parsing "x": invalid syntax');
    expect(() => parseFloat('1e400')).toThrow('strconv.ParseFloat: parsing "1e400": value out of range');
    expect(() => parseFloat('0x1p1024')).toThrow(/value out of range/);
  });
  it('ParseInt with base 0 reads prefixes and underscores', () => {
    const ok: [string, bigint][] = [
      ['1_000', 1000n],
      ['0x1F', 31n],
      ['0x_1F', 31n],
      ['0b101', 5n],
      ['0o17', 15n],
      ['017', 15n],
      ['-0x10', -16n],
      ['+5', 5n],
      ['0_17', 15n],
      ['0', 0n],
      ['-0', 0n],
      ['9223372036854775807', 9223372036854775807n],
      ['-9223372036854775808', -9223372036854775808n],
      ['00', 0n],
      ['0X1f', 31n],
      ['0B1', 1n],
      ['0O7', 7n],
    ];
    for (const [s, want] of ok) expect(parseInt(s, 0, 64), s).toBe(want);
    for (const s of ['08', '1__0', '0x', '0b', '0o', '1.0', '1_', '']) expect(() => parseInt(s, 0, 64), s).toThrow(NumError);
    expect(() => parseInt('9223372036854775808', 0, 64)).toThrow('strconv.ParseInt: parsing "9223372036854775808": value out of range');
    expect(() => parseInt('1_000', 10, 64)).toThrow('invalid syntax');
    expect(() => atoi('12a')).toThrow('strconv.Atoi: parsing "12a": invalid syntax');
    expect(parseUint('18446744073709551615', 10, 64)).toBe(18446744073709551615n);
    expect(() => parseUint('-1', 10, 64)).toThrow('strconv.ParseUint: parsing "-1": invalid syntax');
  });
});

describe('quote', () => {
  it('escapes like strconv.Quote: printable non-ASCII kept, others \\u, invalid bytes \\x', () => {
    expect(quote('héllo\n\x01')).toBe('"héllo\\n\\x01"');
    expect(quote('a"b\\')).toBe('"a\\"b\\\\"');
    expect(quote('\x07\b\f\r\t\v\x7f')).toBe('"\\a\\b\\f\\r\\t\\v\\x7f"');
    expect(quote('\u00a0\u2028\ufeff\ue000😀\u{1f8b0}\u{2ebf0}')).toBe('"\\u00a0\\u2028\\ufeff\\ue000😀\u{1f8b0}\\U0002ebf0"');
    expect(quote(utf8Decode(new Uint8Array([0x61, 0xc3])))).toBe('"a\\xc3"');
    expect(quoteToASCII('héllo😀')).toBe('"h\\u00e9llo\\U0001f600"');
    expect(quoteRune(0x78)).toBe("'x'");
    expect(quoteRune(0x27)).toBe("'\\''");
    expect(quoteRune(0xd800)).toBe("'�'");
    expect(canBackquote('a`b')).toBe(false);
    expect(canBackquote('a\tb')).toBe(true);
  });
  it("knows Go's Unicode 15.0 printable set, not the JS engine's newer one", () => {
    expect(isPrint(0xe9)).toBe(true);
    expect(isPrint(0xad)).toBe(false);
    expect(isPrint(0x2ebf0)).toBe(false); // CJK Extension I, Unicode 15.1
    expect(isPrint(0x1c89)).toBe(false); // Unicode 16
    expect(isPrint(0x1faf8)).toBe(true); // Unicode 15.0 emoji
  });
});

describe('unquote', () => {
  it('reads Go string and char literals', () => {
    expect(unquote('"a\\tb\\u00e9\\x41"')).toBe('a\tbéA');
    expect(unquote('`a\\n`')).toBe('a\\n');
    expect(unquote("'x'")).toBe('x');
    expect(unquote('"\\xc3\\xa9"')).toBe('é');
    expect(unquote('"\\xc3"')).toBe(utf8Decode(new Uint8Array([0xc3])));
    expect(() => unquote('"\\q"')).toThrow('invalid syntax');
    expect(() => unquote("'ab'")).toThrow('invalid syntax');
  });
});

describe('unquote of invalid UTF-8 (measured: printf "%q" of literals holding a raw 0xff byte)', () => {
  const ff = utf8Decode(new Uint8Array([0xff]));
  it('turns raw invalid bytes in "..." into U+FFFD, keeps them in raw strings and \\x escapes', () => {
    expect(unquote(`"a${ff}b"`)).toBe('a\ufffdb');
    expect(unquote(`"a${ff}\\tb"`)).toBe('a\ufffd\tb');
    expect(unquote(`\`a${ff}b\``)).toBe(`a${ff}b`);
    expect(unquote('"\\xff"')).toBe(ff);
  });
});
