import { describe, expect, it } from 'vitest';
import {
  injectionSourceFromFiles,
  injectionSourceFromManifest,
  parseInjectConfig,
  parseValuesJson,
  safeInjectionSourceFromFiles,
  safeInjectionSourceFromManifest,
  type InjectionSourceResult,
} from '../../src/inject/config.js';
import { render, type ManifestSet } from '../../src/manifest/index.js';
import { formatIssue, IstioOperatorError, type Issue } from '../../src/operator/issues.js';

const defaultSet = render({});
const canarySet = render({ revision: 'canary' });

function configMap(set: ManifestSet, name: string) {
  const o = set.objects.find((x) => x.kind === 'ConfigMap' && x.name === name);
  if (!o) throw new Error(`no ConfigMap ${name}`);
  return o;
}

function errors(r: { readonly success: true } | { readonly success: false; readonly issues: readonly Issue[] }): string[] {
  if (r.success) throw new Error('expected a failure');
  return r.issues.map(formatIssue);
}

function source(r: InjectionSourceResult) {
  if (!r.success) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r;
}

describe('injectionSourceFromManifest', () => {
  it('the default installation: the four templates, values, mesh config with defaults, revision "default"', () => {
    const s = injectionSourceFromManifest(defaultSet);
    expect(Object.keys(s.config.templates).sort()).toEqual(['gateway', 'grpc-agent', 'grpc-simple', 'sidecar']);
    expect(s.config.policy).toBe('enabled');
    expect(s.config.defaultTemplates).toEqual(['sidecar']);
    expect(s.revision).toBe('default');
    expect(s.values).toHaveProperty('global.proxy.image');
    expect(s.values).toHaveProperty('sidecarInjectorWebhook');
    // From the istio ConfigMap, with istiod's defaults applied (fields the chart does not write).
    expect(s.meshConfig).toMatchObject({ trustDomain: 'cluster.local', rootNamespace: 'istio-system' });
    expect((s.meshConfig.defaultConfig as Record<string, unknown>).discoveryAddress).toBe('istiod.istio-system.svc:15012');
    expect(Object.keys(s.meshConfig).length).toBeGreaterThan(8);
  });

  it('a revision: its own ConfigMaps (istio-sidecar-injector-canary, istio-canary)', () => {
    const s = injectionSourceFromManifest(canarySet);
    expect(s.revision).toBe('canary');
    expect((s.meshConfig.defaultConfig as Record<string, unknown>).discoveryAddress).toBe('istiod-canary.istio-system.svc:15012');
  });

  it('--revision default renders istio-sidecar-injector-default and istio-default', () => {
    const s = injectionSourceFromManifest(render({ revision: 'default' }));
    expect(s.revision).toBe('default');
    expect(s.meshConfig.trustDomain).toBe('cluster.local');
  });

  it('an installation without istiod has no injector', () => {
    const set = render({ set: ['components.pilot.enabled=false'] });
    const r = safeInjectionSourceFromManifest(set);
    expect(errors(r)).toEqual([
      'error: the installation renders no istio-sidecar-injector ConfigMap, so there is no injector configuration (enable istiod (components.pilot.enabled=true), or give --injectConfigFile, --meshConfigFile and --valuesFile)',
    ]);
    expect(() => injectionSourceFromManifest(set)).toThrow(IstioOperatorError);
  });
});

describe('injectionSourceFromFiles', () => {
  const injector = configMap(canarySet, 'istio-sidecar-injector-canary');
  const mesh = configMap(canarySet, 'istio-canary');

  it('the three ConfigMaps as files give the same source as the installation (revision from the label)', () => {
    const r = source(
      safeInjectionSourceFromFiles({
        injectConfig: { text: injector.yaml, file: 'injector.yaml' },
        values: { text: injector.yaml, file: 'injector.yaml' },
        meshConfig: { text: mesh.yaml, file: 'mesh.yaml' },
      }),
    );
    expect(r.source).toEqual(injectionSourceFromManifest(canarySet));
    expect(r.warnings).toEqual([]);
  });

  it('the raw keys as istioctl takes them (kubectl get configmap -o jsonpath={.data.X})', () => {
    const data = injector.object.data as Record<string, string>;
    const s = injectionSourceFromFiles({
      injectConfig: { text: data.config as string, file: 'inject-config.yaml' },
      values: { text: data.values as string, file: 'values.json' },
      meshConfig: { text: (mesh.object.data as Record<string, string>).mesh as string, file: 'mesh.yaml' },
      revision: 'canary',
    });
    expect(s).toEqual(injectionSourceFromManifest(canarySet));
  });

  it('a whole rendered manifest works as --injectConfigFile (the injector ConfigMap is found in it)', () => {
    const s = injectionSourceFromFiles({ injectConfig: { text: canarySet.toYaml(), file: 'all.yaml' } });
    expect(s.revision).toBe('canary');
    expect(Object.keys(s.config.templates)).toContain('grpc-agent');
  });

  it('a whole rendered manifest works for all three files', () => {
    const all = { text: canarySet.toYaml(), file: 'all.yaml' };
    expect(injectionSourceFromFiles({ injectConfig: all, values: all, meshConfig: all })).toEqual(injectionSourceFromManifest(canarySet));
  });

  it('two installations in one file: the revision picks the ConfigMaps', () => {
    const both = { text: defaultSet.toYaml() + canarySet.toYaml(), file: 'both.yaml' };
    expect(injectionSourceFromFiles({ injectConfig: both, values: both, meshConfig: both, revision: 'canary' })).toEqual(injectionSourceFromManifest(canarySet));
    expect(injectionSourceFromFiles({ injectConfig: both, values: both, meshConfig: both, revision: 'default' })).toEqual(injectionSourceFromManifest(defaultSet));
    const r = safeInjectionSourceFromFiles({ meshConfig: both });
    expect(errors(r)[0]).toMatch(/^both\.yaml:\d+:1: error: 2 ConfigMaps in the file have a data\.mesh key \(istio, istio-canary\); expected one \(give --revision/);
  });

  it('a JSON ConfigMap (kubectl get -o json) as --valuesFile', () => {
    const s = injectionSourceFromFiles({ values: { text: JSON.stringify(injector.object, null, 2), file: 'cm.json' } });
    expect(s.values).toEqual(injectionSourceFromManifest(canarySet).values);
  });

  it('what is not given comes from the default installation, or from base', () => {
    const s = injectionSourceFromFiles({ meshConfig: { text: 'trustDomain: example.org\n', file: 'mesh.yaml' } });
    expect(s.meshConfig.trustDomain).toBe('example.org');
    expect(s.meshConfig.rootNamespace).toBe('istio-system'); // istiod's default
    expect(s.config).toEqual(injectionSourceFromManifest(defaultSet).config);
    const base = injectionSourceFromManifest(canarySet);
    const t = injectionSourceFromFiles({ values: { text: '{"global": {"proxy": {"image": "x"}}}', file: 'v.json' }, base });
    expect(t.values).toEqual({ global: { proxy: { image: 'x' } } });
    expect(t.config).toBe(base.config);
    expect(t.revision).toBe('canary');
  });

  it('a bare sidecar template is taken as template "sidecar", as istioctl does (with a warning)', () => {
    const r = source(safeInjectionSourceFromFiles({ injectConfig: { text: 'spec:\n  containers:\n  - name: istio-proxy\n    image: {{ .Values.global.proxy.image }}\n', file: 't.yaml' } }));
    expect(Object.keys(r.source.config.templates)).toEqual(['sidecar']);
    expect(r.warnings.map(formatIssue)).toEqual([
      't.yaml:1:1: warning: the file is not an injector configuration (no templates, policy or defaultTemplates key); it is used as the "sidecar" template, as istioctl does',
    ]);
  });

  it('an injector config with a YAML error is reported, not taken as a template', () => {
    const text = 'policy: enabled\ntemplates:\n  sidecar: |\n    {{ .Values }}\n\tbad: x\n';
    expect(errors(safeInjectionSourceFromFiles({ injectConfig: { text, file: 'ic.yaml' } }))[0]).toMatch(/^ic\.yaml:5:1: error: document 1: invalid YAML: /);
  });

  it('errors inside a ConfigMap are located in the ConfigMap file', () => {
    const bad = mesh.yaml.replace('trustDomain: cluster.local', 'trustDomian: cluster.local');
    const line = bad.split('\n').findIndex((l) => l.includes('trustDomian')) + 1;
    expect(errors(safeInjectionSourceFromFiles({ meshConfig: { text: bad, file: 'mesh.yaml' } }))).toEqual([
      `mesh.yaml:${line}:5: error: document 1 (ConfigMap istio-canary): data.mesh: trustDomian: unknown field "trustDomian" in v1alpha1.MeshConfig`,
    ]);
    const badPolicy = injector.yaml.replace('policy: enabled', 'policy: on');
    const pline = badPolicy.split('\n').findIndex((l) => l.includes('policy: on')) + 1;
    expect(errors(safeInjectionSourceFromFiles({ injectConfig: { text: badPolicy, file: 'inj.yaml' } }))).toEqual([
      `inj.yaml:${pline}:5: error: document 1 (ConfigMap istio-sidecar-injector-canary): data.config: policy: expected "enabled" or "disabled", got boolean true (istiod 1.11 injects nothing with any other value)`,
    ]);
  });

  it('errors of all three files are reported together', () => {
    const r = safeInjectionSourceFromFiles({
      injectConfig: { text: 'policy: enabled\ntemplates:\n\tsidecar: x\n', file: 'ic.yaml' },
      values: { text: '{"global": {"a": 1,}}', file: 'v.json' },
      meshConfig: { text: '- a\n', file: 'm.yaml' },
    });
    expect(errors(r)).toEqual([
      'ic.yaml:3:1: error: document 1: invalid YAML: Tabs are not allowed as indentation (indent with spaces; YAML does not allow tabs for indentation)',
      'v.json:1:20: error: the values are not valid JSON: a trailing comma before } is not allowed in JSON',
      'm.yaml:1:1: error: document 1: the document is a list; expected a mapping of MeshConfig fields',
    ]);
  });

  it('a values file that is neither JSON nor the ConfigMap', () => {
    expect(errors(safeInjectionSourceFromFiles({ values: { text: 'global:\n  hub: x\n', file: 'v.yaml' } }))).toEqual([
      'v.yaml:1:1: error: expected the injector values as JSON (an object), or the istio-sidecar-injector ConfigMap holding them under data.values (kubectl -n istio-system get configmap istio-sidecar-injector -o jsonpath={.data.values} > values.json)',
    ]);
  });

  it('a ConfigMap without the key', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  meshNetworks: "{}"\n';
    expect(errors(safeInjectionSourceFromFiles({ meshConfig: { text, file: 'cm.yaml' } }))).toEqual(['cm.yaml:4:1: error: document 1 (ConfigMap istio): data: no ConfigMap in the file has a data.mesh key']);
  });
});

describe('parseInjectConfig', () => {
  it('istiod 1.11 defaults: defaultTemplates [sidecar]; no templates is a warning', () => {
    const r = parseInjectConfig('policy: disabled\n', 'c.yaml');
    if (!r.success) throw new Error('failed');
    expect(r.config).toEqual({ policy: 'disabled', defaultTemplates: ['sidecar'], templates: {}, alwaysInjectSelector: [], neverInjectSelector: [], injectedAnnotations: {} });
    expect(r.warnings.map(formatIssue)).toEqual([
      'c.yaml:1:1: warning: templates: the injector config has no templates, so nothing can be injected (an injector config of an older Istio?)',
    ]);
  });

  it('selectors, injected annotations, unknown keys', () => {
    const text = `policy: enabled
defaultTemplates: [sidecar, extra]
templates:
  sidecar: "x"
  extra: "y"
alwaysInjectSelector:
- matchLabels: {inject: "yes"}
neverInjectSelector:
- matchExpressions:
  - {key: openshift.io/build.name, operator: Exists}
injectedAnnotations:
  a: b
aliases: {}
`;
    const r = parseInjectConfig(text, 'c.yaml');
    if (!r.success) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.config.alwaysInjectSelector).toEqual([{ matchLabels: { inject: 'yes' } }]);
    expect(r.config.neverInjectSelector).toEqual([{ matchExpressions: [{ key: 'openshift.io/build.name', operator: 'Exists' }] }]);
    expect(r.config.defaultTemplates).toEqual(['sidecar', 'extra']);
    expect(r.config.injectedAnnotations).toEqual({ a: 'b' });
    expect(r.warnings.map(formatIssue)).toEqual(['c.yaml:13:1: warning: aliases: unknown key of the injector config; istiod 1.11 ignores it']);
  });

  it('every problem, each at its line', () => {
    const text = `policy: enabld
defaultTemplates: sidecar
templates:
  sidecar: 5
alwaysInjectSelector:
- matchLabels: {inject: yes}
- matchExpressions: [{key: a, operator: in, values: [x]}]
- matchExpressions: [{key: a, operator: In}]
injectedAnnotations: [a]
`;
    expect(errors(parseInjectConfig(text, 'c.yaml'))).toEqual([
      'c.yaml:1:1: error: policy: expected "enabled" or "disabled", got the string "enabld" (istiod 1.11 injects nothing with any other value)',
      'c.yaml:2:1: error: defaultTemplates: expected a list of template names, got the string "sidecar"',
      'c.yaml:4:3: error: templates.sidecar: expected the template text (a string), got number 5 (write it as a block scalar: "name: |" followed by the indented template)',
      'c.yaml:6:17: error: alwaysInjectSelector[0].matchLabels.inject: expected a string, got boolean true (quote the value)',
      'c.yaml:7:31: error: alwaysInjectSelector[1].matchExpressions[0].operator: expected one of In, NotIn, Exists, DoesNotExist, got the string "in" (did you mean "In"?)',
      'c.yaml:8:22: error: alwaysInjectSelector[2].matchExpressions[0].values: operator In needs at least one value',
      'c.yaml:9:1: error: injectedAnnotations: expected a map of annotation name to value, got a list',
    ]);
  });

  it('missing policy', () => {
    expect(errors(parseInjectConfig('templates: {sidecar: x}\n', 'c.yaml'))).toEqual(['c.yaml:1:1: error: policy: missing: istiod 1.11 injects nothing without a policy (add "policy: enabled")']);
  });
});

describe('parseValuesJson', () => {
  it.each([
    ['{"a": 1', 'v.json:1:8: error: the values are not valid JSON: expected \',\' or \'}\', found the end of the input'],
    ['{\n  "a": \'x\'\n}', "v.json:2:8: error: the values are not valid JSON: strings are written in double quotes in JSON"],
    ['{"a": 1} x', 'v.json:1:10: error: the values are not valid JSON: unexpected "x" after the JSON value'],
    ['[1, 2]', 'v.json:1:1: error: the values must be a JSON object, got a list'],
    ['', 'v.json:1:1: error: the values are not valid JSON: unexpected end of the input (the values are a JSON object, e.g. {"global": {...}, "sidecarInjectorWebhook": {...}})'],
  ])('%j', (text, message) => {
    expect(errors(parseValuesJson(text, 'v.json'))).toEqual([message]);
  });

  it('__proto__ is a plain key', () => {
    const r = parseValuesJson('{"__proto__": {"polluted": true}}', 'v.json');
    expect(r.success).toBe(true);
    if (r.success) expect(Object.hasOwn(r.values, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('never a crash', () => {
  it('random texts as the three files give issues or a source, never an exception', () => {
    let seed = 11;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const base = injectionSourceFromManifest(defaultSet);
    const parts = ['{', '}', '"a"', ':', ',', '[', ']', '\n', '  ', 'kind: ConfigMap\n', 'apiVersion: v1\n', 'data:\n', '  config: |\n', '  values: "{}"\n', '  mesh: x\n', 'policy: enabled\n', 'templates:\n', '{{', '}}', '\t', '---\n', '&a', '*a', 'null', '5', '__proto__'];
    for (let i = 0; i < 300; i++) {
      const gen = (): string => {
        let s = '';
        for (let k = rnd(25); k > 0; k--) s += parts[rnd(parts.length)];
        return s;
      };
      const r = safeInjectionSourceFromFiles({ meshConfig: { text: gen(), file: 'm' }, injectConfig: { text: gen(), file: 'i' }, values: { text: gen(), file: 'v' }, base });
      if (!r.success) expect(r.issues.length).toBeGreaterThan(0);
    }
  });
});
