import { describe, expect, it } from 'vitest';
import { parseFlags, readCsvRecord, type FlagSpec } from '../../src/cli/helm-flags.js';

const SPECS: FlagSpec[] = [
  { long: 'values', short: 'f', kind: 'stringSlice' },
  { long: 'set', kind: 'stringArray' },
  { long: 'namespace', short: 'n', kind: 'string' },
  { long: 'debug', kind: 'bool' },
  { long: 'generate-name', short: 'g', kind: 'bool' },
];

function ok(argv: string[]) {
  const r = parseFlags(argv, SPECS);
  if (!r.ok) throw new Error(r.error);
  return r.flags;
}
function err(argv: string[]): string {
  const r = parseFlags(argv, SPECS);
  if (r.ok) throw new Error('parsed');
  return r.error;
}

describe('helm flag parsing (pflag rules)', () => {
  it('mixes flags and positionals, in every value form', () => {
    const f = ok(['-n', 'a', 'rel', '--set', 'x=1,y=2', './c', '--namespace=b', '-nc', '-f', 'v1.yaml,v2.yaml', '--values', 'v3.yaml', '-f=v4.yaml']);
    expect(f.args).toEqual(['rel', './c']);
    expect(f.strings.get('namespace')).toBe('c');
    expect(f.lists.get('set')).toEqual(['x=1,y=2']);
    expect(f.lists.get('values')).toEqual(['v1.yaml', 'v2.yaml', 'v3.yaml', 'v4.yaml']);
  });
  it('reads booleans, grouped shorthands and --', () => {
    const f = ok(['--debug=false', '-gn', 'x', '--', '--set', '-n']);
    expect(f.bools.get('debug')).toBe(false);
    expect(f.bools.get('generate-name')).toBe(true);
    expect(f.strings.get('namespace')).toBe('x');
    expect(f.args).toEqual(['--set', '-n']);
  });
  it('takes the next argument as a value even when it looks like a flag, and keeps - positional', () => {
    expect(ok(['--set', '--debug', '-']).lists.get('set')).toEqual(['--debug']);
    expect(ok(['-']).args).toEqual(['-']);
  });
  it("gives pflag's messages", () => {
    expect(err(['--bogus'])).toBe('unknown flag: --bogus');
    expect(err(['--bogus=1'])).toBe('unknown flag: --bogus');
    expect(err(['-x'])).toBe("unknown shorthand flag: 'x' in -x");
    expect(err(['-gx'])).toBe("unknown shorthand flag: 'x' in -gx");
    expect(err(['--set'])).toBe('flag needs an argument: --set');
    expect(err(['-f'])).toBe("flag needs an argument: 'f' in -f");
    expect(err(['---x'])).toBe('bad flag syntax: ---x');
    expect(err(['--debug=maybe'])).toBe('invalid argument "maybe" for "--debug" flag: strconv.ParseBool: parsing "maybe": invalid syntax');
    expect(err(['-f', '"a'])).toBe('invalid argument "\\"a" for "-f, --values" flag: parse error on line 1, column 3: extraneous or missing " in quoted-field');
  });
});

describe('CSV records (stringSlice values)', () => {
  it('splits on commas and honours quotes', () => {
    expect(readCsvRecord('')).toEqual({ ok: true, fields: [] });
    expect(readCsvRecord('a,b')).toEqual({ ok: true, fields: ['a', 'b'] });
    expect(readCsvRecord('"a,b",c')).toEqual({ ok: true, fields: ['a,b', 'c'] });
    expect(readCsvRecord('"a""b"')).toEqual({ ok: true, fields: ['a"b'] });
    expect(readCsvRecord('a,')).toEqual({ ok: true, fields: ['a', ''] });
    expect(readCsvRecord('x,"a"b"')).toEqual({ ok: false, error: 'parse error on line 1, column 5: extraneous or missing " in quoted-field' });
    expect(readCsvRecord('a"b')).toEqual({ ok: false, error: 'parse error on line 1, column 2: bare " in non-quoted-field' });
  });
});
