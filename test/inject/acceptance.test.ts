/**
 * kube-inject acceptance (issue 9), over every workload fixture of test/fixtures/workloads/:
 * - every injected object passes the strict Kubernetes validation of 1.25 and 1.34;
 * - in CNI mode no container or init container asks for NET_ADMIN or NET_RAW or runs as root
 *   (and, to show that check can fail, without CNI istio-init does);
 * - injecting an injected output again is refused (or a no-op), never a second istio-proxy;
 * - bad workload files give an error naming the document and the field.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { injectionSourceFromFiles } from '../../src/inject/config.js';
import { inject } from '../../src/inject/index.js';
import type { InjectOutput } from '../../src/inject/types.js';
import { formatKubeIssue, KUBE_VERSIONS, validateObjects } from '../../src/manifest/index.js';
import { formatIssue, IstioOperatorError, type Issue } from '../../src/operator/issues.js';
import { loadCase, workloadNames, type WorkloadCase } from '../fixtures/workloads/cases.js';

const CASES: readonly WorkloadCase[] = workloadNames().map(loadCase);
const byName = (name: string): WorkloadCase => {
  const c = CASES.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no fixture ${name}`);
  return c;
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function parseDocs(text: string): unknown[] {
  return parseAllDocuments(text).map((d) => {
    if (d.errors.length > 0) throw new Error(`output is not YAML: ${d.errors.map((e) => e.message).join('; ')}`);
    return d.toJS() as unknown;
  });
}

/** The pod (template) specs of an object, with a label saying where each one is. */
interface PodAt {
  readonly where: string;
  readonly metadata: Obj;
  readonly spec: Obj;
}
function pods(o: unknown, where = ''): PodAt[] {
  if (!isObj(o)) return [];
  const kind = String(o['kind']);
  const here = `${where}${kind}/${String(obj(o['metadata'])['name'])}`;
  const spec = obj(o['spec']);
  switch (kind) {
    case 'List':
      return list(o['items']).flatMap((item, i) => pods(item, `${where}List.items[${i}] `));
    case 'Pod':
      return [{ where: here, metadata: obj(o['metadata']), spec }];
    case 'CronJob': {
      const t = obj(obj(obj(spec['jobTemplate'])['spec'])['template']);
      return [{ where: here, metadata: obj(t['metadata']), spec: obj(t['spec']) }];
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Job': {
      const t = obj(spec['template']);
      return [{ where: here, metadata: obj(t['metadata']), spec: obj(t['spec']) }];
    }
    default:
      return [];
  }
}

const containersOf = (spec: Obj): Obj[] => [...list(spec['initContainers']), ...list(spec['containers'])].map(obj);
const names = (spec: Obj, key: 'containers' | 'initContainers'): string[] => list(spec[key]).map((c) => String(obj(c)['name']));
const proxies = (p: PodAt): number => names(p.spec, 'containers').filter((n) => n === 'istio-proxy').length;
/** Templates that add no istio-proxy (proxyless gRPC). */
const PROXYLESS: ReadonlySet<string> = new Set(['grpc-simple']);

/** What makes a pod need privileges CNI mode must not need: NET_ADMIN/NET_RAW, root, privileged. */
function privilegeProblems(p: PodAt): string[] {
  const podSc = obj(p.spec['securityContext']);
  const out: string[] = [];
  for (const c of containersOf(p.spec)) {
    const sc = obj(c['securityContext']);
    const name = `${p.where} container ${String(c['name'])}`;
    const added = list(obj(sc['capabilities'])['add']).map(String);
    for (const cap of ['NET_ADMIN', 'NET_RAW']) if (added.includes(cap)) out.push(`${name} adds ${cap}`);
    const runAsUser = sc['runAsUser'] ?? podSc['runAsUser'];
    const runAsNonRoot = sc['runAsNonRoot'] ?? podSc['runAsNonRoot'];
    if (runAsUser === 0) out.push(`${name} runs as user 0`);
    if (runAsNonRoot === false) out.push(`${name} has runAsNonRoot false`);
    if (sc['privileged'] === true) out.push(`${name} is privileged`);
  }
  return out;
}

const injectedCases = CASES.filter((c) => c.outcomes.includes('injected'));
const cniOf = (c: WorkloadCase): boolean => obj(c.source.values['istio_cni'])['enabled'] === true;

function run(c: WorkloadCase): InjectOutput {
  return inject({ source: c.source, text: c.text, file: c.file });
}

describe('every injected object passes strict Kubernetes validation', () => {
  it.each(CASES.flatMap((c) => KUBE_VERSIONS.map((v) => [c.name, v] as const)))('%s on Kubernetes %s', (name, version) => {
    const docs = parseDocs(run(byName(name)).yaml);
    expect(docs.length).toBeGreaterThan(0);
    expect(validateObjects(docs, { version }).map((i) => formatKubeIssue(i))).toEqual([]);
  });
});

describe('injected pods', () => {
  it.each(injectedCases.map((c) => c.name))('%s: each injected pod has one istio-proxy (none for proxyless gRPC), a status annotation naming what was added, no image "auto"', (name) => {
    const c = byName(name);
    const injected = parseDocs(run(c).yaml)
      .flatMap((d) => pods(d))
      .filter((p) => obj(p.metadata['annotations'])['sidecar.istio.io/status'] !== undefined);
    expect(injected.length).toBeGreaterThan(0);
    for (const p of injected) {
      expect(proxies(p), p.where).toBe(PROXYLESS.has(name) ? 0 : 1);
      const status = JSON.parse(String(obj(p.metadata['annotations'])['sidecar.istio.io/status'])) as Obj;
      for (const n of list(status['containers']).map(String)) expect(names(p.spec, 'containers'), `${p.where}: status names container ${n}`).toContain(n);
      for (const n of list(status['initContainers']).map(String)) expect(names(p.spec, 'initContainers'), `${p.where}: status names init container ${n}`).toContain(n);
      const volumes = list(p.spec['volumes']).map((v) => String(obj(v)['name']));
      for (const n of list(status['volumes']).map(String)) expect(volumes, `${p.where}: status names volume ${n}`).toContain(n);
      expect(status['revision'], p.where).toBe(c.source.revision);
      expect(containersOf(p.spec).filter((x) => x['image'] === 'auto').map((x) => x['name']), p.where).toEqual([]);
    }
  });

  it('a pod\'s own istio.io/rev label (here a revision tag) is kept: the revision goes into the status annotation', () => {
    const c = byName('statefulset-canary');
    const [pod] = parseDocs(run(c).yaml).flatMap((d) => pods(d));
    expect(obj(pod?.metadata['labels'])['istio.io/rev']).toBe('prod');
    expect(JSON.parse(String(obj(pod?.metadata['annotations'])['sidecar.istio.io/status'])).revision).toBe('canary');
  });

  it.each(CASES.map((c) => c.name))('%s: no template printed a missing value (<no value>, <nil>)', (name) => {
    expect(run(byName(name)).yaml).not.toMatch(/<no value>|<nil>/);
  });

  it('that check can fail: a template reading a values key that does not exist prints <no value>, as istiod does', () => {
    const c = byName('resources');
    const source = { ...c.source, config: { ...c.source.config, templates: { ...c.source.config.templates, broken: 'metadata:\n  annotations:\n    broken: "{{ .Values.noSuchKey }}"\n' } } };
    const text = c.text.replace('  annotations:\n', '  annotations:\n    inject.istio.io/templates: sidecar,broken\n');
    expect(inject({ source, text, file: c.file }).yaml).toMatch(/broken: <no value>/);
  });

  it('opted-out workloads are passed through exactly as written', () => {
    const c = byName('opted-out');
    expect(parseDocs(run(c).yaml)).toEqual(parseDocs(c.text));
  });
});

describe('CNI mode', () => {
  const cni = CASES.filter(cniOf);

  it('at least two fixtures run with CNI (chained and Multus)', () => {
    expect(cni.map((c) => c.name)).toEqual(expect.arrayContaining(['cni', 'cni-multus']));
  });

  it.each(cni.map((c) => c.name))('%s: no container or init container asks for NET_ADMIN/NET_RAW or runs as root', (name) => {
    const injected = parseDocs(run(byName(name)).yaml).flatMap((d) => pods(d));
    expect(injected.length).toBeGreaterThan(0);
    for (const p of injected) {
      expect(names(p.spec, 'initContainers'), p.where).toContain('istio-validation');
      expect(names(p.spec, 'initContainers'), p.where).not.toContain('istio-init');
    }
    expect(injected.flatMap(privilegeProblems)).toEqual([]);
  });

  it('without CNI the same check fails: istio-init adds NET_ADMIN and NET_RAW', () => {
    const injected = parseDocs(run(byName('default-sidecar')).yaml).flatMap((d) => pods(d));
    const problems = injected.flatMap(privilegeProblems);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/container istio-init adds NET_ADMIN$/), expect.stringMatching(/container istio-init adds NET_RAW$/)]));
  });

  it('Multus (istio_cni.chained false) names istio-cni in k8s.v1.cni.cncf.io/networks; chained does not', () => {
    const annotation = (name: string): unknown[] =>
      parseDocs(run(byName(name)).yaml)
        .flatMap((d) => pods(d))
        .map((p) => obj(p.metadata['annotations'])['k8s.v1.cni.cncf.io/networks']);
    expect(annotation('cni-multus')).toEqual([expect.stringContaining('istio-cni')]);
    expect(annotation('cni')).toEqual([undefined]);
  });
});

/** inject() of `text`: its output, or the issues it refused with. */
function tryInject(c: WorkloadCase, text: string, file = c.file): { out?: InjectOutput; issues?: readonly Issue[] } {
  try {
    return { out: inject({ source: c.source, text, file }) };
  } catch (e) {
    if (e instanceof IstioOperatorError) return { issues: e.issues };
    throw e;
  }
}

describe('injecting twice', () => {
  it.each(injectedCases.map((c) => c.name))('%s: injecting the output again is refused or a no-op, never two istio-proxy containers', (name) => {
    const c = byName(name);
    const once = run(c).yaml;
    const again = tryInject(c, once, `${name}.injected.yaml`);
    if (again.issues !== undefined) {
      const text = again.issues.map(formatIssue).join('\n');
      expect(again.issues.map((i) => i.code)).toContain('inject-already-injected');
      expect(text).toMatch(/already injected/i);
    } else {
      const out = again.out as InjectOutput;
      expect(out.documents.map((d) => d.outcome)).not.toContain('injected');
      expect(parseDocs(out.yaml)).toEqual(parseDocs(once));
      for (const p of parseDocs(out.yaml).flatMap((d) => pods(d))) expect(proxies(p), p.where).toBe(PROXYLESS.has(name) ? 0 : 1);
    }
  });

  it.each(injectedCases.map((c) => c.name))('%s: an injected output without its status annotation still gets at most one istio-proxy and one iptables init container', (name) => {
    const c = byName(name);
    const once = run(c).yaml;
    const stripped = once.replace(/^\s*sidecar\.istio\.io\/status: .*\n/gm, '');
    expect(stripped).not.toContain('sidecar.istio.io/status');
    const again = tryInject(c, stripped, `${name}.stripped.yaml`);
    const before = parseDocs(once).flatMap((d) => pods(d));
    const after = parseDocs(again.out?.yaml ?? stripped).flatMap((d) => pods(d));
    expect(after.map((p) => p.where)).toEqual(before.map((p) => p.where));
    after.forEach((p, i) => {
      expect(proxies(p), p.where).toBe(proxies(before[i] as PodAt));
      expect(names(p.spec, 'initContainers').filter((n) => n === 'istio-init' || n === 'istio-validation').length, p.where).toBeLessThanOrEqual(1);
    });
  });

  it('the refusal (or no-op reason) names the workload', () => {
    const c = byName('default-sidecar');
    const again = tryInject(c, run(c).yaml, 'twice.yaml');
    const said = again.issues !== undefined ? again.issues.map(formatIssue).join('\n') : (again.out as InjectOutput).documents.map((d) => `${d.kind} ${d.name} ${d.reason ?? ''}`).join('\n');
    expect(said).toContain('productpage-v1');
    expect(said).toMatch(/already injected/i);
  });
});

describe('bad workload files', () => {
  const c = (): WorkloadCase => byName('default-sidecar');
  const refused = (text: string): string => {
    const r = tryInject(c(), text, 'bad.yaml');
    expect(r.issues, `accepted:\n${r.out?.yaml ?? ''}`).toBeDefined();
    for (const i of r.issues ?? []) expect(i.severity).toBe('error');
    return (r.issues ?? []).map(formatIssue).join('\n');
  };

  it('YAML that does not parse: the file and line', () => {
    const msg = refused('apiVersion: v1\nkind: Pod\nmetadata:\n  name: [broken\n');
    expect(msg).toMatch(/bad\.yaml:\d+/);
  });

  it('a document that is not a Kubernetes object (a scalar, a list)', () => {
    expect(refused('just some text\n')).toMatch(/document 1/);
    expect(refused('apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n  - name: a\n    image: a\n---\n- a\n- b\n')).toMatch(/document 2/);
  });

  it('a document without kind names the field', () => {
    const msg = refused('apiVersion: v1\nmetadata:\n  name: nameless\nspec:\n  containers: []\n');
    expect(msg).toMatch(/document 1/);
    expect(msg).toMatch(/\bkind\b/);
  });

  it('an unknown kind of a workload API group names the document and the kind', () => {
    const msg = refused('apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: web\n');
    expect(msg).toMatch(/document 1/);
    expect(msg).toContain('Deploymnt');
    expect(msg).toMatch(/\bkind\b/);
  });

  it('a custom resource passes through unchanged (not an error)', () => {
    const text = 'apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata:\n  name: web\nspec:\n  hosts:\n  - web\n';
    const r = tryInject(c(), text, 'vs.yaml');
    expect(r.issues?.map(formatIssue)).toBeUndefined();
    expect(parseDocs(r.out?.yaml ?? '')).toEqual(parseDocs(text));
    expect(r.out?.documents.map((d) => d.outcome)).toEqual(['passed-through']);
  });

  it('several documents with errors: each one named with its field, nothing printed', () => {
    const text = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: fine\nspec:\n  containers:\n  - name: fine\n    image: fine\n',
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - name: 42\n        image: web\n',
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: worker\nspec:\n  containers: not-a-list\n',
    ].join('---\n');
    const msg = refused(text);
    expect(msg).toMatch(/document 2 \(Deployment web\)/);
    expect(msg).toContain('spec.template.spec.containers[0].name');
    expect(msg).toMatch(/document 3 \(Pod worker\)/);
    expect(msg).toContain('spec.containers');
    expect(msg).not.toMatch(/document 1\b/);
    // Each error points at the line of the offending field.
    expect(msg).toMatch(/^bad\.yaml:24:\d+: error: document 2 \(Deployment web\)/m);
    expect(msg).toMatch(/^bad\.yaml:32:\d+: error: document 3 \(Pod worker\)/m);
  });
});

/** Every path (list of keys/indexes) of a JSON value, the root included. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (isObj(v)) for (const k of Object.keys(v)) out.push(...paths(v[k], [...at, k]));
  return out;
}

/** A copy of `v` with the value at `path` replaced. */
function replaceAt(v: unknown, path: readonly (string | number)[], value: unknown): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (Array.isArray(v)) return v.map((x, i) => (i === head ? replaceAt(x, rest, value) : x));
  if (isObj(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === head ? replaceAt(x, rest, value) : x]));
  return v;
}

describe('no crash on damaged workloads', () => {
  const sources = injectedCases.map((c) => ({ c, docs: parseDocs(c.text) }));
  const junk = fc.oneof(
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -5, max: 70000 }),
    fc.double({ noNaN: true }),
    fc.string({ maxLength: 12 }),
    fc.constantFrom('__proto__', 'istio-proxy', 'auto', '0', '*', '', 'NONE', 'TPROXY', '{"a":1}', 'sidecar,grpc-agent', 'missing-template'),
    fc.array(fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('name', 'port', 'containerPort', '__proto__', 'x'), fc.oneof(fc.string({ maxLength: 5 }), fc.integer()), { maxKeys: 3 }),
  );

  it('inject() of a fixture with one value replaced by junk returns or throws IstioOperatorError, never anything else', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), junk, (pick, where, value) => {
        const { c, docs } = sources[pick % sources.length] as { c: WorkloadCase; docs: unknown[] };
        const d = pick % docs.length;
        const all = paths(docs[d]);
        const path = all[where % all.length] as (string | number)[];
        const damaged = docs.map((x, i) => (i === d ? replaceAt(x, path, value) : x));
        const text = damaged.map((x) => stringify(x)).join('---\n');
        try {
          const out = inject({ source: c.source, text, file: 'damaged.yaml' });
          // What comes out is YAML again, and never a pod with two proxies.
          for (const p of parseDocs(out.yaml).flatMap((x) => pods(x))) expect(proxies(p)).toBeLessThanOrEqual(1);
        } catch (e) {
          if (!(e instanceof IstioOperatorError)) throw new Error(`${c.name}, ${JSON.stringify(path)} = ${JSON.stringify(value)}: ${String(e)}`);
          expect(e.issues.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});

describe("istioctl's configuration files give the same injection as the installation", () => {
  /** The rendered ConfigMap `<prefix>` (`<prefix>-<revision>` for a revision) of a case's installation. */
  const configMap = (c: WorkloadCase, prefix: string): { yaml: string; data: Record<string, string> } => {
    const name = c.source.revision === 'default' ? prefix : `${prefix}-${c.source.revision}`;
    const o = c.set.objects.find((x) => x.kind === 'ConfigMap' && x.name === name);
    if (o === undefined) throw new Error(`${c.name}: no ConfigMap ${name}`);
    return { yaml: o.yaml, data: obj(o.object['data']) as Record<string, string> };
  };

  it.each(['default-sidecar', 'cni-multus', 'custom-template', 'statefulset-canary'])('%s: the ConfigMaps as files, and their keys as files (kubectl -o jsonpath)', (name) => {
    const c = byName(name);
    const want = run(c).yaml;
    const injector = configMap(c, 'istio-sidecar-injector');
    const mesh = configMap(c, 'istio');
    const fromMaps = injectionSourceFromFiles({
      injectConfig: { text: injector.yaml, file: 'inject-cm.yaml' },
      values: { text: injector.yaml, file: 'inject-cm.yaml' },
      meshConfig: { text: mesh.yaml, file: 'mesh-cm.yaml' },
    });
    expect(inject({ source: fromMaps, text: c.text, file: c.file }).yaml).toBe(want);
    const fromKeys = injectionSourceFromFiles({
      injectConfig: { text: String(injector.data['config']), file: 'inject-config.yaml' },
      values: { text: String(injector.data['values']), file: 'inject-values.json' },
      meshConfig: { text: String(mesh.data['mesh']), file: 'mesh.yaml' },
      revision: c.source.revision,
    });
    expect(inject({ source: fromKeys, text: c.text, file: c.file }).yaml).toBe(want);
  });
});

describe("istioctl kube-inject's choices (semantics: 'istioctl')", () => {
  const runIstioctl = (c: WorkloadCase): InjectOutput => inject({ source: c.source, text: c.text, file: c.file, semantics: 'istioctl' });

  it.each(CASES.map((c) => c.name))('%s: the output passes Kubernetes validation too, without a second proxy', (name) => {
    const c = byName(name);
    const docs = parseDocs(runIstioctl(c).yaml);
    for (const version of KUBE_VERSIONS) expect(validateObjects(docs, { version }).map((i) => formatKubeIssue(i)), version).toEqual([]);
    for (const p of docs.flatMap((d) => pods(d))) expect(proxies(p), p.where).toBeLessThanOrEqual(1);
    if (cniOf(c)) expect(docs.flatMap((d) => pods(d)).flatMap(privilegeProblems)).toEqual([]);
  });

  it('injectedAnnotations are not applied: the openshift pod keeps its own Multus network', () => {
    const [pod] = parseDocs(runIstioctl(byName('openshift')).yaml).flatMap((d) => pods(d));
    expect(obj(pod?.metadata['annotations'])['k8s.v1.cni.cncf.io/networks']).toBe('sriov-net');
  });
});
