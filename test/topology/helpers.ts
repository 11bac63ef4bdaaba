/**
 * Shared by the topology consistency tests: the topologies of docs/examples/topologies (one
 * IstioOperator file per cluster, plus the Istio YAML a topology applies by hand), each cluster
 * rendered with render() exactly as `istio-installer manifest generate -f <cluster>.yaml` does, and
 * small readers for what the checks compare across clusters (container env, volumes, the mesh
 * ConfigMap, where a Service sends a port).
 *
 * The checks collect problems as sentences ("config: MutatingWebhookConfiguration X: ...") and
 * expect the list to be empty, so a failure says what does not fit with what.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments } from 'yaml';
import { safeRender, type ManifestObject, type ManifestSet } from '../../src/manifest/index.js';
import { formatIssue } from '../../src/operator/issues.js';

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, '..', '..');
export const TOPOLOGY_DIR = join(ROOT, 'docs', 'examples', 'topologies');
export const GOLDEN_DIR = join(ROOT, 'test', 'golden', 'topologies');

/** Every topology of the contract and its clusters (file base names). */
export const TOPOLOGIES: Readonly<Record<string, readonly string[]>> = {
  'external-control-plane': ['config', 'control', 'remote2'],
  'primary-remote': ['primary', 'remote'],
  'multi-primary-multi-network': ['east', 'west'],
  'multi-cluster-services': ['cluster1', 'cluster2', 'cluster1-1.12'],
};

/** The extra Istio YAML of a topology (applied by hand in the named cluster). */
export const EXTRA_YAML: Readonly<Record<string, readonly { readonly file: string; readonly clusters: readonly string[] }[]>> = {
  'primary-remote': [
    { file: 'expose-istiod.yaml', clusters: ['primary'] },
    // The VM example of docs/topologies/vm-workloads.md joins the primary.
    { file: '../vm-workloads/workloadgroup.yaml', clusters: ['primary'] },
  ],
  'multi-primary-multi-network': [{ file: 'cross-network-gateway.yaml', clusters: ['east', 'west'] }],
};

export type Data = Readonly<Record<string, unknown>>;

/** Repository-relative path of a topology file. */
export function topologyPath(topology: string, file: string): string {
  return `docs/examples/topologies/${topology}/${file}`;
}

export function readTopologyFile(topology: string, file: string): string {
  return readFileSync(join(TOPOLOGY_DIR, topology, file), 'utf8');
}

const renders = new Map<string, ManifestSet>();

/**
 * The cluster's manifest set (`manifest generate -f <topology>/<cluster>.yaml`, for `kubeVersion`
 * or the default); throws an Error listing every issue when the file does not render.
 */
export function renderCluster(topology: string, cluster: string, kubeVersion?: string): ManifestSet {
  const key = `${topology}/${cluster}@${kubeVersion ?? ''}`;
  const hit = renders.get(key);
  if (hit) return hit;
  const file = topologyPath(topology, `${cluster}.yaml`);
  const r = safeRender({ files: [{ name: file, text: readTopologyFile(topology, `${cluster}.yaml`) }], ...(kubeVersion !== undefined ? { kubeVersion } : {}) });
  if (!r.success) throw new Error(`${file} does not render:\n${r.issues.map(formatIssue).join('\n')}`);
  renders.set(key, r.data);
  return r.data;
}

/** The documents of a YAML file (empty documents left out). */
export function yamlDocuments(text: string): Data[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((d): d is Data => isRecord(d));
}

// ---------------------------------------------------------------------------------------------
// Reading plain data.

export function isRecord(v: unknown): v is Data {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The value at `path` (keys and list indices), or undefined. */
export function at(v: unknown, ...path: readonly (string | number)[]): unknown {
  let cur: unknown = v;
  for (const k of path) {
    if (typeof k === 'number') cur = Array.isArray(cur) ? (cur[k] as unknown) : undefined;
    else cur = isRecord(cur) && Object.hasOwn(cur, k) ? cur[k] : undefined;
  }
  return cur;
}

export function list(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** `labels` includes every key/value of `selector` (an empty selector matches nothing here). */
export function selects(selector: unknown, labels: unknown): boolean {
  if (!isRecord(selector) || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => at(labels, k) === v);
}

// ---------------------------------------------------------------------------------------------
// Objects of a manifest set.

export function objectsOf(set: ManifestSet, kind: string, name?: string, namespace?: string): ManifestObject[] {
  return set.objects.filter((o) => o.kind === kind && (name === undefined || o.name === name) && (namespace === undefined || o.namespace === namespace));
}

/** The one object, or undefined (several namespaces: the first). */
export function objectOf(set: ManifestSet, kind: string, name: string, namespace?: string): Data | undefined {
  return objectsOf(set, kind, name, namespace)[0]?.object;
}

/** What a cluster rendered of a kind, for messages: `Service a/b, Service a/c` or `no Service`. */
export function rendered(set: ManifestSet, kind: string): string {
  const names = objectsOf(set, kind).map((o) => `${o.namespace !== undefined ? `${o.namespace}/` : ''}${o.name}`);
  return names.length > 0 ? `${kind} rendered: ${names.join(', ')}` : `no ${kind} rendered`;
}

/** The values the chart of `component` rendered with (the first such component). */
export function componentValues(set: ManifestSet, component: string, gatewayName?: string): Data | undefined {
  return set.components.find((c) => c.component === component && (gatewayName === undefined || c.gatewayName === gatewayName))?.values;
}

/** values.global of the cluster's control-plane chart (Pilot, else IstiodRemote, else Base). */
export function globalValues(set: ManifestSet): Data {
  for (const c of ['Pilot', 'IstiodRemote', 'Base']) {
    const g = at(componentValues(set, c), 'global');
    if (isRecord(g)) return g;
  }
  return {};
}

export interface Container {
  readonly name: string;
  readonly env: ReadonlyMap<string, string>;
  readonly mounts: ReadonlyMap<string, string>;
  readonly image: string | undefined;
}

/** The containers of a Deployment/DaemonSet's pod template, with env (valueFrom as `<from ...>`) and volume mounts by volume name. */
export function containers(workload: Data | undefined): Container[] {
  return list(at(workload, 'spec', 'template', 'spec', 'containers')).map((c) => {
    const env = new Map<string, string>();
    for (const e of list(at(c, 'env'))) {
      const name = str(at(e, 'name'));
      if (name === undefined) continue;
      const value = at(e, 'value');
      env.set(name, value === undefined ? `<from ${JSON.stringify(at(e, 'valueFrom'))}>` : String(value as string));
    }
    const mounts = new Map<string, string>();
    for (const m of list(at(c, 'volumeMounts'))) {
      const name = str(at(m, 'name'));
      if (name !== undefined) mounts.set(name, str(at(m, 'mountPath')) ?? '');
    }
    return { name: str(at(c, 'name')) ?? '', env, mounts, image: str(at(c, 'image')) };
  });
}

/** The pod template's volumes by name. */
export function volumes(workload: Data | undefined): ReadonlyMap<string, Data> {
  const out = new Map<string, Data>();
  for (const v of list(at(workload, 'spec', 'template', 'spec', 'volumes'))) {
    const name = str(at(v, 'name'));
    if (name !== undefined && isRecord(v)) out.set(name, v);
  }
  return out;
}

/** The discovery container of Deployment istiod[-rev] in `namespace`. */
export function istiodContainer(set: ManifestSet, namespace: string, name = 'istiod'): Container | undefined {
  return containers(objectOf(set, 'Deployment', name, namespace)).find((c) => c.name === 'discovery');
}

/** The mesh configuration (ConfigMap data.mesh) as data, or undefined when that ConfigMap is not rendered. */
export function meshConfig(set: ManifestSet, namespace: string, name = 'istio'): Data | undefined {
  const mesh = str(at(objectOf(set, 'ConfigMap', name, namespace), 'data', 'mesh'));
  if (mesh === undefined) return undefined;
  const v = parse(mesh) as unknown;
  return isRecord(v) ? v : {};
}

/** The networks of the meshNetworks key of the mesh ConfigMap (`networks:`), or undefined. */
export function meshNetworks(set: ManifestSet, namespace: string, name = 'istio'): Data | undefined {
  const text = str(at(objectOf(set, 'ConfigMap', name, namespace), 'data', 'meshNetworks'));
  if (text === undefined) return undefined;
  const networks = at(parse(text) as unknown, 'networks');
  return isRecord(networks) ? networks : {};
}

/** The injection values (ConfigMap istio-sidecar-injector data.values, JSON), or undefined. */
export function injectorValues(set: ManifestSet, namespace: string, name = 'istio-sidecar-injector'): Data | undefined {
  const text = str(at(objectOf(set, 'ConfigMap', name, namespace), 'data', 'values'));
  if (text === undefined) return undefined;
  const v = JSON.parse(text) as unknown;
  return isRecord(v) ? v : {};
}

// ---------------------------------------------------------------------------------------------
// Addresses: where a Service port leads, inside one cluster and across clusters.

/** `name.namespace.svc[.cluster.local][:port]` -> its parts; undefined for anything else (an IP, an outside host). */
export function serviceHost(address: string): { name: string; namespace: string; port: number | undefined } | undefined {
  const m = /^([a-z0-9-]+)\.([a-z0-9-]+)\.svc(?:\.cluster\.local)?(?::([0-9]+))?$/.exec(address);
  if (!m) return undefined;
  return { name: m[1] ?? '', namespace: m[2] ?? '', port: m[3] !== undefined ? Number(m[3]) : undefined };
}

/** Where port `port` of Service namespace/name sends traffic in this cluster. */
export type Reach =
  | { readonly kind: 'endpoints'; readonly targets: readonly string[] }
  | { readonly kind: 'pods'; readonly selector: Data; readonly targetPort: number | string }
  | { readonly kind: 'external-name'; readonly host: string }
  | { readonly kind: 'nowhere'; readonly why: string };

/**
 * Follows Kubernetes' rules: a Service with a selector goes to the selected pods on targetPort
 * (default: port); one without goes to its Endpoints object, whose port is matched by the
 * Service port's name; ExternalName goes to the host.
 */
export function reach(set: ManifestSet, namespace: string, name: string, port: number): Reach {
  const svc = objectOf(set, 'Service', name, namespace);
  if (svc === undefined) return { kind: 'nowhere', why: `no Service ${namespace}/${name} (${rendered(set, 'Service')})` };
  if (at(svc, 'spec', 'type') === 'ExternalName') return { kind: 'external-name', host: str(at(svc, 'spec', 'externalName')) ?? '' };
  const ports = list(at(svc, 'spec', 'ports'));
  const p = ports.find((x) => at(x, 'port') === port);
  if (p === undefined) return { kind: 'nowhere', why: `Service ${namespace}/${name} has no port ${port} (ports: ${ports.map((x) => String(at(x, 'port') as number)).join(', ')})` };
  const selector = at(svc, 'spec', 'selector');
  const targetPort = (at(p, 'targetPort') as number | string | undefined) ?? port;
  if (isRecord(selector) && Object.keys(selector).length > 0) return { kind: 'pods', selector, targetPort };
  const ep = objectOf(set, 'Endpoints', name, namespace);
  if (ep === undefined) return { kind: 'nowhere', why: `Service ${namespace}/${name} has no selector and no Endpoints ${namespace}/${name} is rendered` };
  const portName = str(at(p, 'name'));
  const targets: string[] = [];
  for (const subset of list(at(ep, 'subsets'))) {
    const epPorts = list(at(subset, 'ports'));
    const matching = epPorts.filter((x) => (epPorts.length === 1 && portName === undefined) || str(at(x, 'name')) === portName);
    for (const a of list(at(subset, 'addresses'))) for (const m of matching) targets.push(`${str(at(a, 'ip')) ?? '?'}:${String(at(m, 'port') as number)}`);
  }
  if (targets.length === 0) return { kind: 'nowhere', why: `Endpoints ${namespace}/${name} has no address with a port named ${JSON.stringify(portName)} (Service port ${port})` };
  return { kind: 'endpoints', targets };
}

export function describeReach(r: Reach): string {
  switch (r.kind) {
    case 'endpoints':
      return `endpoints ${r.targets.join(', ')}`;
    case 'pods':
      return `pods ${JSON.stringify(r.selector)} port ${String(r.targetPort)}`;
    case 'external-name':
      return `external name ${r.host}`;
    case 'nowhere':
      return r.why;
  }
}

/** The Deployments/DaemonSets whose pod template labels match `selector`. */
export function selectedWorkloads(set: ManifestSet, selector: unknown): string[] {
  return set.objects
    .filter((o) => (o.kind === 'Deployment' || o.kind === 'DaemonSet') && selects(selector, at(o.object, 'spec', 'template', 'metadata', 'labels')))
    .map((o) => o.name);
}

/** What a cluster publishes at `ip:port`: the LoadBalancer Service with that loadBalancerIP, its targetPort and the workloads it selects. */
export function published(set: ManifestSet, ip: string, port: number): { service: string; namespace: string; targetPort: number | string; workloads: string[] } | string {
  const lbs = objectsOf(set, 'Service').filter((o) => at(o.object, 'spec', 'type') === 'LoadBalancer' && at(o.object, 'spec', 'loadBalancerIP') === ip);
  if (lbs.length === 0) {
    const all = objectsOf(set, 'Service')
      .filter((o) => at(o.object, 'spec', 'type') === 'LoadBalancer')
      .map((o) => `${o.name} (${String(at(o.object, 'spec', 'loadBalancerIP') ?? 'no loadBalancerIP')})`);
    return `no LoadBalancer Service has loadBalancerIP ${ip} (LoadBalancer Services: ${all.join(', ') || 'none'})`;
  }
  if (lbs.length > 1) return `${lbs.length} Services claim loadBalancerIP ${ip}: ${lbs.map((o) => o.name).join(', ')}`;
  const svc = lbs[0] as ManifestObject;
  const ports = list(at(svc.object, 'spec', 'ports'));
  const p = ports.find((x) => at(x, 'port') === port);
  if (p === undefined) return `Service ${svc.name} at ${ip} does not expose port ${port} (ports: ${ports.map((x) => String(at(x, 'port') as number)).join(', ')})`;
  return {
    service: svc.name,
    namespace: svc.namespace ?? '',
    targetPort: (at(p, 'targetPort') as number | string | undefined) ?? port,
    workloads: selectedWorkloads(set, at(svc.object, 'spec', 'selector')),
  };
}

/** The published address of a cluster: the loadBalancerIP of Service namespace/name (undefined when it has none). */
export function loadBalancerIP(set: ManifestSet, namespace: string, name: string): string | undefined {
  return str(at(objectOf(set, 'Service', name, namespace), 'spec', 'loadBalancerIP'));
}

/** An https URL's host, port (default 443) and path; undefined when it is not one. */
export function httpsUrl(url: string): { host: string; port: number; path: string } | undefined {
  const m = /^https:\/\/([^/:]+)(?::([0-9]+))?(\/.*)?$/.exec(url);
  if (!m) return undefined;
  return { host: m[1] ?? '', port: m[2] !== undefined ? Number(m[2]) : 443, path: m[3] ?? '/' };
}

/** `/inject/cluster/<c>/net/<n>` (either order of the two pairs) -> { cluster, network }. */
export function injectionPathMeta(path: string): { cluster?: string; network?: string } {
  const parts = path.split('/').filter((p) => p !== '');
  const out: { cluster?: string; network?: string } = {};
  if (parts[0] !== 'inject') return out;
  for (let i = 1; i + 1 < parts.length; i += 2) {
    if (parts[i] === 'cluster') out.cluster = parts[i + 1];
    if (parts[i] === 'net') out.network = parts[i + 1];
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Goldens.

/** The golden text of test/golden/topologies/<file>; UPDATE_GOLDEN=1 (or a missing file) first writes `actual`. */
export function golden(file: string, actual: string): string {
  const path = join(GOLDEN_DIR, file);
  if (process.env['UPDATE_GOLDEN'] === '1' || !existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
  }
  return readFileSync(path, 'utf8');
}
