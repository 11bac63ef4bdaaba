// Go's nil slices and maps in the value model: empty arrays/Maps marked with nilCollection.
import { describe, expect, it } from 'vitest';
import {
  MAP_TYPE,
  STRING_MAP_TYPE,
  STRING_SLICE_TYPE,
  asType,
  goTypeName,
  isNilCollection,
  isTrue,
  nilCollection,
  withType,
  type GoFuncSpec,
  type GoValue,
} from '../../src/gotemplate/value.js';
import { nilCollection as yamlNilCollection, isNilCollection as yamlIsNilCollection } from '../../src/yaml/jsontree.js';
import { sprintf } from '../../src/gotemplate/fmt.js';
import { run } from './helpers.js';

describe('nilCollection', () => {
  it('marks an empty array or Map as nil while it stays empty', () => {
    const s = nilCollection<GoValue[]>([]);
    const m = nilCollection(new Map<string, GoValue>());
    expect(isNilCollection(s)).toBe(true);
    expect(isNilCollection(m)).toBe(true);
    expect(isNilCollection([])).toBe(false);
    expect(isNilCollection(new Map())).toBe(false);
    expect(isNilCollection(null)).toBe(false);
    s.push(1);
    expect(isNilCollection(s)).toBe(false);
  });

  it('keeps the Go type of a tagged collection', () => {
    const s = nilCollection(withType<GoValue[]>([], STRING_SLICE_TYPE));
    expect(goTypeName(s)).toBe('[]string');
    expect(isNilCollection(s)).toBe(true);
  });

  it('survives asType (a nil named map converted to map[string]interface {} is still nil)', () => {
    const named = nilCollection(withType(new Map<string, GoValue>(), STRING_MAP_TYPE));
    expect(isNilCollection(asType(named, MAP_TYPE))).toBe(true);
  });

  it('behaves as empty for truth and %v, shows nil with %#v', () => {
    expect(isTrue(nilCollection<GoValue[]>([]))).toBe(false);
    expect(sprintf('%v %v', nilCollection<GoValue[]>([]), nilCollection(new Map<string, GoValue>()))).toBe('[] map[]');
    expect(sprintf('%#v %#v', nilCollection<GoValue[]>([]), nilCollection(new Map<string, GoValue>()))).toBe(
      '[]interface {}(nil) map[string]interface {}(nil)',
    );
    expect(sprintf('%#v', [])).toBe('[]interface {}{}');
  });

  it('is the same function as the one src/yaml/jsontree.ts exports', () => {
    expect(yamlNilCollection).toBe(nilCollection);
    expect(yamlIsNilCollection).toBe(isNilCollection);
  });
});

describe('nil arguments for slice and map parameters', () => {
  const seen: GoValue[] = [];
  const spy = (name: string, type: string): GoFuncSpec => ({
    name,
    params: [type],
    results: ['string'],
    fn: (v) => {
      seen.push(v);
      return goTypeName(v) + ' ' + String(isNilCollection(v));
    },
  });
  const funcs = [spy('m', 'map[string]interface {}'), spy('sm', 'map[string]string'), spy('s', '[]interface {}'), spy('ss', '[]string')];

  it.each([
    ['{{ m nil }}', 'map[string]interface {} true'],
    ['{{ sm nil }}', 'map[string]string true'],
    ['{{ s nil }}', '[]interface {} true'],
    ['{{ ss nil }}', '[]string true'],
    ['{{ m (dict) }}', 'map[string]interface {} false'],
  ])('%s passes a nil collection', (t, want) => {
    const dict: GoFuncSpec = { name: 'dict', params: [], results: ['map[string]interface {}'], fn: () => new Map() };
    expect(run(t, {}, { funcs: [...funcs, dict] })).toBe(want);
  });

  it('gives a fresh nil map to every call', () => {
    seen.length = 0;
    run('{{ m nil }}{{ m nil }}', {}, { funcs });
    expect(seen[0]).not.toBe(seen[1]);
  });
});
