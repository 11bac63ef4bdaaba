import { describe, expect, it } from 'vitest';
import { GoInt, GoStruct, goTypeName, methodsOf, type GoValue } from '../../src/gotemplate/value.js';
import { semverFuncs, semverFuncsFor } from '../../src/sprig/semver.js';
import { caller, errOf } from './call.js';

const h3 = caller(semverFuncsFor('helm3'));
const h4 = caller(semverFuncsFor('helm4'));
const method = (v: GoValue, name: string, ...args: GoValue[]): GoValue => {
  const m = methodsOf(v)?.get(name);
  if (!m) throw new Error(`no method ${name} on ${goTypeName(v)}`);
  return m.fn(v, ...args);
};
const str = (v: GoValue): string => method(v, 'String') as string;

// Measured with helm 3.17.3 (semver v3.3.0) and helm 4.1.4 (semver v3.4.0).
describe('semver', () => {
  it('exports the helm3 forms by default', () => {
    expect(semverFuncs).toBe(semverFuncsFor('helm3'));
  });
  it('parses loosely and prints the normalised form', () => {
    expect(['1.2.3', 'v1.2', '1', '1.2.3-rc.1+b.5', '01.2.3', '1.02.3', '1.2.3-0a', '1.2.3-00a'].map((s) => str(h3('semver', s)))).toEqual(
      ['1.2.3', '1.2.0', '1.0.0', '1.2.3-rc.1+b.5', '1.2.3', '1.2.3', '1.2.3-0a', '1.2.3-00a'],
    );
    expect(['1.2.3-0.0', '1.2.3+01', '1.2.3-a-b', 'v01.02', '1.2.3-x.0'].map((s) => str(h4('semver', s)))).toEqual([
      '1.2.3-0.0', '1.2.3+01', '1.2.3-a-b', '1.2.0', '1.2.3-x.0',
    ]);
  });
  it('is a *semver.Version with uint64 parts', () => {
    const v = h3('semver', 'v1.2.3-beta.1+meta');
    expect(goTypeName(v)).toBe('*semver.Version');
    expect(v).toBeInstanceOf(GoStruct);
    expect(String((method(v, 'Major') as GoInt).value)).toBe('1');
    expect(goTypeName(method(v, 'Major'))).toBe('uint64');
    expect(String((method(v, 'Patch') as GoInt).value)).toBe('3');
    expect(method(v, 'Prerelease')).toBe('beta.1');
    expect(method(v, 'Metadata')).toBe('meta');
    expect(method(v, 'Original')).toBe('v1.2.3-beta.1+meta');
    expect(str(v)).toBe('1.2.3-beta.1+meta');
  });
  it('methods', () => {
    const v = h3('semver', '1.2.3-rc.1');
    const inc = method(v, 'IncMinor');
    expect(goTypeName(inc)).toBe('semver.Version');
    expect(str(inc)).toBe('1.3.0');
    expect(methodsOf(inc)?.has('Original')).toBe(false);
    expect(str(method(v, 'IncPatch'))).toBe('1.2.3');
    expect(str(method(v, 'IncMajor'))).toBe('2.0.0');
    expect(str(method(h3('semver', '1.2.3'), 'IncPatch'))).toBe('1.2.4');
    expect(String((method(v, 'Compare', h3('semver', '1.2.3')) as GoInt).value)).toBe('-1');
    expect(method(v, 'LessThan', h3('semver', '1.2.3'))).toBe(true);
    expect(method(v, 'GreaterThan', h3('semver', '1.2.3'))).toBe(false);
    expect(method(v, 'Equal', h3('semver', 'v1.2.3-rc.1+x'))).toBe(true);
    const w = h3('semver', '1.2.3');
    expect(method(w, 'LessThanEqual', h3('semver', '1.2.3'))).toBe(true);
    expect(method(w, 'GreaterThanEqual', h3('semver', '1.2.3'))).toBe(true);
    expect(str(method(w, 'SetPrerelease', 'x'))).toBe('1.2.3-x');
    expect(str(method(w, 'SetMetadata', 'm'))).toBe('1.2.3+m');
    expect(str(method(w, 'SetPrerelease', '0x..'))).toBe('1.2.3-0x..');
    expect(errOf(() => method(h4('semver', '1.2.3'), 'SetPrerelease', '0x..'))).toBe('invalid prerelease string');
    expect([...(method(h3('semver', 'v1.2.3'), 'MarshalJSON') as Uint8Array)]).toEqual([34, 49, 46, 50, 46, 51, 34]);
    expect([...(method(h3('semver', 'v1.2.3'), 'MarshalText') as Uint8Array)]).toEqual([49, 46, 50, 46, 51]);
    expect(method(h3('semver', 'v1.2.3'), 'Value')).toBe('1.2.3');
  });
  it.each([
    ['1.2.3.4', 'Invalid Semantic Version', 'invalid semantic version'],
    ['', 'Invalid Semantic Version', 'invalid semantic version'],
    ['1.2.3-a..b', 'Invalid Semantic Version', 'invalid semantic version'],
    ['1.2.3+a..b', 'Invalid Semantic Version', 'invalid semantic version'],
    ['V1.2.3', 'Invalid Semantic Version', 'invalid semantic version'],
    [' 1.2.3', 'Invalid Semantic Version', 'invalid semantic version'],
    ['1.2.3-', 'Invalid Semantic Version', 'invalid semantic version'],
    ['1.2.3-a+b+c', 'Invalid Semantic Version', 'invalid semantic version'],
    ['1.2.3-01', 'Version segment starts with 0', 'version segment starts with 0'],
    ['1.2.3-1.00', 'Version segment starts with 0', 'version segment starts with 0'],
    [
      '99999999999999999999',
      'Error parsing version segment: strconv.ParseUint: parsing "99999999999999999999": value out of range',
      'error parsing version segment: strconv.ParseUint: parsing "99999999999999999999": value out of range',
    ],
  ])('semver %j fails', (v, m3, m4) => {
    expect(errOf(() => h3('semver', v))).toBe(m3);
    expect(errOf(() => h4('semver', v))).toBe(m4);
  });
});

describe('semverCompare', () => {
  const both = (c: string, v: string): boolean => {
    const a = h3('semverCompare', c, v);
    expect(h4('semverCompare', c, v)).toBe(a);
    return a as boolean;
  };
  it.each([
    ['>=1.21-0', 'v1.22.3-gke.1', true],
    ['>=1.21', '1.21.0-rc1', false],
    ['~1.2', '1.2.9', true],
    ['~1.2', '1.3.0', false],
    ['^1.2', '1.9.0', true],
    ['^1.2', '2.0.0', false],
    ['>=1.0, <2.0', '1.5', true],
    ['>=1.0 <2.0', '2.0', false],
    ['<1.0 || >=3', '3.1', true],
    ['1.x', '1.9.9', true],
    ['1.2.*', '1.2.99', true],
    ['*', '0.0.1', true],
    ['1 - 2', '2.5', true],
    ['1 - 2', '3.0', false],
    ['!=1.2.3', '1.2.3', false],
    ['=1.2.3', 'v1.2.3', true],
    ['1.2.3', '1.2.3+x', true],
    ['>1.2.3-alpha', '1.2.3-beta', true],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.0.3', '0.0.4', false],
    ['~>1.2.3', '1.2.9', true],
    ['>= 1.2.3', '1.2.3', true],
    ['=>1.2', '1.2', true],
    ['=<1.2', '1.2', true],
    ['<=1.2.x', '1.2.5', true],
    ['>1.2.x', '1.3.0', true],
    ['<1.2.x', '1.1.9', true],
    ['<1.x', '1.5.0', false],
    ['>=1.21.0-0', '1.21.0-rc.1', true],
    ['<1.21.0-0', '1.20.9-rc.1', true],
    ['^1.2.0-0', '1.5.0-beta', true],
    ['~1.2.0-alpha', '1.2.0-beta', true],
    ['>=1.0 || <2.0-0', '1.5.0-beta', true],
    ['<2.0-0 || >=1.0', '1.5.0-beta', true],
    ['1.2 , 1.3', '1.2', false],
    ['x.2.3', '5.0.0', true],
    ['1.x.3', '1.5.0', true],
    ['*.*.*', '1.5.0', true],
    ['~0.0.0', '1.5.0', true],
    ['^0.2', '0.2.5', true],
    ['^0', '0.9.0', true],
    ['^0.0', '0.0.9', true],
    ['^0.0', '0.1.0', false],
    ['!=1.x', '1.5.0', false],
    ['!=1.2.x', '1.3.0', true],
    ['>11', '11.1.0', false],
    ['>11.1', '11.1.5', false],
    ['>11.1', '11.2.0', true],
    ['<=1.2', '1.2.9', true],
    ['<=1', '1.9.9', true],
    ['1.2.3-beta', '1.2.3-beta', true],
    ['>1.2.3-beta.2', '1.2.3-beta.11', true],
    ['>1.2.3-beta.a', '1.2.3-beta.11', false],
    ['>1.2.3-beta', '1.2.3-beta.1', true],
    ['~1.2.3-0', '1.2.4-x', true],
    ['^1-0', '1.0.0-x', true],
    ['1 - 2>1', '1.5', false],
    ['1 - 2 || 1 - 2', '2.5', true],
    ['~1', '1.9.0', true],
    ['~1.2.3', '1.3.0', false],
    ['~1.2.3', '1.2.2', false],
    ['>=1.2.3-alpha', '1.2.3', true],
    ['<1.2.3-alpha', '1.2.3-a', true],
    ['!=1.2.3-alpha', '1.2.3-beta', true],
    ['!=1.2.x-alpha', '1.2.5-alpha', false],
    ['=1.2.x-alpha', '1.2.5-beta', true],
    ['<=1.2.x-alpha', '1.2.5-beta', true],
    ['>1.2.x-alpha', '1.3.0-beta', true],
    ['>=1.0,<2.0', '1.5', true],
    ['>=1.0,   <2.0', '1.5', true],
    ['\t>=1.0', '1.5', true],
    ['>=1.0 \t', '1.5', true],
    ['>1.0 <2.0 >=1.5', '1.6', true],
    ['>=1.0 ,<2.0', '1.5', true],
    ['>=1.0, <2.0', '1.5-0', false],
    ['^1.2.3', '1.2.3-pre', false],
    ['>=v1.2', '1.2', true],
    ['=1.2.3', '1.2.3-0', false],
    ['1.2.3 - 1.3', '1.3.9', true],
    ['1.2 - 1.3.x', '1.3.9', true],
    ['<=1.3.x', '1.3.9', true],
    ['<=1.x', '1.3.9', true],
    ['<1.3.x', '1.3.0', false],
    ['1.2.3-0a', '1.2.3-0a', true],
    ['=1.2.3+b', '1.2.3+c', true],
    ['x-0', '0.0.1-a', true],
  ])('%j %j → %s', (c, v, want) => {
    expect(both(c, v)).toBe(want);
  });
  it('a pre-release in one constraint opens the whole AND group only in helm4', () => {
    expect(h3('semverCompare', '>=1.0, <2.0-0', '1.5.0-beta')).toBe(false);
    expect(h4('semverCompare', '>=1.0, <2.0-0', '1.5.0-beta')).toBe(true);
  });
  it.each([
    ['foo', '1.2.3', 'improper constraint: foo'],
    ['', '1.2.3', 'improper constraint: '],
    ['1.2.3 ||', '1.2.3', 'improper constraint: '],
    [' || 1.2', '1.2', 'improper constraint:  '],
    ['1.2,,1.3', '1.2', 'improper constraint: 1.2,,1.3'],
    ['1.0.0 -2.0.0', '1.5', 'improper constraint: 1.0.0 -2.0.0'],
    ['1.0.0- 2.0.0', '1.5', 'improper constraint: 1.0.0- 2.0.0'],
    ['> = 1.2', '1.2', 'improper constraint: > = 1.2'],
    ['==1.2.3', '1.2.3', 'improper constraint: ==1.2.3'],
    ['>=', '1.2.3', 'improper constraint: >='],
    ['V1.2.3', '1.2.3', 'improper constraint: V1.2.3'],
    ['1.2.3.4', '1.2.3', 'improper constraint: 1.2.3.4'],
  ])('constraint %j fails the same in both', (c, v, msg) => {
    expect(errOf(() => h3('semverCompare', c, v))).toBe(msg);
    expect(errOf(() => h4('semverCompare', c, v))).toBe(msg);
  });
  it.each([
    ['1|2', '1.2'],
    ['18446744073709551616.0.0', '1.2'],
    ['1.2.3-01', '1.2.3'],
    ['>1.2.3-01', '1.2.4'],
  ])('constraint %j has a bad version', (c, v) => {
    expect(errOf(() => h3('semverCompare', c, v))).toBe('constraint Parser Error');
    expect(errOf(() => h4('semverCompare', c, v))).toBe('constraint parser error');
  });
  it('an invalid version fails after the constraint parsed', () => {
    expect(errOf(() => h3('semverCompare', '>=1.2', 'foo'))).toBe('Invalid Semantic Version');
    expect(errOf(() => h4('semverCompare', '>=1.2', 'foo'))).toBe('invalid semantic version');
  });
});

describe('semverCompare differences found by fuzzing', () => {
  it('helm3 lets != match a pre-release against an exact version', () => {
    expect(h3('semverCompare', '!=1.0.10', '3-beta.2')).toBe(true);
    expect(h4('semverCompare', '!=1.0.10', '3-beta.2')).toBe(false);
  });
});
