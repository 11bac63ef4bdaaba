// The minimal helm render: parse order, partials, the render context, <no value>, include/tpl,
// and errors as helm prints them (behaviour measured on helm 3.17.3 / 4.1.4).
import { describe, expect, it } from 'vitest';
import { helmTemplateOrder, isPartial, renderTemplates, type RenderResult } from '../../src/helm/engine.js';
import { helmStderr } from '../../src/helm/errors.js';
import type { Compat } from '../../src/gotemplate/template.js';
import type { GoValue } from '../../src/gotemplate/value.js';
import { STACK_EXHAUSTED } from '../../src/gotemplate/exec.js';
import { loadValues } from '../../src/yaml/load.js';

function render(files: Record<string, string>, compat: Compat = 'helm3', values: Map<string, GoValue> = new Map()): RenderResult {
  return renderTemplates({
    chartName: 'c',
    files: new Map(Object.entries(files)),
    values,
    release: { name: 'rel', namespace: 'ns' },
    compat,
  });
}

function outputs(files: Record<string, string>, compat: Compat = 'helm3', values?: Map<string, GoValue>): Record<string, string> {
  const r = render(files, compat, values);
  if (!r.ok) throw new Error(r.error.message);
  return Object.fromEntries(r.outputs);
}

function errorText(files: Record<string, string>, compat: Compat = 'helm3'): string {
  const r = render(files, compat);
  if (r.ok) throw new Error('expected a render error');
  return helmStderr(r.error);
}

describe('parse order', () => {
  it('puts deeper paths first and equal depths in reverse byte order', () => {
    expect(helmTemplateOrder(['c/templates/a.yaml', 'c/templates/_b.tpl', 'c/charts/k/templates/x.yaml', 'c/templates/b.yaml'])).toEqual([
      'c/charts/k/templates/x.yaml',
      'c/templates/b.yaml',
      'c/templates/a.yaml',
      'c/templates/_b.tpl',
    ]);
  });

  it('lets the define parsed last win (_a.tpl beats _b.tpl beats t.yaml)', () => {
    const out = outputs({
      'templates/t.yaml': '{{ define "x" }}t{{ end }}{{ include "x" . }}',
      'templates/_b.tpl': '{{ define "x" }}b{{ end }}',
      'templates/_a.tpl': '{{ define "x" }}a{{ end }}',
    });
    expect(out['c/templates/t.yaml']).toBe('a');
  });
});

describe('files', () => {
  it('parses partials but never executes them', () => {
    expect(isPartial('c/templates/_helpers.tpl')).toBe(true);
    expect(isPartial('c/templates/sub/_x.yaml')).toBe(true);
    const out = outputs({ 'templates/_h.tpl': 'ignored {{ define "h" }}H{{ end }}', 'templates/t.yaml': '{{ include "h" . }}' });
    expect(Object.keys(out)).toEqual(['c/templates/t.yaml']);
    expect(out['c/templates/t.yaml']).toBe('H');
  });

  it('ignores files outside templates/', () => {
    expect(Object.keys(outputs({ 'Chart.yaml': 'name: c', 'templates/t.yaml': 'x' }))).toEqual(['c/templates/t.yaml']);
  });

  it('fails on a parse error in a partial', () => {
    expect(errorText({ 'templates/_h.tpl': '{{ if }}', 'templates/t.yaml': 'x' })).toBe(
      'Error: parse error at (c/templates/_h.tpl:1): missing value for if\n\nUse --debug flag to render out invalid YAML\n',
    );
  });
});

describe('render context', () => {
  it('has release, template and chart information', () => {
    const t = '{{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Revision }} {{ .Template.Name }} {{ .Template.BasePath }} {{ .Chart.Name }}';
    for (const compat of ['helm3', 'helm4'] as const) {
      expect(outputs({ 'templates/t.yaml': t }, compat)['c/templates/t.yaml']).toBe('rel ns 1 c/templates/t.yaml c/templates c');
    }
  });

  it('types the context as helm does', () => {
    expect(outputs({ 'templates/t.yaml': '{{ typeOf . }} {{ typeOf .Values }} {{ typeOf .Release }}' }, 'helm3')['c/templates/t.yaml']).toBe(
      'chartutil.Values chartutil.Values map[string]interface {}',
    );
    expect(outputs({ 'templates/t.yaml': '{{ typeOf . }} {{ typeOf .Chart }}' }, 'helm4')['c/templates/t.yaml']).toBe(
      'common.Values map[string]interface {}',
    );
  });

  it('shares .Values between files: a set in one file is seen by files executed later', () => {
    const out = outputs({ 'templates/b.yaml': '{{ $_ := set .Values "k" "v" }}', 'templates/a.yaml': '[{{ .Values.k }}]' }, 'helm3', new Map());
    expect(out['c/templates/a.yaml']).toBe('[v]');
  });

  it('answers capabilities with helm template defaults', () => {
    expect(outputs({ 'templates/t.yaml': '{{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.APIVersions.Has "apps/v1" }}' }, 'helm4')['c/templates/t.yaml']).toBe(
      'v1.35.0 true',
    );
  });
});

describe('.Capabilities', () => {
  it('prints the kube version through its String method and takes overrides', () => {
    const t = '{{ .Capabilities.KubeVersion }} {{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.APIVersions.Has "x.io/v1" }} {{ .Capabilities.HelmVersion.Version }}';
    expect(outputs({ 'templates/t.yaml': t }, 'helm3')['c/templates/t.yaml']).toBe('v1.32.0 32 false v3.17.3');
    const r = renderTemplates({
      chartName: 'c',
      files: new Map([['templates/t.yaml', t]]),
      values: new Map(),
      capabilities: { kubeVersion: { version: 'v1.20.0', major: '1', minor: '20' }, apiVersions: ['x.io/v1'] },
      compat: 'helm4',
    });
    expect(r.ok && r.outputs.get('c/templates/t.yaml')).toBe('v1.20.0 20 true v4.1.4');
  });
});

describe('.Files', () => {
  it('holds the non-template files, with Get, Lines, Glob, AsConfig and AsSecrets as helm 3 measured', () => {
    const t = [
      '{{ .Files.Get "files/a.txt" | quote }} {{ .Files.Lines "files/a.txt" }} {{ len .Files }}',
      ['files/*', 'files/**', '**.{txt,md}', 'files/?.txt', 'files/[!a]*'].map((g) => `{{ range $k, $v := .Files.Glob "${g}" }}{{ $k }},{{ end }}`).join(' '),
      '{{ (.Files.Glob "files/*").AsConfig }}',
      '{{ (.Files.Glob "files/*.txt").AsSecrets }}',
    ].join('\n');
    const out = outputs({
      'Chart.yaml': 'apiVersion: v2',
      'values.yaml': '',
      'README.md': 'r',
      'files/a.txt': 'x\ny\n',
      'files/b.conf': 'k=v',
      'files/sub/c.txt': 'c',
      'templates/t.yaml': t,
    });
    expect(out['c/templates/t.yaml']).toBe(
      '"x\\ny\\n" [x y] 4\n' +
        'files/a.txt,files/b.conf, files/a.txt,files/b.conf,files/sub/c.txt, README.md,files/a.txt,files/sub/c.txt, files/a.txt, files/b.conf,\n' +
        'a.txt: |\n  x\n  y\nb.conf: k=v\n' +
        'a.txt: eAp5Cg==',
    );
  });
});

describe('<no value>', () => {
  it('is removed from every file, also when written literally', () => {
    expect(outputs({ 'templates/t.yaml': '[{{ .Values.nope }}][{{ "<no value>" }}]' })['c/templates/t.yaml']).toBe('[][]');
  });

  it('is kept by include but removed by tpl', () => {
    const t = '{{ define "m" }}{{ .nope }}{{ end }}{{ include "m" .Values | b64enc }} {{ tpl "{{ .Values.nope }}" . | b64enc }}';
    expect(outputs({ 'templates/t.yaml': t })['c/templates/t.yaml']).toBe('PG5vIHZhbHVlPg== ');
  });
});

describe('include and tpl', () => {
  it('tpl sees the caller context and can include its own defines', () => {
    const t = '{{ tpl "{{ define \\"q\\" }}Q{{ end }}{{ include \\"q\\" . }}{{ .Template.Name }}" . }}';
    expect(outputs({ 'templates/t.yaml': t })['c/templates/t.yaml']).toBe('Qc/templates/t.yaml');
  });

  it('include of an unknown name reports the root template gotpl', () => {
    expect(errorText({ 'templates/t.yaml': '{{ include "nope" . }}' }, 'helm3')).toBe(
      'Error: template: c/templates/t.yaml:1:3: executing "c/templates/t.yaml" at <include "nope" .>: error calling include: ' +
        'template: no template "nope" associated with template "gotpl"\n\nUse --debug flag to render out invalid YAML\n',
    );
  });

  it('errors inside tpl name the template gotpl', () => {
    expect(errorText({ 'templates/t.yaml': '{{ tpl "{{ .Values.missing.x }}" . }}' })).toBe(
      'Error: template: c/templates/t.yaml:1:3: executing "c/templates/t.yaml" at <tpl "{{ .Values.missing.x }}" .>: ' +
        'error calling tpl: error during tpl function execution for "{{ .Values.missing.x }}": template: gotpl:1:10: ' +
        'executing "gotpl" at <.Values.missing.x>: nil pointer evaluating interface {}.x\n\nUse --debug flag to render out invalid YAML\n',
    );
  });
});

describe('errors', () => {
  it('required and fail give execution error at the outer action', () => {
    for (const compat of ['helm3', 'helm4'] as const) {
      expect(errorText({ 'templates/t.yaml': '{{ define "d" }}{{ fail "inner" }}{{ end }}{{ include "d" . }}' }, compat)).toBe(
        'Error: execution error at (c/templates/t.yaml:1:46): inner\n\nUse --debug flag to render out invalid YAML\n',
      );
      expect(errorText({ 'templates/t.yaml': 'x: {{ required "need x" .Values.x }}' }, compat)).toBe(
        'Error: execution error at (c/templates/t.yaml:1:6): need x\n\nUse --debug flag to render out invalid YAML\n',
      );
    }
  });

  it('helm 4 lays out nested include errors in blocks', () => {
    expect(errorText({ 'templates/t.yaml': '{{ define "d" }}{{ .x.y }}{{ end }}{{ include "d" .Values }}' }, 'helm4')).toBe(
      'Error: c/templates/t.yaml:1:38\n  executing "c/templates/t.yaml" at <include "d" .Values>:\n    error calling include:\n' +
        'c/templates/t.yaml:1:21\n  executing "d" at <.x.y>:\n    nil pointer evaluating interface {}.y\n\nUse --debug flag to render out invalid YAML\n',
    );
  });
});

// Found by the grammar fuzzer (seed 4004, templates 16599 and 16592): `merge`'s destination ends up
// aliasing a map of .Values, the merge stores that map inside itself, and every template rendered
// later sees the change (helm shares one values tree). Printing it never ends: helm 3 and 4 die
// with Go's fatal "stack overflow"; we stop with an error that names the likely cause.
describe('a values map that a template made contain itself', () => {
  const values = (): Map<string, GoValue> => loadValues('b:\n  meta:\n    meta:\n      a: 1\n', { compat: 'helm4' });
  const merging = '{{ $x := merge (dict "x1" false) .Values.b.meta .Values.b }}';

  it('is shared with the templates rendered after it, as in helm (the merge stored it in itself)', () => {
    // z.yaml renders first (reverse byte order), a.yaml sees its change.
    const out = outputs({ 'templates/z.yaml': merging, 'templates/a.yaml': '{{ keys .Values.b.meta.meta | sortAlpha }} {{ .Values.b.meta.meta.meta.meta.meta.a }}' }, 'helm4', values());
    expect(out['c/templates/a.yaml']).toBe('[a meta] 1');
  });

  it('fails cleanly when printed: an error naming the cause, never a RangeError or a crash', () => {
    for (const compat of ['helm3', 'helm4'] as const) {
      const r = render({ 'templates/z.yaml': merging, 'templates/a.yaml': '{{ .Values.b }}' }, compat, values());
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const text = helmStderr(r.error);
      expect(text).toMatch(/^Error: (template: )?c\/templates\/a\.yaml: /);
      expect(text).toContain('a value that contains itself was printed or converted');
      expect(text).toContain('the JavaScript stack is exhausted');
      expect(STACK_EXHAUSTED).toContain('a value that contains itself');
    }
  });
});
