import { describe, expect, it } from 'vitest';
import { GoInt, compareGoStrings, goTypeName, int, int64, isNilCollection, isTrue, withType, zeroValue, STRING_SLICE_TYPE } from '../../src/gotemplate/value.js';

describe('Go value model', () => {
  it('keeps int and float64 apart in type names', () => {
    expect(goTypeName(1)).toBe('float64');
    expect(goTypeName(int(1))).toBe('int');
    expect(goTypeName(int64(1))).toBe('int64');
    expect(goTypeName(null)).toBe('<nil>');
    expect(goTypeName(new Map())).toBe('map[string]interface {}');
    expect(goTypeName(withType(['a'], STRING_SLICE_TYPE))).toBe('[]string');
  });

  it('wraps integers like Go', () => {
    expect(new GoInt('int64', 2n ** 63n).value).toBe(-(2n ** 63n));
    expect(new GoInt('uint8', 256n).value).toBe(0n);
  });

  it('follows template truthiness', () => {
    expect([null, false, 0, '', [], new Map(), int(0)].map(isTrue)).toEqual(Array(7).fill(false));
    expect(['0', ' ', [null], int(-1), 0.1].map(isTrue)).toEqual(Array(5).fill(true));
  });

  it('orders strings by UTF-8 bytes, not UTF-16 units', () => {
    // U+FF61 (EF BD A1) sorts before U+1F600 (F0 9F 98 80) in UTF-8, after it in UTF-16.
    expect(compareGoStrings('\uff61', '\u{1f600}')).toBeLessThan(0);
    expect(['b', 'B', 'a', '_'].sort(compareGoStrings)).toEqual(['B', '_', 'a', 'b']);
  });

  it('gives the zero value of a Go type (nil slices and maps keep their type)', () => {
    expect([zeroValue('string'), zeroValue('bool'), zeroValue('float64')]).toEqual(['', false, 0]);
    expect(zeroValue('uint8')).toEqual(new GoInt('uint8', 0n));
    expect(zeroValue('interface {}')).toBeNull();
    expect(zeroValue('*chart.Metadata')).toBeNull();
    expect(zeroValue('[]uint8')).toEqual(new Uint8Array(0));
    const strs = zeroValue('[]string');
    expect(goTypeName(strs)).toBe('[]string');
    expect(isNilCollection(strs)).toBe(true);
    expect(goTypeName(zeroValue('map[string]string'))).toBe('map[string]string');
  });
});
