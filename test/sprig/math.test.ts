import { describe, expect, it } from 'vitest';
import { GoInt, goTypeName, int, int64, type GoValue } from '../../src/gotemplate/value.js';
import { mathFuncs } from '../../src/sprig/math.js';
import { caller, panicOf } from './call.js';

const call = caller(mathFuncs);
/** The int64 result as a decimal string (Go prints it with %v). */
const i = (name: string, ...args: GoValue[]): string => {
  const r = call(name, ...args);
  expect(r).toBeInstanceOf(GoInt);
  expect(goTypeName(r)).toBe('int64');
  return String((r as GoInt).value);
};
const f = (name: string, ...args: GoValue[]): number => {
  const r = call(name, ...args);
  expect(typeof r).toBe('number');
  return r as number;
};

// Expected values measured with helm 3.17.3 and helm 4.1.4 (identical). Template literals reach
// interface{} parameters as int (1) or float64 (2.9).
describe('int64 arithmetic with cast conversions', () => {
  it('truncates floats and converts strings like spf13/cast', () => {
    expect(i('add', int(1), 2.9)).toBe('3');
    expect(i('add')).toBe('0');
    expect(i('add', int(1))).toBe('1');
    expect(i('add', '3', '0x10', '1.0', '08', '1.', null, true)).toBe('21');
    expect(i('div', 7.9, int(2))).toBe('3');
    expect(i('add1', 'x')).toBe('1');
    expect(i('add1', 2.5)).toBe('3');
    expect(i('add', int(1), '12')).toBe('13');
    expect(i('add1', int64(5))).toBe('6');
    expect(i('add', 1.9, -1.9)).toBe('0');
    expect(i('add1', -0.5)).toBe('1');
    expect(i('add1', [int(1)])).toBe('1');
    expect(i('add1', new Map())).toBe('1');
  });
  it('string forms', () => {
    const add1 = (s: string): string => i('add1', s);
    expect(['1_000', '0b101', '0o17', '017', ' 1', '+5', '-0x10', '1e3', '1.50', '1.00'].map(add1)).toEqual([
      '1001', '6', '16', '16', '1', '6', '-15', '1', '1', '2',
    ]);
    expect(i('add', '9223372036854775808', int(0))).toBe('0');
    expect(i('add', '-9223372036854775808', int(0))).toBe('-9223372036854775808');
  });
  it('floats out of int64 range and NaN become MinInt64', () => {
    expect(i('add1', 1e20)).toBe('-9223372036854775807');
    expect(i('add1', NaN)).toBe('-9223372036854775807');
    expect(i('add1', -Infinity)).toBe('-9223372036854775807');
    expect(i('add1', -9.9e18)).toBe('-9223372036854775807');
  });
  it('sub, mul, truncating mod, wrap-around', () => {
    expect(i('mod', int(-7), int(3))).toBe('-1');
    expect(i('mod', int(7), int(-3))).toBe('1');
    expect(i('sub', int(1), int(5))).toBe('-4');
    expect(i('mul', int(2), int(3), int(4))).toBe('24');
    expect(i('mul', int(5))).toBe('5');
    expect(i('add', int(9223372036854775807n), int(1))).toBe('-9223372036854775808');
    expect(i('div', int(-9223372036854775808n), int(-1))).toBe('-9223372036854775808');
    expect(i('mod', int(-9223372036854775808n), int(-1))).toBe('0');
  });
  it('division by zero is a runtime panic', () => {
    expect(panicOf(() => call('div', int(7), int(0)))).toBe('runtime error: integer divide by zero');
    expect(panicOf(() => call('mod', int(7), int(0)))).toBe('runtime error: integer divide by zero');
    expect(panicOf(() => call('div', int(1), 0.5))).toBe('runtime error: integer divide by zero');
  });
  it('max, min, biggest', () => {
    expect(i('max', int(1), 5.9, int(3))).toBe('5');
    expect(i('min', int(3), -1.5, int(2))).toBe('-1');
    expect(i('biggest', int(1), int(2))).toBe('2');
    expect(i('max', int(3))).toBe('3');
    expect(i('max', -7, int(0))).toBe('0');
  });
});

describe('float64 functions', () => {
  it('maxf, minf via math.Max/Min', () => {
    expect(f('maxf', int(1), 5.9, int(3))).toBe(5.9);
    expect(f('minf', int(3), -1.5, int(2))).toBe(-1.5);
    expect(f('maxf', 'a', int(2))).toBe(2);
    expect(f('maxf', '1e3', '0x10', 'inf')).toBe(Infinity);
    expect(f('minf', '-Inf', int(1))).toBe(-Infinity);
    expect(f('maxf', 'NaN', int(1))).toBeNaN();
    expect(f('maxf', '1_0', int(0))).toBe(10);
    expect(f('maxf', '-nan', int(0))).toBe(0);
  });
  it('decimal arithmetic', () => {
    expect(f('addf', int(1), int(2))).toBe(3);
    expect(f('addf', 0.1, 0.2)).toBe(0.3);
    expect(f('subf', int(1), 0.9)).toBe(0.1);
    expect(f('mulf', 1.1, int(3))).toBe(3.3);
    expect(f('divf', int(1), int(3))).toBe(0.3333333333333333);
    expect(f('divf', int(2), int(3))).toBe(0.6666666666666667);
    expect(f('divf', int(10), int(4))).toBe(2.5);
    expect(f('divf', int(1), int(7))).toBe(0.1428571428571429);
    expect(f('divf', int(-1), int(3))).toBe(-0.3333333333333333);
    expect(f('divf', int(5), int(2), int(2))).toBe(1.25);
    expect(f('divf', int(1), 3e-17)).toBe(33333333333333332);
    expect(f('add1f', 1.5)).toBe(2.5);
    expect(f('addf')).toBe(0);
    expect(f('subf', int(5))).toBe(5);
    expect(f('subf', int(1), int(2), int(3))).toBe(-4);
    expect(f('mulf', 1e200, 1e200)).toBe(Infinity);
    expect(f('addf', 1e300, 1e300)).toBe(2e300);
    expect(f('mulf', 0.1, 0.1)).toBe(0.01);
    expect(f('mulf', 1e-200, 1e-200)).toBe(0);
    expect(f('divf', 1e-300, 1e300)).toBe(0);
    expect(f('add1f', 'x')).toBe(1);
    expect(f('addf', '1_0', int(1))).toBe(11);
    expect(f('addf', '0x1p-2', int(1))).toBe(1.25);
    expect(f('addf', true, int(1))).toBe(2);
    expect(Object.is(f('mulf', int(-1), int(0)), 0)).toBe(true);
  });
  it('decimal panics', () => {
    expect(panicOf(() => call('divf', int(1), int(0)))).toBe('decimal division by 0');
    expect(panicOf(() => call('divf', int(2), int(3), int(0)))).toBe('decimal division by 0');
    expect(panicOf(() => call('add1f', 'inf'))).toBe('Cannot create a Decimal from +Inf');
    expect(panicOf(() => call('addf', int(1), 'NaN'))).toBe('Cannot create a Decimal from NaN');
  });
  it('ceil, floor', () => {
    expect(f('ceil', 1.2)).toBe(2);
    expect(f('floor', -1.2)).toBe(-2);
    expect(f('ceil', '2.5')).toBe(3);
    expect(f('floor', int(3))).toBe(3);
    expect(Object.is(f('ceil', -0.5), -0)).toBe(true);
    expect(f('ceil', 'abc')).toBe(0);
  });
  it('round: ceil when the fraction is >= .5, else floor (so negatives go down)', () => {
    const r = (v: GoValue, p: number, ...on: number[]): number => f('round', v, int(p), ...on);
    expect(r(2.5, 0)).toBe(3);
    expect(r(-2.5, 0)).toBe(-3);
    expect(r(-2.4, 0)).toBe(-3);
    expect(r(-0.4, 0)).toBe(-1);
    expect(r(1.2345, 2)).toBe(1.23);
    expect(r(1.235, 2)).toBe(1.24);
    expect(r(123.456, -1)).toBe(120);
    expect(r(1.5, 0, 0.6)).toBe(1);
    expect(r(2.45, 1)).toBe(2.5);
    expect(r(1.005, 2)).toBe(1);
    expect(r(2.675, 2)).toBe(2.68);
    expect(r(1e-7, 8)).toBe(1e-7);
    expect(r(int(3), 30)).toBe(3.0000000000000004);
    expect(r(0.1, -1)).toBe(0);
    expect(r(0.12345678901234567, 25)).toBe(0.12345678901234568);
    expect(r(1e300, 2)).toBe(1e300);
    expect(r(5e-324, 0)).toBe(0);
    expect(r(0.5, 400)).toBeNaN();
    expect(r(int(12345), -400)).toBeNaN();
    expect(f('round', int(1), int(2), 3, 4)).toBe(1);
  });
});
