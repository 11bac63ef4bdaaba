/**
 * Plain scalars read as Go's yaml.v2 (kubectl, istioctl) reads them. Regression: the yaml
 * package's YAML 1.1 float patterns make every part optional, so `.`, `e5` and a key `e0:` were
 * read as NaN (reported by the workload entry helper of issue 8: a label value `e5` failed).
 */
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseWorkloads } from '../../src/inject/parse-workloads.js';
import { parseIstioOperatorYaml } from '../../src/operator/load.js';
import { goYamlTags } from '../../src/operator/yaml-text.js';

const read = (text: string): unknown => parse(text, { version: '1.1', customTags: goYamlTags });

describe('plain scalars as yaml.v2 resolves them', () => {
  it.each([
    ['e5', 'e5'],
    ['.', '.'],
    ['e0', 'e0'],
    ['-.e3', '-.e3'],
    ['+e', '+e'],
    ['1:20', '1:20'],
    ['2001-12-14', '2001-12-14'],
  ])('%s stays a string', (scalar, want) => {
    expect(read(`k: ${scalar}`)).toEqual({ k: want });
  });

  it.each([
    ['1e5', 100000],
    ['.5', 0.5],
    ['1.', 1],
    ['-1.5e-3', -0.0015],
    ['1_000.5', 1000.5],
    ['685.230_15e+03', 685230.15],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['12', 12],
    ['0x1f', 31],
  ])('%s is a number', (scalar, want) => {
    expect(read(`k: ${scalar}`)).toEqual({ k: want });
  });

  it('a key e0 stays the key "e0"', () => {
    expect(read('e0: a')).toEqual({ e0: 'a' });
  });

  it('workload files: label values e5 and . are strings, as kubectl reads them', () => {
    const r = parseWorkloads('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata:\n  e0: a\n  k: e5\n  j: .\n', 'x.yaml');
    expect(r).toMatchObject({ success: true, documents: [{ object: { data: { e0: 'a', k: 'e5', j: '.' } } }] });
  });

  it('IstioOperator files: a label value e5 is a string', () => {
    const r = parseIstioOperatorYaml('apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  components:\n    pilot:\n      k8s:\n        podAnnotations:\n          a: e5\n', 'x.yaml');
    expect(r).toMatchObject({ ok: true, value: { spec: { components: { pilot: { k8s: { podAnnotations: { a: 'e5' } } } } } } });
  });
});
