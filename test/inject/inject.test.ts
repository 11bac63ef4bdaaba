/**
 * inject() end to end with small hand-written templates (not the chart's): documents -> pods ->
 * policy -> templates -> merge -> post-processing -> YAML.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { inject, safeInject, safeInjectWith } from '../../src/inject/index.js';
import type { InjectionSource, InjectTemplatesConfig } from '../../src/inject/types.js';
import { formatIssue, IstioOperatorError, type Issue } from '../../src/operator/issues.js';

const SIDECAR = `spec:
  initContainers:
  - name: istio-init
    image: docker.io/istio/proxyv2:1.11.8
    args: ["istio-iptables"]
  containers:
  - name: istio-proxy
    image: docker.io/istio/proxyv2:1.11.8
    env:
    - name: WORKLOAD
      value: "{{ .DeploymentMeta.Name }}"
    - name: KIND
      value: "{{ .TypeMeta.Kind }}"
  volumes:
  - name: istio-envoy
    emptyDir:
      medium: Memory
`;
const CUSTOM = `metadata:
  labels:
    custom: "yes"
spec:
  containers:
  - name: helper
    image: helper:1
`;

function source(config: Partial<InjectTemplatesConfig> = {}): InjectionSource {
  return {
    config: {
      policy: 'enabled',
      defaultTemplates: ['sidecar'],
      templates: { sidecar: SIDECAR, custom: CUSTOM },
      alwaysInjectSelector: [],
      neverInjectSelector: [],
      injectedAnnotations: {},
      ...config,
    },
    values: { sidecarInjectorWebhook: { rewriteAppHTTPProbe: true } },
    meshConfig: { enablePrometheusMerge: true, defaultConfig: { statusPort: 15020 } },
    revision: 'default',
  };
}

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: web:1
        readinessProbe:
          httpGet:
            path: /ready
            port: 8080
`;
const SERVICE = `# the service, kept as written
apiVersion: v1
kind: Service
metadata:
  name: web   # trailing comment
spec:
  ports:
  - port: 80
`;

type Obj = Record<string, unknown>;
const docs = (yaml: string): Obj[] => parseAllDocuments(yaml).map((d) => d.toJSON() as Obj).filter((d) => d !== null);
const at = (o: unknown, ...path: (string | number)[]): unknown => path.reduce<unknown>((cur, k) => (cur as Record<string | number, unknown> | undefined)?.[k], o);
const names = (list: unknown): string[] => (list as Obj[]).map((c) => c.name as string);

function refused(text: string, src = source()): Issue[] {
  try {
    inject({ source: src, text, file: 'w.yaml' });
  } catch (e) {
    if (e instanceof IstioOperatorError) return [...e.issues];
    throw e;
  }
  throw new Error('not refused');
}

describe('inject', () => {
  it('injects a Deployment and passes a Service through as written, --- between', () => {
    const out = inject({ source: source(), text: `${DEPLOYMENT}---\n${SERVICE}`, file: 'w.yaml' });
    expect(out.documents).toEqual([
      { index: 0, kind: 'Deployment', name: 'web', outcome: 'injected' },
      { index: 1, kind: 'Service', name: 'web', outcome: 'passed-through' },
    ]);
    const [deploy] = docs(out.yaml);
    expect(out.yaml.endsWith(`---\n${SERVICE}`)).toBe(true);
    const pod = at(deploy, 'spec', 'template');
    expect(names(at(pod, 'spec', 'containers'))).toEqual(['web', 'istio-proxy']);
    expect(names(at(pod, 'spec', 'initContainers'))).toEqual(['istio-init']);
    expect(at(pod, 'spec', 'containers', 1, 'env')).toEqual(
      expect.arrayContaining([{ name: 'WORKLOAD', value: 'web' }, { name: 'KIND', value: 'Deployment' }, expect.objectContaining({ name: 'ISTIO_KUBE_APP_PROBERS' })]),
    );
    expect(at(pod, 'spec', 'containers', 0, 'readinessProbe')).toEqual({ httpGet: { path: '/app-health/web/readyz', port: 15020 } });
    expect(at(pod, 'metadata', 'annotations', 'sidecar.istio.io/status')).toBe(
      '{"initContainers":["istio-init"],"containers":["istio-proxy"],"volumes":["istio-envoy"],"imagePullSecrets":null,"revision":"default"}',
    );
    expect(at(pod, 'metadata', 'annotations', 'prometheus.io/port')).toBe('15020');
    // the rest of the Deployment unchanged
    expect(at(deploy, 'metadata')).toEqual({ name: 'web', namespace: 'shop' });
    expect(at(deploy, 'spec', 'selector')).toEqual({ matchLabels: { app: 'web' } });
  });

  it('prints injected documents in go-yaml v2 style (keys sorted, two-space lists)', () => {
    const out = inject({ source: source(), text: DEPLOYMENT, file: 'w.yaml' });
    expect(out.yaml.startsWith('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n')).toBe(true);
    expect(out.yaml).toContain('\n      containers:\n      - image: web:1\n        name: web\n');
  });

  it('is deterministic', () => {
    const a = inject({ source: source(), text: DEPLOYMENT, file: 'w.yaml' }).yaml;
    expect(inject({ source: source(), text: DEPLOYMENT, file: 'w.yaml' }).yaml).toBe(a);
  });

  it('opted-out and hostNetwork workloads come back exactly as written, with a warning', () => {
    const optedOut = DEPLOYMENT.replace('      labels:\n        app: web\n', '      labels:\n        app: web\n      annotations:\n        sidecar.istio.io/inject: "false"\n');
    const out = inject({ source: source(), text: optedOut, file: 'w.yaml' });
    expect(out.yaml).toBe(optedOut);
    expect(out.documents[0]).toMatchObject({ outcome: 'skipped', reason: expect.stringContaining('sidecar.istio.io/inject') });
    expect(out.warnings.map((w) => w.code)).toEqual(['inject-skipped']);
    expect(formatIssue(out.warnings[0])).toContain('document 1 (Deployment web)');

    const host = 'apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: agent\nspec:\n  template:\n    spec:\n      hostNetwork: true\n      containers:\n      - name: a\n        image: a\n';
    const h = inject({ source: source(), text: host, file: 'w.yaml' });
    expect(h.yaml).toBe(host);
    expect(h.documents[0]).toMatchObject({ outcome: 'skipped', reason: 'host networking is enabled' });
  });

  it('policy disabled: only pods asking for injection', () => {
    const out = inject({ source: source({ policy: 'disabled' }), text: DEPLOYMENT, file: 'w.yaml' });
    expect(out.documents[0].outcome).toBe('skipped');
  });

  it("semantics 'istioctl': policy, selectors, defaultTemplates and injectedAnnotations of the injector are not used", () => {
    const src = source({ policy: 'disabled', defaultTemplates: ['custom'], neverInjectSelector: [{ matchLabels: { app: 'web' } }], injectedAnnotations: { extra: 'yes' } });
    expect(inject({ source: src, text: DEPLOYMENT, file: 'w.yaml' }).documents[0].outcome).toBe('skipped');
    const out = inject({ source: src, text: DEPLOYMENT, file: 'w.yaml', semantics: 'istioctl' });
    expect(out.documents[0].outcome).toBe('injected');
    const pod = at(docs(out.yaml)[0], 'spec', 'template');
    expect(names(at(pod, 'spec', 'containers'))).toEqual(['web', 'istio-proxy']);
    expect(at(pod, 'metadata', 'annotations', 'extra')).toBeUndefined();
    const webhook = inject({ source: source({ injectedAnnotations: { extra: 'yes' } }), text: DEPLOYMENT, file: 'w.yaml' });
    expect(at(docs(webhook.yaml)[0], 'spec', 'template', 'metadata', 'annotations', 'extra')).toBe('yes');
  });

  it('injecting the output again is refused, naming the workload; never a second sidecar', () => {
    const once = inject({ source: source(), text: DEPLOYMENT, file: 'w.yaml' }).yaml;
    const issues = refused(once);
    expect(issues.map((i) => i.code)).toEqual(['inject-already-injected']);
    const msg = formatIssue(issues[0]);
    expect(msg).toContain('document 1 (Deployment web)');
    expect(msg).toMatch(/already injected \(it has the sidecar.istio.io\/status annotation\)/);
    expect(msg).toMatch(/^w\.yaml:\d+:\d+: error: /);
  });

  it('inject.istio.io/templates selects templates, in order', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    inject.istio.io/templates: "sidecar, custom"\nspec:\n  containers:\n  - name: app\n    image: app\n';
    const [pod] = docs(inject({ source: source(), text, file: 'w.yaml' }).yaml);
    expect(names(at(pod, 'spec', 'containers'))).toEqual(['helper', 'app', 'istio-proxy']);
    expect(at(pod, 'metadata', 'labels')).toEqual({ custom: 'yes' });
    // the template pod accumulates like the pod: a later template's new container goes first
    expect(JSON.parse(at(pod, 'metadata', 'annotations', 'sidecar.istio.io/status') as string).containers).toEqual(['helper', 'istio-proxy']);
  });

  it('defaultTemplates from the injector config', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app\n';
    const [pod] = docs(inject({ source: source({ defaultTemplates: ['custom'] }), text, file: 'w.yaml' }).yaml);
    expect(names(at(pod, 'spec', 'containers'))).toEqual(['helper', 'app']);
  });

  it('an unknown template is an error naming the document', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    inject.istio.io/templates: nope\nspec:\n  containers:\n  - name: app\n    image: app\n';
    const issues = refused(text);
    expect(issues.map((i) => i.code)).toEqual(['inject-unknown-template']);
    expect(issues[0].path).toContain('document 1 (Pod p)');
  });

  it('Job, CronJob and v1 List items are injected at their pod template', () => {
    const job = 'apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: once\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: j\n        image: j\n';
    const cron = 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata:\n  name: tick\nspec:\n  schedule: "* * * * *"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: c\n            image: c\n';
    const list = 'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: cm\n- apiVersion: v1\n  kind: Pod\n  metadata:\n    name: p\n  spec:\n    containers:\n    - name: a\n      image: a\n';
    const out = inject({ source: source(), text: [job, cron, list].join('---\n'), file: 'w.yaml' });
    expect(out.documents.map((d) => d.outcome)).toEqual(['injected', 'injected', 'injected']);
    const [j, c, l] = docs(out.yaml);
    expect(names(at(j, 'spec', 'template', 'spec', 'containers'))).toEqual(['j', 'istio-proxy']);
    expect(names(at(c, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers'))).toEqual(['c', 'istio-proxy']);
    expect(at(c, 'spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 1, 'env', 1)).toEqual({ name: 'KIND', value: 'CronJob' });
    expect(at(l, 'items', 0)).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    expect(names(at(l, 'items', 1, 'spec', 'containers'))).toEqual(['a', 'istio-proxy']);
  });

  it("a user's istio-proxy (image: auto) customizes the injected one", () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app\n  - name: istio-proxy\n    image: auto\n    resources:\n      limits:\n        cpu: "2"\n';
    const [pod] = docs(inject({ source: source(), text, file: 'w.yaml' }).yaml);
    expect(at(pod, 'spec', 'containers', 1)).toMatchObject({ name: 'istio-proxy', image: 'docker.io/istio/proxyv2:1.11.8', resources: { limits: { cpu: '2' } } });
    expect(at(pod, 'metadata', 'annotations', 'proxy.istio.io/overrides')).toBeDefined();
  });

  it('bad workload files: issues from the reader, nothing printed', () => {
    const r = safeInject({ source: source(), text: 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: [broken\n', file: 'bad.yaml' });
    expect(r.success).toBe(false);
    if (!r.success) expect(formatIssue(r.issues[0])).toMatch(/^bad\.yaml:\d+/);
  });

  it('several errors are all reported', () => {
    const bad = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: NAME\n  annotations:\n    inject.istio.io/templates: nope\nspec:\n  containers:\n  - name: a\n    image: a\n';
    const issues = refused([bad.replace('NAME', 'one'), bad.replace('NAME', 'two')].join('---\n'));
    expect(issues.map((i) => i.path.split(':')[0])).toEqual(['document 1 (Pod one)', 'document 2 (Pod two)']);
  });
});

describe('never crashes', () => {
  it('random pod specs and metadata: a result or issues, never an exception', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (spec, metadata) => {
        const text = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata, spec });
        const r = safeInject({ source: source(), text, file: 'r.yaml' });
        expect(typeof r.success).toBe('boolean');
      }),
      { numRuns: 150 },
    );
  });

  it('random template output: merged or an inject-merge issue, never an exception', () => {
    const text = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: app\n    image: app\n';
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('metadata', 'spec', 'other'), fc.jsonValue()), (fragment) => {
        const r = safeInjectWith({ source: source(), text, file: 'r.yaml' }, () => ({ success: true, fragments: [fragment] }));
        if (!r.success) expect(r.issues.map((i) => i.code)).toEqual(['inject-merge']);
      }),
      { numRuns: 150 },
    );
  });
});
