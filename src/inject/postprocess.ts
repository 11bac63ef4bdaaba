/**
 * istiod 1.11's post-processing of a merged pod (postProcessPod), in its order: prometheus
 * metrics merge, HTTP probe rewriting, metadata (the `sidecar.istio.io/status` annotation,
 * injectedAnnotations), and
 * container ordering (istio-proxy last, or first with holdApplicationUntilProxyStarts;
 * istio-validation first and istio-init / enable-core-dump last among init containers).
 *
 * Cluster and network: istiod 1.11 overrides ISTIO_META_CLUSTER_ID / ISTIO_META_NETWORK and
 * labels the pod topology.istio.io/network only from proxy env given in the webhook's URL path
 * (/inject/cluster/X/net/Y). Our charts' webhooks use /inject and kube-inject has no URL, so
 * those values come from the template alone (global.multiCluster.clusterName, global.network).
 *
 * `kubectl.kubernetes.io/default-container` is not set here: in 1.11 the sidecar template sets
 * it (for a pod with one application container), so it comes in with the template's metadata.
 */
import { parseYamlDocument } from '../yaml/index.js';
import { toPlain } from '../helm/output/plain.js';
import type { PodParts } from './merge.js';
import { PROXY_CONTAINER, STATUS_ANNOTATION, stringMap } from './policy.js';
import type { InjectionSource } from './types.js';
import { assign, copyObject, isObject } from './workload.js';

export const KUBE_APP_PROBERS_ENV = 'ISTIO_KUBE_APP_PROBERS';
export const PROMETHEUS_ANNOTATIONS_ENV = 'ISTIO_PROMETHEUS_ANNOTATIONS';
export const REWRITE_PROBERS_ANNOTATION = 'sidecar.istio.io/rewriteAppHTTPProbers';
export const STATUS_PORT_ANNOTATION = 'status.sidecar.istio.io/port';
export const MERGE_METRICS_ANNOTATION = 'prometheus.istio.io/merge-metrics';
export const PROXY_CONFIG_ANNOTATION = 'proxy.istio.io/config';
const PROM_SCRAPE = 'prometheus.io/scrape';
const PROM_PORT = 'prometheus.io/port';
const PROM_PATH = 'prometheus.io/path';
const DEFAULT_STATUS_PORT = 15020;

/** Go's strconv.ParseBool; undefined for anything else. */
export function parseGoBool(s: string | undefined): boolean | undefined {
  if (s === undefined) return undefined;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

function get(o: unknown, ...keys: string[]): unknown {
  let cur = o;
  for (const k of keys) {
    if (!isObject(cur) || !Object.hasOwn(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

function own(m: Record<string, string>, k: string): string | undefined {
  return Object.hasOwn(m, k) ? m[k] : undefined;
}

/** A mutable working copy of the pod: metadata maps and container lists copied. */
interface WorkPod {
  annotations: Record<string, string>;
  labels: Record<string, string>;
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
  containers: Record<string, unknown>[];
  initContainers: Record<string, unknown>[];
}

function objects(v: unknown): Record<string, unknown>[] {
  return Array.isArray(v) ? v.filter(isObject).map(copyObject) : [];
}

function work(pod: PodParts): WorkPod {
  return {
    annotations: stringMap(pod.metadata.annotations),
    labels: stringMap(pod.metadata.labels),
    metadata: copyObject(pod.metadata),
    spec: copyObject(pod.spec),
    containers: objects(pod.spec.containers),
    initContainers: objects(pod.spec.initContainers),
  };
}

function sidecar(w: WorkPod): Record<string, unknown> | undefined {
  return w.containers.find((c) => c.name === PROXY_CONTAINER);
}

function envOf(c: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(c.env) ? c.env.filter(isObject) : [];
}

/** The status port: meshConfig.defaultConfig.statusPort (15020 by default). */
export function meshStatusPort(meshConfig: Readonly<Record<string, unknown>>): number {
  const p = get(meshConfig, 'defaultConfig', 'statusPort');
  return typeof p === 'number' && Number.isInteger(p) ? p : DEFAULT_STATUS_PORT;
}

/** 1.11's `sidecar.istio.io/status` value: what the templates added, as Go's json.Marshal prints it. */
export function injectionStatus(templatePod: PodParts, revision: string): string {
  const names = (key: string, v: unknown = templatePod.spec[key]): string[] | null => {
    const list = Array.isArray(v) ? v.filter(isObject).map((x) => (typeof x.name === 'string' ? x.name : '')) : [];
    return list.length === 0 ? null : list;
  };
  return JSON.stringify({
    initContainers: names('initContainers'),
    containers: names('containers'),
    volumes: names('volumes'),
    imagePullSecrets: names('imagePullSecrets'),
    revision: revision === '' ? 'default' : revision,
  });
}

function enablePrometheusMerge(meshConfig: Readonly<Record<string, unknown>>, annotations: Record<string, string>): boolean {
  const a = parseGoBool(own(annotations, MERGE_METRICS_ANNOTATION));
  if (a !== undefined) return a;
  const m = meshConfig.enablePrometheusMerge;
  return typeof m === 'boolean' ? m : true;
}

/** Metrics merge: the app's prometheus.io annotations move to ISTIO_PROMETHEUS_ANNOTATIONS; the pod's point at the agent. */
function applyPrometheusMerge(w: WorkPod, meshConfig: Readonly<Record<string, unknown>>): void {
  const scrape = parseGoBool(own(w.annotations, PROM_SCRAPE));
  if (scrape === false || !enablePrometheusMerge(meshConfig, w.annotations)) return;
  const target = String(meshStatusPort(meshConfig));
  if (own(w.annotations, PROM_PORT) === target) return;
  const cfg = { scrape: own(w.annotations, PROM_SCRAPE) ?? '', path: own(w.annotations, PROM_PATH) ?? '', port: own(w.annotations, PROM_PORT) ?? '' };
  const c = sidecar(w);
  if (c !== undefined && (cfg.scrape !== '' || cfg.path !== '' || cfg.port !== '')) {
    c.env = [...envOf(c), { name: PROMETHEUS_ANNOTATIONS_ENV, value: JSON.stringify(cfg) }];
  }
  assign(w.annotations, PROM_PORT, target);
  assign(w.annotations, PROM_PATH, '/stats/prometheus');
  assign(w.annotations, PROM_SCRAPE, 'true');
}

/** Whether app HTTP probes are rewritten: the pod annotation, else values.sidecarInjectorWebhook.rewriteAppHTTPProbe. */
export function shouldRewriteProbes(annotations: Record<string, string>, values: Readonly<Record<string, unknown>>): boolean {
  const a = parseGoBool(own(annotations, REWRITE_PROBERS_ANNOTATION));
  if (a !== undefined) return a;
  return get(values, 'sidecarInjectorWebhook', 'rewriteAppHTTPProbe') === true;
}

const PROBES: readonly (readonly [string, string])[] = [
  ['readinessProbe', 'readyz'],
  ['livenessProbe', 'livez'],
  ['startupProbe', 'startupz'],
];

/** Go's json field order of corev1.HTTPGetAction. */
function httpGetJson(h: Record<string, unknown>, port: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (typeof h.path === 'string' && h.path !== '') out.path = h.path;
  out.port = port;
  if (typeof h.host === 'string' && h.host !== '') out.host = h.host;
  if (typeof h.scheme === 'string' && h.scheme !== '') out.scheme = h.scheme;
  if (Array.isArray(h.httpHeaders) && h.httpHeaders.length > 0) {
    out.httpHeaders = h.httpHeaders.filter(isObject).map((x) => ({ name: x.name, value: x.value }));
  }
  return out;
}

/** DumpAppProbers: the app containers' HTTP probes, named ports resolved, keyed by their /app-health URL. */
function dumpAppProbers(w: WorkPod, targetPort: number): string {
  const out = new Map<string, Record<string, unknown>>();
  for (const c of w.containers) {
    if (c.name === PROXY_CONTAINER) continue;
    const name = typeof c.name === 'string' ? c.name : '';
    const ports = new Map<string, unknown>();
    for (const p of Array.isArray(c.ports) ? c.ports.filter(isObject) : []) {
      if (typeof p.name === 'string' && p.name !== '') ports.set(p.name, p.containerPort);
    }
    for (const [probe, suffix] of PROBES) {
      const h = get(c, probe, 'httpGet');
      if (!isObject(h)) continue;
      let port = h.port;
      if (typeof port === 'string' && !/^\d+$/.test(port)) {
        if (!ports.has(port)) continue;
        port = ports.get(port);
      } else if (Number(port) === targetPort) continue; // already rewritten
      const prober: Record<string, unknown> = { httpGet: httpGetJson(h, typeof port === 'string' ? Number(port) : port) };
      const t = get(c, probe, 'timeoutSeconds');
      if (typeof t === 'number' && t !== 0) prober.timeoutSeconds = t;
      out.set(`/app-health/${name}/${suffix}`, prober);
    }
  }
  if (out.size === 0) return '';
  const sorted: Record<string, unknown> = {};
  for (const k of [...out.keys()].sort()) assign(sorted, k, out.get(k));
  return JSON.stringify(sorted);
}

/** Probe rewriting: ISTIO_KUBE_APP_PROBERS on istio-proxy, app HTTP probes sent to the agent's status port. */
function applyRewrite(w: WorkPod, source: InjectionSource): void {
  const c = sidecar(w);
  if (c === undefined || !shouldRewriteProbes(w.annotations, source.values)) return;
  const meshPort = meshStatusPort(source.meshConfig);
  const prober = dumpAppProbers(w, meshPort);
  if (prober !== '') c.env = [...envOf(c), { name: KUBE_APP_PROBERS_ENV, value: prober }];
  let statusPort = meshPort;
  const a = own(w.annotations, STATUS_PORT_ANNOTATION);
  if (a !== undefined && /^\d+$/.test(a.trim())) statusPort = Number(a.trim());
  w.containers = w.containers.map((app) => {
    if (app.name === PROXY_CONTAINER) return app;
    const name = typeof app.name === 'string' ? app.name : '';
    let out = app;
    for (const [probe, suffix] of PROBES) {
      const p = out[probe];
      if (!isObject(p) || !isObject(p.httpGet)) continue;
      const h = copyObject(p.httpGet);
      h.port = statusPort;
      h.path = `/app-health/${name}/${suffix}`;
      if (h.scheme === 'HTTPS') h.scheme = 'HTTP';
      out = assign(out === app ? copyObject(app) : out, probe, assign(copyObject(p), 'httpGet', h));
    }
    return out;
  });
}

/** holdApplicationUntilProxyStarts: the proxy.istio.io/config annotation over meshConfig.defaultConfig, or values.global.proxy. */
export function holdApplication(source: InjectionSource, originalAnnotations: Record<string, string>): boolean {
  let hold = get(source.meshConfig, 'defaultConfig', 'holdApplicationUntilProxyStarts');
  const pca = own(originalAnnotations, PROXY_CONFIG_ANNOTATION);
  if (pca !== undefined) {
    try {
      const v = toPlain(parseYamlDocument(pca) ?? null);
      const h = get(v, 'holdApplicationUntilProxyStarts');
      if (typeof h === 'boolean') hold = h;
    } catch {
      // an unreadable annotation is reported by the template data builder
    }
  }
  return hold === true || get(source.values, 'global', 'proxy', 'holdApplicationUntilProxyStarts') === true;
}

function move(list: Record<string, unknown>[], name: string, where: 'first' | 'last'): Record<string, unknown>[] {
  const match = list.filter((c) => c.name === name);
  if (match.length === 0) return list;
  const rest = list.filter((c) => c.name !== name);
  const m = match[match.length - 1];
  return where === 'first' ? [m, ...rest] : [...rest, m];
}

export interface PostProcessInput {
  readonly pod: PodParts;
  /** What the templates produced alone (for the status annotation). */
  readonly templatePod: PodParts;
  /** The pod before injection (its annotations and labels drive the proxy config and network). */
  readonly original: PodParts;
  readonly source: InjectionSource;
}

/** postProcessPod of istiod 1.11. */
export function postProcess(input: PostProcessInput): PodParts {
  const { source } = input;
  const w = work(input.pod);
  applyPrometheusMerge(w, source.meshConfig);
  applyRewrite(w, source);
  assign(w.annotations, STATUS_ANNOTATION, injectionStatus(input.templatePod, source.revision));
  for (const k of Object.keys(source.config.injectedAnnotations)) assign(w.annotations, k, source.config.injectedAnnotations[k]);

  const hold = holdApplication(source, stringMap(input.original.metadata.annotations));
  w.containers = move(w.containers, PROXY_CONTAINER, hold ? 'first' : 'last');
  w.initContainers = move(w.initContainers, 'istio-validation', 'first');
  w.initContainers = move(w.initContainers, 'istio-init', 'last');
  w.initContainers = move(w.initContainers, 'enable-core-dump', 'last');

  const metadata = w.metadata;
  assign(metadata, 'annotations', w.annotations);
  if (Object.keys(w.labels).length > 0 || Object.hasOwn(metadata, 'labels')) assign(metadata, 'labels', w.labels);
  const spec = w.spec;
  assign(spec, 'containers', w.containers);
  if (w.initContainers.length > 0) assign(spec, 'initContainers', w.initContainers);
  else delete spec.initContainers;
  return { metadata, spec };
}
