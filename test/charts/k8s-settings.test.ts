/**
 * The Kubernetes settings set (CONTRACT "The Kubernetes settings set") in the three workload
 * charts: `pilot.k8s` (istiod), `k8s` (gateway), `cni.k8s` (cni). One test per setting per chart
 * shows the value reaching the right field of the right object, with the merge rules: maps merge
 * recursively (user wins), lists and scalars are replaced, env and volumes merge by name,
 * volumeMounts by mountPath, Service ports by port; podDisruptionBudget's minAvailable and
 * maxUnavailable are exclusive; replicaCount 0 means not set; hpaSpec (IstioOperator
 * autoscaling/v2beta1 shape) is converted to the rendered HPA API; strategy on a DaemonSet goes to
 * updateStrategy. For cni, the settings a DaemonSet has no object for are rejected by the schema.
 *
 * Expected values are computed from the chart's own output (a render with default values), so
 * the tests state the merge rules, not the charts' current defaults.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { loadChart } from '../../src/helm/load/fs.js';
import { renderChart } from '../../src/helm/render.js';
import { formatKubeIssue, KUBE_VERSIONS, validateObjects } from '../../src/manifest/kube/index.js';
import { CHARTS_ROOT, HELM_VERSIONS, ROOT, helmTemplate, parseDocs, renderOurs, repoChart, templateArgs } from './render.js';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };

interface ChartCase {
  readonly chart: 'istiod' | 'gateway' | 'cni';
  /** Where the settings block sits in the chart's values. */
  readonly path: readonly string[];
  readonly release: string;
  readonly workloadKind: 'Deployment' | 'DaemonSet';
  readonly name: string;
  readonly container: string;
}

const CASES: readonly ChartCase[] = [
  { chart: 'istiod', path: ['pilot', 'k8s'], release: 'istiod', workloadKind: 'Deployment', name: 'istiod', container: 'discovery' },
  { chart: 'gateway', path: ['k8s'], release: 'istio-ingressgateway', workloadKind: 'Deployment', name: 'istio-ingressgateway', container: 'istio-proxy' },
  { chart: 'cni', path: ['cni', 'k8s'], release: 'istio-cni', workloadKind: 'DaemonSet', name: 'istio-cni-node', container: 'install-cni' },
];

// ---------------------------------------------------------------------------------------------
// Rendering

const chartOf = repoChart;

interface Rendered {
  readonly ok: boolean;
  readonly objects: Obj[];
  readonly error: string;
}

const renders = new Map<string, Rendered>();
/** helm template of the chart (as helm 4 does) with `values` as the one -f file. */
function render(c: ChartCase, values: Obj, set: readonly string[] = []): Rendered {
  const text = stringify(values);
  const key = `${c.chart}\0${text}\0${set.join('\0')}`;
  const hit = renders.get(key);
  if (hit) return hit;
  const r = renderChart(chartOf(c.chart), {
    compat: 'helm4',
    releaseName: c.release,
    namespace: 'istio-system',
    valueFiles: [{ name: 'k8s.yaml', text }],
    set,
  });
  const out: Rendered = r.ok
    ? { ok: true, objects: parseDocs(r.stdout).map((d) => d.object as Obj), error: '' }
    : { ok: false, objects: [], error: r.error.stderr('helm4') };
  renders.set(key, out);
  return out;
}

/** The chart's values with `k8s` placed at the chart's settings path (plus `extra` values). */
function withK8s(c: ChartCase, k8s: Obj, extra: Obj = {}): Obj {
  let v: Obj = k8s;
  for (const p of [...c.path].reverse()) v = { [p]: v };
  return merge(extra, v) as Obj;
}

/** The objects of a successful render (fails the test with helm's error otherwise). */
function objects(c: ChartCase, k8s: Obj, extra: Obj = {}, set: readonly string[] = []): Obj[] {
  const r = render(c, withK8s(c, k8s, extra), set);
  if (!r.ok) throw new Error(`rendering ${c.chart} failed:\n${r.error}`);
  return r.objects;
}

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The rule the charts implement for maps: recursive, `over` wins, lists and scalars replaced. */
function merge(base: Json | undefined, over: Json | undefined): Json | undefined {
  if (over === undefined) return base;
  if (isObj(base) && isObj(over)) {
    const out: Obj = { ...base };
    for (const [k, v] of Object.entries(over)) {
      const m = merge(base[k], v);
      if (m !== undefined) Object.defineProperty(out, k, { value: m, enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return over;
}

/** The rule for keyed lists: same key replaces in place, new keys appended in order. */
function mergeByKey(base: Json | undefined, over: Json[], key: string): Json[] {
  const out = [...((base as Json[] | undefined) ?? [])];
  for (const item of over) {
    const k = (item as Obj)[key];
    const at = out.findIndex((b) => (b as Obj)[key] === k);
    if (at >= 0) out[at] = item;
    else out.push(item);
  }
  return out;
}

function find(objs: readonly Obj[], kind: string, name: string): Obj {
  const o = objs.find((x) => x.kind === kind && (x.metadata as Obj | undefined)?.name === name);
  if (!o) throw new Error(`no ${kind}/${name} among ${objs.map((x) => `${String(x.kind)}/${String((x.metadata as Obj | undefined)?.name)}`).join(', ')}`);
  return o;
}

function at(o: Json | undefined, ...path: (string | number)[]): Json | undefined {
  let cur: Json | undefined = o;
  for (const p of path) {
    if (cur === null || cur === undefined || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, Json>)[p];
  }
  return cur;
}

function workload(c: ChartCase, objs: readonly Obj[]): Obj {
  return find(objs, c.workloadKind, c.name);
}
function podSpec(c: ChartCase, objs: readonly Obj[]): Obj {
  return at(workload(c, objs), 'spec', 'template', 'spec') as Obj;
}
function container(c: ChartCase, objs: readonly Obj[]): Obj {
  const list = (at(podSpec(c, objs), 'containers') ?? []) as Obj[];
  const found = list.find((x) => x.name === c.container);
  if (!found) throw new Error(`no container ${c.container}`);
  return found;
}

/** The block of test/charts/values/<chart>-k8s-all.yaml. */
function allSettings(c: ChartCase): Obj {
  const file = parseYaml(readFileSync(join(ROOT, 'test', 'charts', 'values', `${c.chart}-k8s-all.yaml`), 'utf8')) as Obj;
  return at(file, ...c.path) as Obj;
}

/** Each setting alone, with the value of the all-settings file. */
function one(c: ChartCase, setting: string, extra: Obj = {}): Obj[] {
  return objects(c, { [setting]: allSettings(c)[setting] }, extra);
}
function defaults(c: ChartCase, extra: Obj = {}): Obj[] {
  return objects(c, {}, extra);
}

/** The CustomResourceDefinitions of the base chart (for Istio resources such as EnvoyFilter). */
let baseCrds: Obj[] | undefined;
function crds(): Obj[] {
  if (!baseCrds) {
    const loaded = loadChart(join(CHARTS_ROOT, 'base'), { compat: 'helm4' });
    if (!loaded.ok) throw new Error(`charts/base does not load: ${loaded.error.message}`);
    const r = renderChart(loaded.chart, { compat: 'helm4', releaseName: 'istio-base', namespace: 'istio-system' });
    if (!r.ok) throw new Error(`rendering base failed:\n${r.error.stderr('helm4')}`);
    baseCrds = parseDocs(r.stdout).map((d) => d.object as Obj).filter((o) => o.kind === 'CustomResourceDefinition');
  }
  return baseCrds;
}

// ---------------------------------------------------------------------------------------------

const DEPLOYMENT_SETTINGS = ['replicaCount', 'hpaSpec', 'podDisruptionBudget', 'service', 'serviceAnnotations'] as const;
const ALL_SETTINGS = [
  'resources', 'env', 'nodeSelector', 'tolerations', 'affinity', 'podAnnotations', 'replicaCount', 'strategy',
  'readinessProbe', 'securityContext', 'priorityClassName', 'imagePullPolicy', 'hpaSpec', 'podDisruptionBudget',
  'service', 'serviceAnnotations', 'volumes', 'volumeMounts',
] as const;

for (const c of CASES) {
  const daemonSet = c.workloadKind === 'DaemonSet';

  describe(`${c.chart}: ${c.path.join('.')}`, () => {
    it('the all-settings values file sets every applicable setting', () => {
      const expected = daemonSet ? ALL_SETTINGS.filter((s) => !(DEPLOYMENT_SETTINGS as readonly string[]).includes(s)) : [...ALL_SETTINGS];
      expect(Object.keys(allSettings(c)).sort()).toEqual([...expected].sort());
      expect(() => objects(c, allSettings(c))).not.toThrow();
    });

    it('the all-settings values file gives valid objects (strict) for the oldest and newest Kubernetes version', () => {
      const objs = objects(c, allSettings(c));
      for (const version of [KUBE_VERSIONS[0], KUBE_VERSIONS[KUBE_VERSIONS.length - 1]]) {
        const issues = validateObjects(objs, { version, crds: crds() }).map((i) => formatKubeIssue(i));
        expect(issues, `Kubernetes ${version}`).toEqual([]);
      }
    });

    it('resources merge by key with the chart\'s (limits only keeps the chart\'s requests)', () => {
      const user = allSettings(c).resources as Obj;
      expect(user.requests).toBeUndefined();
      const before = at(container(c, defaults(c)), 'resources');
      const after = at(container(c, one(c, 'resources')), 'resources');
      expect(after).toEqual(merge(before ?? {}, user));
      expect(at(after, 'limits')).toEqual(merge(at(before, 'limits') ?? {}, user.limits));
      // a single key: the chart's other keys stay
      const cpuOnly = at(container(c, objects(c, { resources: { requests: { cpu: '123m' } } })), 'resources');
      expect(cpuOnly).toEqual(merge(before ?? {}, { requests: { cpu: '123m' } }));
    });

    it('env merges by name: same name replaced in place, new entries appended, chart entries kept', () => {
      const user = allSettings(c).env as Obj[];
      const extra: Obj = c.chart === 'gateway' ? { networkGateway: 'network-2' } : {};
      const before = at(container(c, defaults(c, extra)), 'env') as Json[] | undefined;
      const after = at(container(c, one(c, 'env', extra)), 'env');
      expect(after).toEqual(mergeByKey(before, user, 'name'));
      // the file's first entry replaces one of the chart's, the valueFrom one is new
      expect((before ?? []).some((e) => (e as Obj).name === user[0].name)).toBe(c.chart !== 'gateway');
      expect(user.some((e) => e.valueFrom !== undefined)).toBe(true);
      if (c.chart === 'gateway') {
        // with networkGateway the chart has an entry of its own; replace it by name
        const replaced = at(container(c, objects(c, { env: [{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: 'other' }] }, extra)), 'env');
        expect(replaced).toEqual(mergeByKey(before, [{ name: 'ISTIO_META_REQUESTED_NETWORK_VIEW', value: 'other' }], 'name'));
      }
    });

    it('nodeSelector merges into spec.template.spec.nodeSelector', () => {
      const user = allSettings(c).nodeSelector as Obj;
      const before = at(podSpec(c, defaults(c)), 'nodeSelector');
      expect(at(podSpec(c, one(c, 'nodeSelector')), 'nodeSelector')).toEqual(merge(before ?? {}, user));
    });

    it('tolerations replace the chart\'s', () => {
      const user = allSettings(c).tolerations as Json;
      expect(at(podSpec(c, one(c, 'tolerations')), 'tolerations')).toEqual(user);
    });

    it('affinity reaches spec.template.spec.affinity', () => {
      const user = allSettings(c).affinity as Json;
      const before = at(podSpec(c, defaults(c)), 'affinity');
      expect(at(podSpec(c, one(c, 'affinity')), 'affinity')).toEqual(merge(before ?? {}, user));
    });

    it('podAnnotations merge into spec.template.metadata.annotations', () => {
      const user = allSettings(c).podAnnotations as Obj;
      const before = at(workload(c, defaults(c)), 'spec', 'template', 'metadata', 'annotations');
      expect(at(workload(c, one(c, 'podAnnotations')), 'spec', 'template', 'metadata', 'annotations')).toEqual(merge(before ?? {}, user));
      // keys are data: __proto__ and dotted keys arrive as annotation names
      const odd = at(workload(c, objects(c, { podAnnotations: { ['__proto__']: 'p', 'a.b/c.d': 'e' } })), 'spec', 'template', 'metadata', 'annotations') as Obj;
      expect(Object.prototype.hasOwnProperty.call(odd, '__proto__')).toBe(true);
      expect(Object.getOwnPropertyDescriptor(odd, '__proto__')?.value).toBe('p');
      expect(odd['a.b/c.d']).toBe('e');
    });

    if (!daemonSet) {
      it('replicaCount sets spec.replicas; 0 means not set', () => {
        const user = allSettings(c).replicaCount as number;
        expect(at(workload(c, one(c, 'replicaCount')), 'spec', 'replicas')).toBe(user);
        expect(at(workload(c, objects(c, { replicaCount: 0 })), 'spec', 'replicas')).toEqual(at(workload(c, defaults(c)), 'spec', 'replicas'));
      });
    }

    it(`strategy merges into spec.${daemonSet ? 'updateStrategy' : 'strategy'}; another type drops the chart's rollingUpdate`, () => {
      const field = daemonSet ? 'updateStrategy' : 'strategy';
      const user = allSettings(c).strategy as Obj;
      const before = at(workload(c, defaults(c)), 'spec', field);
      expect(at(workload(c, one(c, 'strategy')), 'spec', field)).toEqual(merge(before ?? {}, user));
      const other = daemonSet ? 'OnDelete' : 'Recreate';
      expect(at(workload(c, objects(c, { strategy: { type: other } })), 'spec', field)).toEqual({ type: other });
      if (daemonSet) expect(at(workload(c, one(c, 'strategy')), 'spec', 'strategy')).toBeUndefined();
    });

    it('readinessProbe merges into the main container\'s probe; a new action replaces the chart\'s', () => {
      const user = allSettings(c).readinessProbe as Obj;
      const before = at(container(c, defaults(c)), 'readinessProbe') as Obj | undefined;
      expect(at(container(c, one(c, 'readinessProbe')), 'readinessProbe')).toEqual(merge(before ?? {}, user));
      const exec = { exec: { command: ['cat', '/tmp/ready'] } };
      const replaced = at(container(c, objects(c, { readinessProbe: exec })), 'readinessProbe') as Obj;
      expect(replaced.exec).toEqual(exec.exec);
      expect(replaced.httpGet).toBeUndefined();
      expect(replaced.tcpSocket).toBeUndefined();
      for (const k of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'failureThreshold', 'successThreshold']) {
        expect(replaced[k]).toEqual(before?.[k]);
      }
    });

    it('securityContext merges into the pod security context', () => {
      const user = allSettings(c).securityContext as Obj;
      const before = at(podSpec(c, defaults(c)), 'securityContext');
      expect(at(podSpec(c, one(c, 'securityContext')), 'securityContext')).toEqual(merge(before ?? {}, user));
      // a scalar of the chart's is overridden, nested maps merge
      const sc = at(podSpec(c, objects(c, { securityContext: { runAsUser: 2000, seLinuxOptions: { level: 's0:c1' } } })), 'securityContext');
      expect(sc).toEqual(merge(before ?? {}, { runAsUser: 2000, seLinuxOptions: { level: 's0:c1' } }));
    });

    it('priorityClassName reaches spec.template.spec.priorityClassName', () => {
      const user = allSettings(c).priorityClassName as string;
      expect(at(podSpec(c, defaults(c)), 'priorityClassName')).not.toBe(user);
      expect(at(podSpec(c, one(c, 'priorityClassName')), 'priorityClassName')).toBe(user);
    });

    it('imagePullPolicy reaches the main container', () => {
      const user = allSettings(c).imagePullPolicy as string;
      expect(at(container(c, defaults(c)), 'imagePullPolicy')).not.toBe(user);
      expect(at(container(c, one(c, 'imagePullPolicy')), 'imagePullPolicy')).toBe(user);
    });

    it('volumes merge by name into the pod volumes', () => {
      const user = allSettings(c).volumes as Obj[];
      const before = at(podSpec(c, defaults(c)), 'volumes') as Json[] | undefined;
      expect(at(podSpec(c, one(c, 'volumes')), 'volumes')).toEqual(mergeByKey(before, user, 'name'));
      if (before !== undefined && before.length > 0) {
        const first = before[0] as Obj;
        const repl = { name: first.name, emptyDir: {} } as Obj;
        const out = at(podSpec(c, objects(c, { volumes: [repl] })), 'volumes') as Json[];
        expect(out[0]).toEqual(repl);
        expect(out).toHaveLength(before.length);
      }
    });

    it('volumeMounts merge by mountPath into the main container', () => {
      const user = allSettings(c).volumeMounts as Obj[];
      const before = at(container(c, defaults(c)), 'volumeMounts') as Json[] | undefined;
      const objs = objects(c, { volumes: allSettings(c).volumes, volumeMounts: user });
      expect(at(container(c, objs), 'volumeMounts')).toEqual(mergeByKey(before, user, 'mountPath'));
    });

    if (!daemonSet) {
      it('hpaSpec merges into the HorizontalPodAutoscaler; v2beta1 metrics are converted', () => {
        const user = allSettings(c).hpaSpec as Obj;
        const before = at(find(defaults(c), 'HorizontalPodAutoscaler', c.name), 'spec') as Obj;
        const spec = at(find(one(c, 'hpaSpec'), 'HorizontalPodAutoscaler', c.name), 'spec') as Obj;
        expect(spec.minReplicas).toBe(user.minReplicas);
        expect(spec.maxReplicas).toBe(user.maxReplicas);
        expect(spec.scaleTargetRef).toEqual(before.scaleTargetRef);
        const converted = (user.metrics as Obj[]).map((m) => {
          const r = m.resource as Obj;
          const target = r.targetAverageUtilization !== undefined
            ? { type: 'Utilization', averageUtilization: r.targetAverageUtilization }
            : { type: 'AverageValue', averageValue: r.targetAverageValue };
          return { type: m.type, resource: { name: r.name, target } };
        });
        expect(spec.metrics).toEqual(converted);
        // without metrics of the user's, the chart's stay
        const minOnly = at(find(objects(c, { hpaSpec: { minReplicas: 3 } }), 'HorizontalPodAutoscaler', c.name), 'spec') as Obj;
        expect(minOnly).toEqual({ ...before, minReplicas: 3 });
      });

      it('podDisruptionBudget merges into the PDB; minAvailable and maxUnavailable are exclusive', () => {
        const before = at(find(defaults(c), 'PodDisruptionBudget', c.name), 'spec') as Obj;
        expect(before.minAvailable).toBeDefined();
        const user = allSettings(c).podDisruptionBudget as Obj;
        const spec = at(find(one(c, 'podDisruptionBudget'), 'PodDisruptionBudget', c.name), 'spec') as Obj;
        expect(spec).toEqual({ selector: before.selector, maxUnavailable: user.maxUnavailable });
        const pct = at(find(objects(c, { podDisruptionBudget: { minAvailable: '50%' } }), 'PodDisruptionBudget', c.name), 'spec');
        expect(pct).toEqual({ ...before, minAvailable: '50%' });
        const zero = at(find(objects(c, { podDisruptionBudget: { maxUnavailable: 0 } }), 'PodDisruptionBudget', c.name), 'spec');
        expect(zero).toEqual({ selector: before.selector, maxUnavailable: 0 });
      });

      it('service merges into the Service spec; ports merge by port', () => {
        const user = allSettings(c).service as Obj;
        const before = at(find(defaults(c), 'Service', c.name), 'spec') as Obj;
        const spec = at(find(one(c, 'service'), 'Service', c.name), 'spec') as Obj;
        const { ports: userPorts, ...rest } = user;
        expect(spec).toEqual({ ...(merge(before, rest) as Obj), ports: mergeByKey(before.ports, userPorts as Json[], 'port') });
        // one of the file's ports replaces a chart port, another is new
        const ports = (before.ports as Obj[]).map((p) => p.port);
        expect((userPorts as Obj[]).map((p) => ports.includes(p.port))).toEqual([true, false]);
      });

      it('serviceAnnotations merge into the Service annotations', () => {
        const user = allSettings(c).serviceAnnotations as Obj;
        const before = at(find(defaults(c), 'Service', c.name), 'metadata', 'annotations');
        expect(at(find(one(c, 'serviceAnnotations'), 'Service', c.name), 'metadata', 'annotations')).toEqual(merge(before ?? {}, user));
      });
    } else {
      for (const setting of DEPLOYMENT_SETTINGS) {
        it(`${setting} is rejected by the schema (a DaemonSet has no such object)`, () => {
          const sample: Record<string, Json> = {
            replicaCount: 2,
            hpaSpec: { minReplicas: 1 },
            podDisruptionBudget: { minAvailable: 1 },
            service: { type: 'ClusterIP' },
            serviceAnnotations: { a: 'b' },
          };
          const r = render(c, withK8s(c, { [setting]: sample[setting] }));
          expect(r.ok).toBe(false);
          expect(r.error).toContain('values don\'t meet the specifications of the schema');
          expect(r.error).toContain(`/${c.path.join('/')}`);
          expect(r.error).toContain(setting);
        });
      }
    }
  });
}

describe('gateway with kind DaemonSet', () => {
  const gw = CASES.find((x) => x.chart === 'gateway') as ChartCase;
  const ds: ChartCase = { ...gw, workloadKind: 'DaemonSet' };
  const extra: Obj = { kind: 'DaemonSet' };

  it('strategy merges into spec.updateStrategy', () => {
    const objs = objects(ds, { strategy: { rollingUpdate: { maxUnavailable: 2 } } }, extra);
    const spec = at(workload(ds, objs), 'spec') as Obj;
    expect(spec.strategy).toBeUndefined();
    expect(at(spec, 'updateStrategy', 'rollingUpdate', 'maxUnavailable')).toBe(2);
  });

  it('replicaCount, hpaSpec and podDisruptionBudget have no object to reach', () => {
    const all = allSettings(gw);
    const objs = objects(ds, { replicaCount: all.replicaCount, hpaSpec: all.hpaSpec, podDisruptionBudget: all.podDisruptionBudget }, extra);
    expect(at(workload(ds, objs), 'spec', 'replicas')).toBeUndefined();
    expect(objs.filter((o) => o.kind === 'HorizontalPodAutoscaler' || o.kind === 'PodDisruptionBudget')).toEqual([]);
  });

  it('the all-settings values file gives valid objects (strict)', () => {
    const objs = objects(ds, allSettings(gw), extra);
    for (const version of [KUBE_VERSIONS[0], KUBE_VERSIONS[KUBE_VERSIONS.length - 1]]) {
      expect(validateObjects(objs, { version, crds: crds() }).map((i) => formatKubeIssue(i)), `Kubernetes ${version}`).toEqual([]);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The helpers themselves (scripts/gen/chart-shared/_k8s-settings.tpl) on a small fixture chart:
// the same output from helm 3.17.3, helm 4.1.4 and the library, and the merge rules on edge
// cases (nulls, false, ints, __proto__ and dotted keys, numbers from files and from --set).

const FIXTURE_VALUES = `
base:
  a: 1
  big: 12345678
  f: 0.5
  s: x
  b: true
  m: {x: 1, yy: {z: 2, keep: true}, l: [1, 2]}
  "__proto__": {polluted: true}
  "dotted.key": v
over:
  m: {yy: {z: 3, "a.b": 4}, l: [9]}
  s: null
  b: false
  "__proto__": {p2: 1}
  new: {deep: {nn: 7}}
envBase:
  - {name: A, value: "1"}
  - {name: B, value: "2"}
  - {name: C, value: "3"}
envOver:
  - {name: B, valueFrom: {fieldRef: {fieldPath: metadata.name}}}
  - {name: D, value: "4"}
  - {name: D, value: "5"}
  - {name: A, value: "x"}
ports:
  - {port: 80, name: http}
  - {port: 443, name: https}
portsOver:
  - {port: 443, name: tls, targetPort: 8443}
  - {port: 15021, name: status}
pdbBase: {minAvailable: 1, selector: {matchLabels: {app: x}}}
pdbOver: {maxUnavailable: 0}
svcBase: {type: ClusterIP, ports: [{port: 80, name: http}], selector: {app: x}}
svcOver: {type: LoadBalancer, ports: [{port: 80, name: http2}, {port: 81}], selector: {extra: "y"}}
hpaBase:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: w}
  minReplicas: 1
  maxReplicas: 5
  metrics: [{type: Resource, resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}}]
hpaOver:
  maxReplicas: 9
  metrics:
  - {type: Resource, resource: {name: cpu, targetAverageUtilization: 60}}
  - {type: ContainerResource, containerResource: {name: memory, container: c, targetAverageValue: 1Gi}}
  - {type: Pods, pods: {metricName: rps, targetAverageValue: "100", selector: {matchLabels: {a: b}}}}
  - {type: Object, object: {target: {kind: Service, name: s}, metricName: hits, targetValue: "10"}}
  - {type: External, external: {metricName: q, metricSelector: {matchLabels: {q: x}}, targetAverageValue: "3"}}
probeBase: {httpGet: {path: /ready, port: 8080}, initialDelaySeconds: 1, periodSeconds: 3}
probeOver: {exec: {command: [cat, /x]}, initialDelaySeconds: 9}
stratBase: {rollingUpdate: {maxSurge: 100%, maxUnavailable: 25%}}
stratOver: {type: Recreate}
`;

const FIXTURE_TEMPLATE = `apiVersion: v1
kind: ConfigMap
metadata:
  name: k8s-helpers
data:
  mergeMap: |
    {{- include "k8s.mergeMap" (dict "base" .Values.base "over" .Values.over) | nindent 4 }}
  mergeMapNil: |
    {{- include "k8s.mergeMap" (dict "base" .Values.base "over" nil) | nindent 4 }}
  mergeMapEmpty: |
    {{- include "k8s.mergeMap" (dict "base" nil "over" nil) | nindent 4 }}
  mergeMapFromYaml: |
    {{- include "k8s.mergeMap" (dict "base" (fromYaml "a: 1\\nb: 1337\\nc: 3.5\\nd: '007'") "over" (dict "e" 2)) | nindent 4 }}
  mergeList: |
    {{- include "k8s.mergeList" (dict "base" .Values.envBase "over" .Values.envOver "key" "name") | nindent 4 }}
  mergeListNil: |
    {{- include "k8s.mergeList" (dict "base" .Values.envBase "over" nil "key" "name") | nindent 4 }}
  mergeListEmpty: |
    {{- include "k8s.mergeList" (dict "base" (list) "over" (list) "key" "name") | nindent 4 }}
  mergeListPorts: |
    {{- include "k8s.mergeList" (dict "base" (fromYamlArray "- {port: 80}\\n- {port: 443}") "over" .Values.portsOver "key" "port") | nindent 4 }}
  pdbSpec: |
    {{- include "k8s.pdbSpec" (dict "base" .Values.pdbBase "over" .Values.pdbOver) | nindent 4 }}
  pdbSpecSelector: |
    {{- include "k8s.pdbSpec" (dict "base" .Values.pdbBase "over" (dict "selector" (dict "matchLabels" (dict "b" "c")))) | nindent 4 }}
  serviceSpec: |
    {{- include "k8s.serviceSpec" (dict "base" .Values.svcBase "over" .Values.svcOver) | nindent 4 }}
  hpaSpec: |
    {{- include "k8s.hpaSpec" (dict "base" .Values.hpaBase "over" .Values.hpaOver) | nindent 4 }}
  probe: |
    {{- include "k8s.probe" (dict "base" .Values.probeBase "over" .Values.probeOver) | nindent 4 }}
  strategy: |
    {{- include "k8s.strategy" (dict "base" .Values.stratBase "over" .Values.stratOver) | nindent 4 }}
  inputsAfter: |
    {{- toYaml .Values | nindent 4 }}
`;

/** A fixed folder (the helm result cache is keyed by the chart path and content). */
const FIXTURE = join(tmpdir(), 'istio-installer-k8s-settings-fixture');
function writeFixture(): void {
  rmSync(FIXTURE, { recursive: true, force: true });
  mkdirSync(join(FIXTURE, 'templates'), { recursive: true });
  writeFileSync(join(FIXTURE, 'Chart.yaml'), 'apiVersion: v2\nname: k8s-helpers\nversion: 0.1.0\n');
  writeFileSync(join(FIXTURE, 'values.yaml'), FIXTURE_VALUES);
  writeFileSync(join(FIXTURE, 'templates', '_k8s-settings.tpl'), readFileSync(join(ROOT, 'scripts', 'gen', 'chart-shared', '_k8s-settings.tpl')));
  writeFileSync(join(FIXTURE, 'templates', 'helpers.yaml'), FIXTURE_TEMPLATE);
}

describe('_k8s-settings.tpl helpers on a fixture chart', () => {
  writeFixture();
  const variants: { readonly name: string; readonly set: readonly string[] }[] = [
    { name: 'values from the file', set: [] },
    // ints from --set are int64 (file numbers are float64): keys still match, nulls still delete
    { name: 'numbers and nulls from --set', set: ['portsOver[0].port=80', 'portsOver[0].name=tls', 'over.a=null', 'pdbOver.maxUnavailable=null', 'pdbOver.minAvailable=2'] },
  ];
  for (const v of variants) {
    it(`helm 3, helm 4 and the library agree (${v.name})`, async () => {
      const args = templateArgs({ releaseName: 'r', set: v.set });
      for (const version of HELM_VERSIONS) {
        const helm = await helmTemplate(version, FIXTURE, args);
        expect(helm.stderr).toBe('');
        expect(helm.exitCode).toBe(0);
        const ours = renderOurs(FIXTURE, { compat: version, releaseName: 'r', set: v.set });
        expect(ours.stdout, version).toBe(helm.stdout);
      }
    });
  }

  function data(set: readonly string[] = []): Record<string, Json> {
    const r = renderOurs(FIXTURE, { releaseName: 'r', set });
    expect(r.exitCode).toBe(0);
    const cm = parseDocs(r.stdout)[0].object as { data: Record<string, string> };
    const out: Record<string, Json> = {};
    for (const [k, text] of Object.entries(cm.data)) {
      Object.defineProperty(out, k, { value: parseYaml(text, { version: '1.1' }) as Json, enumerable: true });
    }
    return out;
  }

  it('k8s.mergeMap: recursive, user wins (false too), lists replaced, null deletes, odd keys are data, ints stay ints', () => {
    const d = data();
    const expected: Obj = {
      a: 1, big: 12345678, f: 0.5, b: false, 'dotted.key': 'v',
      m: { x: 1, yy: { z: 3, keep: true, 'a.b': 4 }, l: [9] },
      new: { deep: { nn: 7 } },
    };
    Object.defineProperty(expected, '__proto__', { value: { polluted: true, p2: 1 }, enumerable: true });
    expect(d.mergeMap).toEqual(expected);
    expect(Object.getOwnPropertyDescriptor(d.mergeMap, '__proto__')?.value).toEqual({ polluted: true, p2: 1 });
    expect((d.mergeMap as Obj).s).toBeUndefined();
    expect((d.mergeMapNil as Obj).s).toBe('x');
    expect(d.mergeMapEmpty).toEqual({});
    const r = renderOurs(FIXTURE, { releaseName: 'r' });
    expect(r.stdout).toContain('    b: 1337\n');
    expect(r.stdout).toContain('    big: 12345678\n');
    expect(d.mergeMapFromYaml).toEqual({ a: 1, b: 1337, c: 3.5, d: '007', e: 2 });
  });

  it('the helpers do not modify their arguments', () => {
    const d = data();
    const values = parseYaml(FIXTURE_VALUES, { version: '1.1' }) as Obj;
    expect(d.inputsAfter).toEqual(values);
  });

  it('k8s.mergeList: replaced in place by key, new entries appended, last duplicate wins, nil/empty over keeps base', () => {
    const d = data();
    expect(d.mergeList).toEqual([
      { name: 'A', value: 'x' },
      { name: 'B', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
      { name: 'C', value: '3' },
      { name: 'D', value: '5' },
    ]);
    expect(d.mergeListNil).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }]);
    expect(d.mergeListEmpty).toEqual([]);
    expect(d.mergeListPorts).toEqual([{ port: 80 }, { name: 'tls', port: 443, targetPort: 8443 }, { name: 'status', port: 15021 }]);
    // an int64 port from --set matches a float64 one from fromYamlArray
    // (--set replaces the whole portsOver list)
    expect(data(['portsOver[0].port=80', 'portsOver[0].name=tls']).mergeListPorts).toEqual([{ port: 80, name: 'tls' }, { port: 443 }]);
  });

  it('k8s.pdbSpec: the user\'s minAvailable or maxUnavailable (0 included) drops both of the chart\'s', () => {
    const d = data();
    expect(d.pdbSpec).toEqual({ maxUnavailable: 0, selector: { matchLabels: { app: 'x' } } });
    expect(d.pdbSpecSelector).toEqual({ minAvailable: 1, selector: { matchLabels: { app: 'x', b: 'c' } } });
    expect(data(['pdbOver.maxUnavailable=null', 'pdbOver.minAvailable=2']).pdbSpec).toEqual({ minAvailable: 2, selector: { matchLabels: { app: 'x' } } });
  });

  it('k8s.serviceSpec: ports merge by port, the rest as a map', () => {
    expect(data().serviceSpec).toEqual({
      type: 'LoadBalancer',
      ports: [{ name: 'http2', port: 80 }, { port: 81 }],
      selector: { app: 'x', extra: 'y' },
    });
  });

  it('k8s.hpaSpec: IstioOperator (v2beta1) metrics converted to the v2 shape, replacing the chart\'s', () => {
    expect(data().hpaSpec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'w' },
      minReplicas: 1,
      maxReplicas: 9,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
        { type: 'ContainerResource', containerResource: { name: 'memory', container: 'c', target: { type: 'AverageValue', averageValue: '1Gi' } } },
        { type: 'Pods', pods: { metric: { name: 'rps', selector: { matchLabels: { a: 'b' } } }, target: { type: 'AverageValue', averageValue: '100' } } },
        { type: 'Object', object: { describedObject: { kind: 'Service', name: 's' }, metric: { name: 'hits' }, target: { type: 'Value', value: '10' } } },
        { type: 'External', external: { metric: { name: 'q', selector: { matchLabels: { q: 'x' } } }, target: { type: 'AverageValue', averageValue: '3' } } },
      ],
    });
  });

  it('k8s.probe and k8s.strategy: a new action or type replaces the chart\'s', () => {
    const d = data();
    expect(d.probe).toEqual({ exec: { command: ['cat', '/x'] }, initialDelaySeconds: 9, periodSeconds: 3 });
    expect(d.strategy).toEqual({ type: 'Recreate' });
  });
});
