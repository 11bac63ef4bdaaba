import { describe, expect, it } from 'vitest';
import { GoStruct, withType, type GoValue } from '../../src/gotemplate/value.js';
import { render } from './render.js';

// A chartutil.Values argument is converted to the map[string]interface{} parameter type: the
// dict functions return the same map, seen with the parameter's type (measured, helm 3.17.3;
// helm 4.1.4 prints common.Values for the unconverted one).
function context(): Map<string, GoValue> {
  const values = withType(new Map<string, GoValue>([['s', 'hello']]), { name: 'chartutil.Values', kind: 'map', elem: 'interface {}' });
  return new Map<string, GoValue>([['Values', values]]);
}

describe('dict functions on named map types', () => {
  it('set returns the map as map[string]interface {} and mutates .Values', () => {
    expect(render('{{ set .Values "k" "v" | typeOf }}|{{ typeOf .Values }}|{{ .Values.k }}', 'helm3', context())).toBe(
      'map[string]interface {}|chartutil.Values|v',
    );
  });
  it('merge and mergeOverwrite return their destination with the parameter type', () => {
    expect(render('{{ typeOf (mergeOverwrite .Values (dict)) }}|{{ typeOf (merge (dict) .Values) }}', 'helm3', context())).toBe(
      'map[string]interface {}|map[string]interface {}',
    );
  });
  it('the converted map is not DeepEqual to the named one, and dig accepts it', () => {
    expect(render('{{ deepEqual (unset .Values "zz") .Values }}|{{ dig "k" "d" (set .Values "k" "v") }}', 'helm3', context())).toBe('false|v');
  });
  it('dig refuses the named type itself', () => {
    expect(() => render('{{ dig "a" "d" .Values }}', 'helm3', context())).toThrow(
      'interface conversion: interface {} is chartutil.Values, not map[string]interface {}',
    );
  });
});

// mergo's type rules when a source map meets a struct in the destination (measured with
// `merge (deepCopy .) (dict "Capabilities" ...)` and helm 3's struct `.Chart`).
describe('merge into structs and typed maps', () => {
  function ctx(): Map<string, GoValue> {
    const info = { name: 'chartutil.Capabilities', kind: 'struct' };
    const caps = new GoStruct(info, new Map<string, GoValue>([['KubeVersion', 'v1']]), true);
    const chart = new GoStruct({ name: 'chart.Metadata', kind: 'struct' }, new Map<string, GoValue>([['Name', 'c']]));
    const files = withType(new Map<string, GoValue>(), { name: 'engine.files', kind: 'map', elem: '[]uint8' });
    return new Map<string, GoValue>([
      ['Capabilities', caps],
      ['Chart', chart],
      ['Files', files],
    ]);
  }
  it('merge over a struct pointer fails inside mergo: merge gives "", mustMerge the error', () => {
    expect(render('{{ merge (deepCopy .) (dict "Capabilities" (dict "x" 1)) | typeOf }}', 'helm3', ctx())).toBe('string');
    expect(() => render('{{ mustMerge (deepCopy .) (dict "Capabilities" (dict "x" 1)) }}', 'helm3', ctx())).toThrow(
      'error calling mustMerge: src and dst must be of same type',
    );
  });
  it('mergeOverwrite replaces the struct pointer with the map', () => {
    expect(render('{{ (mergeOverwrite (deepCopy .) (dict "Capabilities" (dict "x" 1))).Capabilities | typeOf }}', 'helm3', ctx())).toBe(
      'map[string]interface {}',
    );
  });
  it('a map over a struct value panics in reflect', () => {
    expect(() => render('{{ merge (deepCopy .) (dict "Chart" (dict "x" 1)) }}', 'helm3', ctx())).toThrow(
      'error calling merge: reflect: call of reflect.Value.Field on map Value',
    );
  });
  it('a map merged into a map[string][]byte cannot store interface values', () => {
    expect(() => render('{{ merge (deepCopy .) (dict "Files" (dict "x" 1)) }}', 'helm3', ctx())).toThrow(
      'error calling merge: reflect.Value.SetMapIndex: value of type interface {} is not assignable to type []uint8',
    );
  });
});
