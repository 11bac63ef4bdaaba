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
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { loadChart } from '../../src/helm/load/fs.js';
import type { Chart } from '../../src/helm/load/chart.js';
import { renderChart } from '../../src/helm/render.js';
import { formatKubeIssue, KUBE_VERSIONS, validateObjects } from '../../src/manifest/kube/index.js';
import { CHARTS_ROOT, ROOT, parseDocs } from './render.js';

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

const charts = new Map<string, Chart>();
function chartOf(name: string): Chart {
  let c = charts.get(name);
  if (!c) {
    const loaded = loadChart(join(CHARTS_ROOT, name), { compat: 'helm4' });
    if (!loaded.ok) throw new Error(`charts/${name} does not load: ${loaded.error.message}`);
    c = loaded.chart;
    charts.set(name, c);
  }
  return c;
}

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
