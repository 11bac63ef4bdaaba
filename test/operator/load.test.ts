import { describe, expect, it } from 'vitest';
import { parseIstioOperatorBytes, parseIstioOperatorYaml } from '../../src/operator/load.js';

const HEAD = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';

function codes(text: string): string[] {
  const r = parseIstioOperatorYaml(text, 'f.yaml');
  return r.ok ? [] : r.issues.map((i) => `${i.code}@${i.source?.line}:${i.source?.column}`);
}

describe('parseIstioOperatorYaml', () => {
  it('builds plain data with YAML 1.1 booleans and key positions', () => {
    const r = parseIstioOperatorYaml(`${HEAD}spec:\n  hub: docker.io/istio\n  components:\n    pilot:\n      enabled: yes\n  tag: 1.10\n`, 'f.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(JSON.parse(JSON.stringify(r.value))).toEqual({
      apiVersion: 'install.istio.io/v1alpha1',
      kind: 'IstioOperator',
      spec: { hub: 'docker.io/istio', components: { pilot: { enabled: true } }, tag: 1.1 },
    });
    expect(r.sourceMap.get('/spec/components/pilot/enabled')).toEqual({ file: 'f.yaml', line: 7, column: 7 });
    expect(r.sourceMap.get('/spec/hub')).toEqual({ file: 'f.yaml', line: 4, column: 3 });
  });

  it('keeps __proto__ as data', () => {
    const r = parseIstioOperatorYaml(`${HEAD}spec:\n  __proto__:\n    polluted: true\n`, 'f.yaml');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const spec = r.value['spec'] as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(spec, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.getPrototypeOf(spec)).toBe(null);
  });

  it('expands aliases and merge keys, own keys win', () => {
    const r = parseIstioOperatorYaml(`${HEAD}spec:\n  values:\n    a: &x {p: 1, q: 2}\n    b:\n      <<: *x\n      q: 3\n`, 'f.yaml');
    expect(r.ok && JSON.parse(JSON.stringify(r.value)).spec.values.b).toEqual({ p: 1, q: 3 });
  });

  it('keeps timestamps and sexagesimal numbers as strings, like go-yaml v2', () => {
    const r = parseIstioOperatorYaml(`${HEAD}spec:\n  tag: 2001-01-01\n  revision: 1:20\n`, 'f.yaml');
    expect(r.ok && r.value['spec']).toEqual(expect.objectContaining({ tag: '2001-01-01', revision: '1:20' }));
  });

  it.each([
    ['', ['empty-file@1:1']],
    ['# only a comment\n', ['empty-file@1:1']],
    ['---\n...\n', ['empty-file@1:1']],
    ['a: [1\nb: 2\n', ['yaml-syntax@1:4']],
    [`${HEAD}spec:\n  hub: a\n  hub: b\n`, ['duplicate-key@5:3']],
    [`${HEAD}---\n${HEAD}`, ['multiple-documents@3:1']],
    ['- a\n- b\n', ['not-a-mapping@1:1']],
    ['just a string\n', ['not-a-mapping@1:1']],
    ['apiVersion: v1\nkind: ConfigMap\n', ['wrong-api-version@1:1', 'wrong-kind@2:1']],
    ['kind: IstioOperator\n', ['missing-api-version@1:1']],
    ['apiVersion: install.istio.io/v1alpha1\n', ['missing-kind@1:1']],
    [`${HEAD}spec:\n  x: .inf\n`, ['unsupported-yaml-value@4:6']],
    ['a: b\0c\n', ['binary-content@1:5']],
    [`${HEAD}spec:\n  hub: *nope\n`, ['yaml-syntax@4:8']],
    ['\x7fELF\x02\x01', ['binary-content@1:1']],
    [`${HEAD}spec: {? [a]: 1}\n`, ['unsupported-yaml-value@3:10']],
  ])('reports %j', (text, want) => {
    expect(codes(text)).toEqual(want);
  });

  it('is not fooled into expanding a billion laughs', () => {
    let text = `${HEAD}a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n`;
    for (let i = 1; i < 9; i++) text += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
    expect(codes(text)[0]).toMatch(/^too-complex@/);
  });

  it('keeps a trailing document separator harmless', () => {
    expect(parseIstioOperatorYaml(`${HEAD}---\n`, 'f.yaml').ok).toBe(true);
  });
});

describe('parseIstioOperatorBytes', () => {
  it('locates invalid UTF-8', () => {
    const bytes = new TextEncoder().encode(`${HEAD}spec:\n  hub: x`);
    const bad = new Uint8Array([...bytes, 0xc3, 0x28, 0x0a]);
    const r = parseIstioOperatorBytes(bad, 'b.yaml');
    expect(r.ok ? [] : r.issues.map((i) => [i.code, i.source?.line, i.source?.column])).toEqual([['invalid-utf8', 4, 9]]);
  });
  it('drops a BOM', () => {
    const bytes = new TextEncoder().encode(`\ufeff${HEAD}`);
    expect(parseIstioOperatorBytes(bytes, 'b.yaml').ok).toBe(true);
  });
});
