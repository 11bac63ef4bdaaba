/**
 * istiod 1.11's merge of injection template output into a pod: a Kubernetes strategic merge patch
 * with corev1.Pod's patch metadata (lists merged by key: containers, initContainers,
 * ephemeralContainers, volumes and imagePullSecrets by name, env by name, ports by containerPort,
 * volumeMounts by mountPath, ...; other lists replaced; maps merged; null deletes), each template
 * applied in turn; then the user's own containers that a template also defines (typically a
 * customized `istio-proxy`) re-applied on top, `image: auto` leaving the template's image.
 */
import { assign, copyObject, isObject } from './workload.js';

/** Patch metadata of one field: a list merged by key, or a nested schema. */
interface FieldMeta {
  /** patchMergeKey of a list of objects merged by key. */
  readonly mergeKey?: string;
  /** A list of scalars merged as a set (patchStrategy merge without key). */
  readonly scalarSet?: boolean;
  /** Schema of the value (objects) or of the list items. */
  readonly schema?: Schema;
}
type Schema = Readonly<Record<string, FieldMeta>>;

const CONTAINER: Schema = {
  env: { mergeKey: 'name' },
  ports: { mergeKey: 'containerPort' },
  volumeMounts: { mergeKey: 'mountPath' },
  volumeDevices: { mergeKey: 'devicePath' },
};
const OBJECT_META: Schema = {
  finalizers: { scalarSet: true },
  ownerReferences: { mergeKey: 'uid' },
};
const POD_SPEC: Schema = {
  containers: { mergeKey: 'name', schema: CONTAINER },
  initContainers: { mergeKey: 'name', schema: CONTAINER },
  ephemeralContainers: { mergeKey: 'name', schema: CONTAINER },
  volumes: { mergeKey: 'name' },
  imagePullSecrets: { mergeKey: 'name' },
  hostAliases: { mergeKey: 'ip' },
  topologySpreadConstraints: { mergeKey: 'topologyKey' },
};
/** corev1.Pod as the merge sees it: { metadata, spec }. */
export const POD_SCHEMA: Schema = {
  metadata: { schema: OBJECT_META },
  spec: { schema: POD_SPEC },
};

export class MergeError extends Error {
  constructor(
    readonly path: string,
    message: string,
  ) {
    super(message);
    this.name = 'MergeError';
  }
}

function field(schema: Schema | undefined, key: string): FieldMeta | undefined {
  return schema && Object.hasOwn(schema, key) ? schema[key] : undefined;
}

function join(path: string, key: string | number): string {
  return typeof key === 'number' ? `${path}[${key}]` : path === '' ? key : `${path}.${key}`;
}

/** Removes `$patch`/`$retainKeys`/`$setElementOrder` style directives from a value that is inserted as is. */
function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((x) => !(isObject(x) && x.$patch === 'delete')).map(clean);
  if (isObject(v)) {
    const o: Record<string, unknown> = {};
    for (const k of Object.keys(v)) {
      if (k.startsWith('$')) continue;
      if (v[k] === null) continue;
      assign(o, k, clean(v[k]));
    }
    return o;
  }
  return v;
}

/** Strategic merge of `patch` over `original` (both plain JSON); neither is modified. */
export function strategicMerge(original: unknown, patch: unknown, schema: Schema | undefined = POD_SCHEMA, path = ''): unknown {
  if (!isObject(patch)) return clean(patch);
  if (patch.$patch === 'replace') {
    const o = copyObject(patch);
    delete o.$patch;
    return clean(o);
  }
  if (patch.$patch === 'delete') return undefined;
  if (!isObject(original)) return clean(patch);
  const out = copyObject(original);
  for (const k of Object.keys(patch)) {
    if (k.startsWith('$')) continue;
    const pv = patch[k];
    if (pv === null) {
      delete out[k];
      continue;
    }
    const meta = field(schema, k);
    const ov = Object.hasOwn(out, k) ? out[k] : undefined;
    let merged: unknown;
    if (Array.isArray(pv) && meta?.mergeKey !== undefined) merged = mergeKeyedList(ov, pv, meta.mergeKey, meta.schema, join(path, k));
    else if (Array.isArray(pv) && meta?.scalarSet) merged = mergeScalarSet(ov, pv);
    else merged = strategicMerge(ov, pv, meta?.schema, join(path, k));
    if (merged === undefined) delete out[k];
    else assign(out, k, merged);
  }
  return out;
}

function mergeScalarSet(original: unknown, patch: unknown[]): unknown[] {
  const out: unknown[] = [];
  for (const x of [...(Array.isArray(original) ? original : []), ...patch]) if (!out.includes(x)) out.push(x);
  return out;
}

function keyOf(item: unknown, mergeKey: string): unknown {
  return isObject(item) && Object.hasOwn(item, mergeKey) ? item[mergeKey] : undefined;
}

/**
 * A list merged by key, ordered as apimachinery's strategic merge orders it: the patch's items in
 * patch order, the original's other items in original order, interleaved where both orders are
 * known from the original (mergeSortedSlice).
 */
function mergeKeyedList(original: unknown, patch: unknown[], mergeKey: string, schema: Schema | undefined, path: string): unknown[] {
  const orig = Array.isArray(original) ? original : [];
  const merged: unknown[] = [...orig];
  const patchKeys: unknown[] = [];
  patch.forEach((p, i) => {
    const key = keyOf(p, mergeKey);
    if (key === undefined) throw new MergeError(join(path, i), `list item has no merge key "${mergeKey}"`);
    const at = merged.findIndex((m) => keyOf(m, mergeKey) === key);
    if (isObject(p) && p.$patch === 'delete') {
      if (at >= 0) merged.splice(at, 1);
      return;
    }
    patchKeys.push(key);
    if (at >= 0) merged[at] = strategicMerge(merged[at], p, schema, join(path, i));
    else merged.push(strategicMerge(undefined, p, schema, join(path, i)));
  });
  const origKeys = orig.map((o) => keyOf(o, mergeKey));
  const inPatch = (x: unknown): boolean => patchKeys.includes(keyOf(x, mergeKey));
  const patchItems = merged.filter(inPatch).sort((a, b) => patchKeys.indexOf(keyOf(a, mergeKey)) - patchKeys.indexOf(keyOf(b, mergeKey)));
  const serverOnly = merged.filter((x) => !inPatch(x));
  // mergeSortedSlice(left = server-only, right = patch items, order = original)
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) out.push(patchItems[j++]);
    else if (j >= patchItems.length) out.push(serverOnly[i++]);
    else {
      const li = origKeys.indexOf(keyOf(serverOnly[i], mergeKey));
      const ri = origKeys.indexOf(keyOf(patchItems[j], mergeKey));
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]);
      else out.push(patchItems[j++]);
    }
  }
  return out;
}

/** A pod as the merge sees it. */
export interface PodParts {
  readonly metadata: Record<string, unknown>;
  readonly spec: Record<string, unknown>;
}

function asPod(v: unknown): PodParts {
  const o = isObject(v) ? v : {};
  return { metadata: isObject(o.metadata) ? o.metadata : {}, spec: isObject(o.spec) ? o.spec : {} };
}

const POD_LISTS = ['containers', 'initContainers', 'ephemeralContainers', 'volumes', 'imagePullSecrets'];

/** The shape Go's decoding into corev1.Pod insists on: metadata and spec objects, the keyed lists lists. */
function checkFragment(fragment: Record<string, unknown>): void {
  for (const k of ['metadata', 'spec']) {
    const v = fragment[k];
    if (v !== undefined && v !== null && !isObject(v)) throw new MergeError(k, 'expected an object');
  }
  const spec = fragment.spec;
  if (!isObject(spec)) return;
  for (const k of POD_LISTS) {
    const v = spec[k];
    if (v !== undefined && v !== null && !Array.isArray(v)) throw new MergeError(`spec.${k}`, 'expected a list');
    if (Array.isArray(v)) v.forEach((x, i) => {
      if (!isObject(x)) throw new MergeError(`spec.${k}[${i}]`, 'expected an object');
    });
  }
}

/** Applies one template's output (a pod fragment: metadata and spec) over a pod; MergeError for a fragment that is not a pod. */
export function applyFragment(pod: PodParts, fragment: Record<string, unknown>): PodParts {
  checkFragment(fragment);
  return asPod(strategicMerge({ metadata: pod.metadata, spec: pod.spec }, fragment));
}

export const OVERRIDES_ANNOTATION = 'proxy.istio.io/overrides';
const AUTO_IMAGE = 'auto';

/** Go's field order of corev1.Container, for the overrides annotation's JSON. */
const CONTAINER_FIELDS = [
  'name', 'image', 'command', 'args', 'workingDir', 'ports', 'envFrom', 'env', 'resources', 'volumeMounts', 'volumeDevices',
  'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy',
  'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty',
];

function goContainerOrder(c: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of CONTAINER_FIELDS) {
    if (Object.hasOwn(c, k)) assign(out, k, c[k]);
    else if (k === 'resources') assign(out, k, {});
  }
  for (const k of Object.keys(c)) if (!CONTAINER_FIELDS.includes(k)) assign(out, k, c[k]);
  return out;
}

function containerList(spec: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const v = spec[key];
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/**
 * 1.11's reapplyOverwrittenContainers: for each container (and init container) of the templates'
 * combined output that the original pod also defines, the original's container is merged over
 * the result again (its `image: auto` dropped, so the template's image stays), and the
 * overriding containers are recorded in the `proxy.istio.io/overrides` annotation.
 */
export function reapplyUserContainers(merged: PodParts, original: PodParts, templatePod: PodParts): PodParts {
  let result = merged;
  const overrides: { containers: Record<string, unknown>[]; initContainers: Record<string, unknown>[] } = { containers: [], initContainers: [] };
  for (const key of ['containers', 'initContainers'] as const) {
    for (const c of containerList(templatePod.spec, key)) {
      const match = containerList(original.spec, key).find((o) => o.name === c.name);
      if (match === undefined) continue;
      const overlay = copyObject(match);
      if (overlay.image === AUTO_IMAGE) delete overlay.image;
      overrides[key].push(overlay);
      const patch: Record<string, unknown> = { spec: { [key]: [overlay] } };
      result = asPod(strategicMerge({ metadata: result.metadata, spec: result.spec }, patch));
    }
  }
  if (overrides.containers.length + overrides.initContainers.length > 0) {
    const value: Record<string, unknown> = {};
    if (overrides.containers.length > 0) value.containers = overrides.containers.map(goContainerOrder);
    if (overrides.initContainers.length > 0) value.initContainers = overrides.initContainers.map(goContainerOrder);
    const annotations = isObject(result.metadata.annotations) ? copyObject(result.metadata.annotations) : {};
    assign(annotations, OVERRIDES_ANNOTATION, JSON.stringify(value));
    result = { metadata: assign(copyObject(result.metadata), 'annotations', annotations), spec: result.spec };
  }
  return result;
}

/**
 * RunTemplate's two accumulations: every fragment merged over the pod in turn (the injected pod)
 * and over an empty pod (the template pod: what the templates added, for the status annotation);
 * then the user's overlapping containers re-applied.
 */
export function mergeFragments(original: PodParts, fragments: readonly Record<string, unknown>[]): { pod: PodParts; templatePod: PodParts } {
  let pod: PodParts = original;
  let templatePod: PodParts = { metadata: {}, spec: {} };
  for (const f of fragments) {
    templatePod = applyFragment(templatePod, f);
    pod = applyFragment(pod, f);
  }
  return { pod: reapplyUserContainers(pod, original, templatePod), templatePod };
}
