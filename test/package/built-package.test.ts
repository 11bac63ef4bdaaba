// The same behaviour, through the built package (dist/), as a user importing
// `istio-installer` gets it. `npm test` builds dist/ before running the tests.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dist = new URL('../../dist/index.js', import.meta.url);

describe('the built package', () => {
  it('exists (npm test builds it; run npm run build when calling vitest directly)', () => {
    expect(existsSync(dist)).toBe(true);
  });

  it('renders a chart template with helm semantics', async () => {
    const pkg = (await import(dist.href)) as typeof import('../../src/index.js');
    const values = pkg.yaml.loadValues('replicas: 1000000\nname: web\nlist: [b, a]\n');
    const r = pkg.renderTemplates({
      chartName: 'demo',
      files: new Map([['templates/x.yaml', 'n: {{ .Values.replicas }}\nname: {{ .Values.name | upper | quote }}\n{{ toYaml (sortAlpha .Values.list) }}\n{{ .Values.missing }}']]),
      values,
      release: { name: 'r', namespace: 'ns' },
      compat: 'helm4',
    });
    expect(r.ok && r.outputs.get('demo/templates/x.yaml')).toBe('n: 1e+06\nname: "WEB"\n- a\n- b\n');
  });

  it('reports template errors as Go prints them', async () => {
    const pkg = (await import(dist.href)) as typeof import('../../src/index.js');
    const set = new pkg.gotemplate.TemplateSet({ funcs: pkg.sprigFuncs('helm3'), compat: 'helm3', missingKey: 'zero' });
    set.parse('t', '{{ .a.b }}');
    expect(() => set.execute('t', new Map())).toThrow('template: t:1:5: executing "t" at <.a.b>: nil pointer evaluating interface {}.b');
  });
});
