import { describe, expect, it } from 'vitest';
import { withType, type GoValue } from '../../src/gotemplate/value.js';
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
