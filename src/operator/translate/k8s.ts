/**
 * components.X.k8s -> chart values. Overlays are split off (applied after rendering); the other
 * settings become the chart's k8s block: pilot.k8s (istiod), cni.k8s (the istio-cni-node
 * DaemonSet), the gateway chart's `k8s`. Base and IstiodRemote render no workload, so any setting
 * other than overlays is an error naming it.
 */
import type { Issue } from '../issues.js';
import { clone, dotted, isObj, mergeInto, newObj, own, type Obj } from './data.js';
import type { K8sObjectOverlay } from './types.js';

/** Settings a Deployment-based chart (istiod, gateway) accepts in its k8s block. */
const DEPLOYMENT_SETTINGS = new Set([
  'affinity', 'env', 'hpaSpec', 'imagePullPolicy', 'nodeSelector', 'podDisruptionBudget', 'podAnnotations',
  'priorityClassName', 'readinessProbe', 'replicaCount', 'resources', 'service', 'strategy', 'tolerations',
  'serviceAnnotations', 'securityContext', 'volumes', 'volumeMounts',
]);

/** Settings with no object to land on in the CNI chart (a DaemonSet: no replicas, HPA, PDB or Service). */
const NOT_FOR_DAEMONSET: ReadonlyMap<string, string> = new Map([
  ['replicaCount', 'a DaemonSet has no replica count'],
  ['hpaSpec', 'the CNI chart renders no HorizontalPodAutoscaler'],
  ['podDisruptionBudget', 'the CNI chart renders no PodDisruptionBudget'],
  ['service', 'the CNI chart renders no Service'],
  ['serviceAnnotations', 'the CNI chart renders no Service'],
]);

/** `k8s.overlays` as normalised overlays; an entry without kind or name is an error. */
export function overlaysOf(k8s: unknown, path: readonly (string | number)[], issues: Issue[]): K8sObjectOverlay[] {
  const list = own(k8s, 'overlays');
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    issues.push({ severity: 'error', code: 'invalid-overlay', path: dotted(...path, 'overlays'), message: 'overlays must be a list' });
    return [];
  }
  const out: K8sObjectOverlay[] = [];
  list.forEach((o: unknown, i) => {
    const p = [...path, 'overlays', i];
    const kind = own(o, 'kind');
    const name = own(o, 'name');
    if (typeof kind !== 'string' || kind === '' || typeof name !== 'string' || name === '') {
      issues.push({ severity: 'error', code: 'invalid-overlay', path: dotted(...p), message: 'an overlay needs a kind and a name to find its object' });
      return;
    }
    const patches: { path: string; value?: unknown }[] = [];
    const raw = own(o, 'patches');
    (Array.isArray(raw) ? raw : []).forEach((patch: unknown, j) => {
      const pp = own(patch, 'path');
      if (typeof pp !== 'string') {
        issues.push({ severity: 'error', code: 'invalid-overlay', path: dotted(...p, 'patches', j, 'path'), message: 'a patch needs a path' });
        return;
      }
      const value = own(patch, 'value');
      patches.push(value === undefined ? { path: pp } : { path: pp, value: clone(value) });
    });
    const apiVersion = own(o, 'apiVersion');
    out.push({ ...(typeof apiVersion === 'string' && apiVersion !== '' ? { apiVersion } : {}), kind, name, patches });
  });
  return out;
}

/** Base / IstiodRemote: every k8s key but overlays is an error. */
export function overlaysOnlyIssues(k8s: unknown, path: readonly (string | number)[], component: string): Issue[] {
  if (!isObj(k8s)) return [];
  return Object.keys(k8s)
    .filter((k) => k !== 'overlays' && k8s[k] !== undefined && k8s[k] !== null)
    .map((k) => ({
      severity: 'error' as const,
      code: 'k8s-not-supported',
      path: dotted(...path, k),
      message: `the ${component} component renders no workload, so its k8s settings can only be overlays`,
      suggestion: 'use k8s.overlays to patch its objects',
    }));
}

/**
 * The chart's k8s block from components.X.k8s (overlays dropped), or undefined when empty.
 * `kind` DaemonSet: settings without an object are dropped with a warning, strategy must be a
 * DaemonSet update strategy (RollingUpdate or OnDelete; Recreate is an error).
 */
export function k8sSettings(k8s: unknown, path: readonly (string | number)[], kind: 'Deployment' | 'DaemonSet', issues: Issue[]): Obj | undefined {
  if (!isObj(k8s)) return undefined;
  const out = newObj();
  for (const key of Object.keys(k8s)) {
    const v = k8s[key];
    if (key === 'overlays' || v === undefined || v === null) continue;
    const p = dotted(...path, key);
    if (!DEPLOYMENT_SETTINGS.has(key)) {
      issues.push({ severity: 'warning', code: 'k8s-ignored', path: p, message: 'not a Kubernetes setting the charts know; ignored' });
      continue;
    }
    if (kind === 'DaemonSet') {
      const why = NOT_FOR_DAEMONSET.get(key);
      if (why !== undefined) {
        issues.push({ severity: 'warning', code: 'k8s-ignored', path: p, message: `ignored: ${why}` });
        continue;
      }
      if (key === 'strategy' && own(v, 'type') === 'Recreate') {
        issues.push({
          severity: 'error',
          code: 'invalid-strategy',
          path: dotted(...path, key, 'type'),
          message: 'the CNI DaemonSet cannot use the Deployment strategy "Recreate"; a DaemonSet update strategy is RollingUpdate or OnDelete',
          suggestion: 'use type: OnDelete',
        });
        continue;
      }
    }
    out[key] = clone(v);
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** Lists merged by key instead of replaced (as the chart merges k8s over its own objects). */
const KEYED_LISTS: ReadonlyMap<string, string> = new Map([['env', 'name'], ['volumes', 'name'], ['volumeMounts', 'mountPath']]);

/** Merges k8s settings `over` into `base` in place: maps recurse, keyed lists merge, the rest replaces. */
export function mergeK8s(base: Obj, over: Obj): void {
  for (const key of Object.keys(over)) {
    const keyName = KEYED_LISTS.get(key);
    const cur = own(base, key);
    const v = over[key];
    if (keyName !== undefined && Array.isArray(cur) && Array.isArray(v)) base[key] = mergeByKey(cur, v, keyName);
    else if (isObj(cur) && isObj(v)) mergeInto(cur, v);
    else base[key] = clone(v);
  }
}

function mergeByKey(base: readonly unknown[], over: readonly unknown[], key: string): unknown[] {
  const out = base.map(clone);
  for (const item of over) {
    const k = own(item, key);
    const i = k === undefined ? -1 : out.findIndex((x) => own(x, key) === k);
    if (i >= 0) out[i] = clone(item);
    else out.push(clone(item));
  }
  return out;
}
