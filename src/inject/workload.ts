/**
 * Which Kubernetes kinds carry a pod (template) and where, as istioctl 1.11's kube-inject finds
 * them: a Pod is its own pod; Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * ReplicationController and Job keep it under `spec.template`; a CronJob under
 * `spec.jobTemplate.spec.template`; a v1 `List` holds such objects in `items`. Any other kind
 * (or an API version istioctl's scheme does not know) passes through as given.
 */
import type { PodTarget } from './types.js';

/** Path segments from the object root to the pod (template) object holding metadata and spec. */
export type PodPath = readonly (string | number)[];

const TEMPLATE: PodPath = ['spec', 'template'];
const CRON_TEMPLATE: PodPath = ['spec', 'jobTemplate', 'spec', 'template'];

/** kind -> API versions accepted -> where the pod template is. */
const KINDS: ReadonlyMap<string, { readonly versions: readonly string[]; readonly path: PodPath }> = new Map([
  ['Pod', { versions: ['v1'], path: [] }],
  ['ReplicationController', { versions: ['v1'], path: TEMPLATE }],
  ['Deployment', { versions: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1'], path: TEMPLATE }],
  ['StatefulSet', { versions: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2'], path: TEMPLATE }],
  ['DaemonSet', { versions: ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'], path: TEMPLATE }],
  ['ReplicaSet', { versions: ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'], path: TEMPLATE }],
  ['Job', { versions: ['batch/v1'], path: TEMPLATE }],
  ['CronJob', { versions: ['batch/v1', 'batch/v1beta1', 'batch/v2alpha1'], path: CRON_TEMPLATE }],
]);

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Where the pod template of this kind is, or undefined when the kind carries none (pass-through). */
export function podTemplatePath(apiVersion: string, kind: string): PodPath | undefined {
  const k = KINDS.get(kind);
  return k && k.versions.includes(apiVersion) ? k.path : undefined;
}

export function isList(obj: Record<string, unknown>): boolean {
  return obj.kind === 'List' && obj.apiVersion === 'v1' && Array.isArray(obj.items);
}

function get(obj: unknown, path: PodPath): unknown {
  let cur = obj;
  for (const seg of path) {
    if (typeof seg === 'number') {
      if (!Array.isArray(cur)) return undefined;
      cur = cur[seg];
    } else {
      if (!isObject(cur) || !Object.hasOwn(cur, seg)) return undefined;
      cur = cur[seg];
    }
  }
  return cur;
}

/** One pod (template) found in a document. */
export interface FoundPod {
  /** From the document root to the pod object (e.g. ['items', 2, 'spec', 'template']). */
  readonly path: PodPath;
  /** Dotted form of `path` for messages (`items[2].spec.template`); '' for a Pod document. */
  readonly where: string;
  readonly target: PodTarget;
}

/** Problems with the shape of an injectable object, e.g. a Deployment without spec.template. */
export interface ShapeProblem {
  readonly path: string;
  readonly message: string;
}

export function formatPath(path: PodPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

/**
 * The pods of one parsed document (several for a List), with the workload metadata the
 * templates see (`.TypeMeta`, `.DeploymentMeta`). `namespace` fills DeploymentMeta.namespace
 * when the object has none.
 */
export function findPods(doc: Record<string, unknown>, namespace = ''): { pods: FoundPod[]; problems: ShapeProblem[] } {
  const pods: FoundPod[] = [];
  const problems: ShapeProblem[] = [];
  const visit = (obj: Record<string, unknown>, prefix: PodPath): void => {
    if (prefix.length === 0 && isList(obj)) {
      (obj.items as unknown[]).forEach((item, i) => {
        if (isObject(item)) visit(item, ['items', i]);
      });
      return;
    }
    const apiVersion = str(obj.apiVersion);
    const kind = str(obj.kind);
    const rel = podTemplatePath(apiVersion, kind);
    if (rel === undefined) return;
    const pod = get(obj, rel);
    const path = [...prefix, ...rel];
    if (!isObject(pod)) {
      problems.push({ path: formatPath(path), message: `${kind} has no pod template (expected an object)` });
      return;
    }
    const metadata = pod.metadata === undefined || pod.metadata === null ? {} : pod.metadata;
    const spec = pod.spec === undefined || pod.spec === null ? {} : pod.spec;
    if (!isObject(metadata)) {
      problems.push({ path: formatPath([...path, 'metadata']), message: 'expected an object' });
      return;
    }
    if (!isObject(spec)) {
      problems.push({ path: formatPath([...path, 'spec']), message: 'expected an object' });
      return;
    }
    const objMeta = isObject(obj.metadata) ? obj.metadata : {};
    const ns = str(objMeta.namespace) || str(metadata.namespace) || namespace;
    const owner = kind === 'Pod' ? podOwner(objMeta) : undefined;
    pods.push({
      path,
      where: formatPath(path),
      target: {
        typeMeta: owner ? { apiVersion: owner.apiVersion, kind: owner.kind } : { apiVersion, kind },
        deploymentMeta: { name: owner ? owner.name : str(objMeta.name) || str(metadata.name), namespace: ns },
        metadata,
        spec,
      },
    });
  };
  visit(doc, []);
  return { pods, problems };
}

/**
 * The workload of a Pod as istiod 1.11 guesses it (GetDeployMetaFromPod): for a pod with a
 * generateName, its controller owner reference; a ReplicaSet named `<deployment>-<pod-template-hash>`
 * is taken for its Deployment. Undefined for a plain pod (its own name, kind Pod).
 */
export function podOwner(meta: Record<string, unknown>): { apiVersion: string; kind: string; name: string } | undefined {
  if (str(meta.generateName) === '' || !Array.isArray(meta.ownerReferences)) return undefined;
  const ref = meta.ownerReferences.find((r): r is Record<string, unknown> => isObject(r) && r.controller === true);
  if (ref === undefined) return undefined;
  const owner = { apiVersion: str(ref.apiVersion), kind: str(ref.kind), name: str(ref.name) };
  const labels = isObject(meta.labels) ? meta.labels : {};
  const hash = Object.hasOwn(labels, 'pod-template-hash') ? str(labels['pod-template-hash']) : '';
  if (owner.kind === 'ReplicaSet' && hash !== '' && owner.name.endsWith(hash)) {
    return { apiVersion: owner.apiVersion, kind: 'Deployment', name: owner.name.slice(0, -(hash.length + 1)) };
  }
  return owner;
}

/** A copy of `doc` with the pod object at `path` given this metadata and spec (the rest of `doc` shared). */
export function replacePod(
  doc: Record<string, unknown>,
  path: PodPath,
  metadata: Record<string, unknown>,
  spec: Record<string, unknown>,
): Record<string, unknown> {
  const set = (cur: unknown, i: number): unknown => {
    if (i === path.length) {
      const pod = isObject(cur) ? cur : {};
      return assign(assign(copyObject(pod), 'metadata', metadata), 'spec', spec);
    }
    const seg = path[i];
    if (typeof seg === 'number') {
      const arr = Array.isArray(cur) ? [...(cur as unknown[])] : [];
      arr[seg] = set(arr[seg], i + 1);
      return arr;
    }
    const o = isObject(cur) ? copyObject(cur) : {};
    return assign(o, seg, set(Object.hasOwn(o, seg) ? o[seg] : undefined, i + 1));
  };
  return set(doc, 0) as Record<string, unknown>;
}

/** Shallow copy keeping every key (`__proto__` too) as an own data property. */
export function copyObject(o: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) assign(out, k, o[k]);
  return out;
}

/** o[k] = v as an own data property, whatever k is. */
export function assign(o: Record<string, unknown>, k: string, v: unknown): Record<string, unknown> {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  return o;
}
