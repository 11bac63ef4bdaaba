/**
 * Whether a pod gets a sidecar: istiod 1.11's injectRequired (host networking, the kube-system and
 * kube-public namespaces, the `sidecar.istio.io/inject` label or annotation, neverInjectSelector
 * then alwaysInjectSelector, then config.policy), plus the check that a pod is not injected
 * already (its `sidecar.istio.io/status` annotation or an istio-proxy container carrying the
 * injector's image, i.e. anything but a user's `image: auto` customization).
 */
import type { InjectTemplatesConfig, Labels, LabelSelector, PodTarget } from './types.js';
import { isObject } from './workload.js';

export const INJECT_KEY = 'sidecar.istio.io/inject';
export const STATUS_ANNOTATION = 'sidecar.istio.io/status';
export const PROXY_CONTAINER = 'istio-proxy';
/** Namespaces istiod never injects (1.11 IgnoredNamespaces). */
export const IGNORED_NAMESPACES: readonly string[] = ['kube-system', 'kube-public'];

export type PolicyDecision =
  | { readonly inject: true; readonly reason: string }
  | { readonly inject: false; readonly reason: string };

/** Warnings about selectors istiod cannot evaluate (it logs and skips them). */
export interface PolicyResult {
  readonly decision: PolicyDecision;
  readonly invalidSelectors: readonly string[];
}

export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObject(v)) return out;
  for (const k of Object.keys(v)) {
    const x = v[k];
    if (typeof x === 'string') Object.defineProperty(out, k, { value: x, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function own(m: Readonly<Record<string, string>>, k: string): string | undefined {
  return Object.hasOwn(m, k) ? m[k] : undefined;
}

/**
 * metav1.LabelSelectorAsSelector + Matches. Returns 'invalid' for a selector the API server
 * would reject (unknown operator, In/NotIn without values, Exists with values).
 */
export function labelSelectorMatches(selector: LabelSelector, labels: Labels): boolean | 'invalid' {
  const ml = isObject(selector.matchLabels) ? selector.matchLabels : {};
  const exprs = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
  for (const e of exprs) {
    if (!isObject(e) || typeof e.key !== 'string') return 'invalid';
    const values = Array.isArray(e.values) ? e.values : [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return 'invalid';
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return 'invalid';
        break;
      default:
        return 'invalid';
    }
  }
  for (const k of Object.keys(ml)) if (own(labels, k) !== ml[k]) return false;
  for (const e of exprs) {
    const v = own(labels, e.key);
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
        if (v === undefined || !values.includes(v)) return false;
        break;
      case 'NotIn':
        if (v !== undefined && values.includes(v)) return false;
        break;
      case 'Exists':
        if (v === undefined) return false;
        break;
      case 'DoesNotExist':
        if (v !== undefined) return false;
        break;
    }
  }
  return true;
}

function isEmptySelector(s: LabelSelector): boolean {
  const ml = isObject(s.matchLabels) ? Object.keys(s.matchLabels).length : 0;
  const me = Array.isArray(s.matchExpressions) ? s.matchExpressions.length : 0;
  return ml + me === 0;
}

function describe(s: LabelSelector): string {
  return JSON.stringify(s);
}

/** istiod 1.11's injectRequired for one pod. */
export function injectionPolicy(config: Pick<InjectTemplatesConfig, 'policy' | 'neverInjectSelector' | 'alwaysInjectSelector'>, target: PodTarget): PolicyResult {
  const invalid: string[] = [];
  const result = (decision: PolicyDecision): PolicyResult => ({ decision, invalidSelectors: invalid });
  if (target.spec.hostNetwork === true) return result({ inject: false, reason: 'host networking is enabled' });
  // the pod's namespace: its own, else the workload's (as the webhook sees the created pod)
  const ns = typeof target.metadata.namespace === 'string' && target.metadata.namespace !== '' ? target.metadata.namespace : target.deploymentMeta.namespace;
  if (IGNORED_NAMESPACES.includes(ns)) return result({ inject: false, reason: `namespace ${ns} is never injected` });

  const annotations = stringMap(target.metadata.annotations);
  const labels = stringMap(target.metadata.labels);
  let value = own(annotations, INJECT_KEY) ?? '';
  let from = `annotation ${INJECT_KEY}`;
  const label = own(labels, INJECT_KEY);
  if (label !== undefined) {
    // the label is the newer API and wins over the annotation
    value = label;
    from = `label ${INJECT_KEY}`;
  }
  let useDefault = false;
  let inject = false;
  let why = '';
  switch (value.toLowerCase()) {
    case 'y':
    case 'yes':
    case 'true':
    case 'on':
      inject = true;
      why = `${from} is "${value}"`;
      break;
    case '':
      useDefault = true;
      break;
    default:
      why = `${from} is "${value}"`;
  }

  if (useDefault) {
    for (const s of config.neverInjectSelector) {
      const m = labelSelectorMatches(s, labels);
      if (m === 'invalid') invalid.push(`neverInjectSelector ${describe(s)}`);
      else if (!isEmptySelector(s) && m) {
        inject = false;
        useDefault = false;
        why = `pod labels match neverInjectSelector ${describe(s)}`;
        break;
      }
    }
  }
  if (useDefault) {
    for (const s of config.alwaysInjectSelector) {
      const m = labelSelectorMatches(s, labels);
      if (m === 'invalid') invalid.push(`alwaysInjectSelector ${describe(s)}`);
      else if (!isEmptySelector(s) && m) {
        inject = true;
        useDefault = false;
        why = `pod labels match alwaysInjectSelector ${describe(s)}`;
        break;
      }
    }
  }

  switch (config.policy) {
    case 'enabled':
      return result(useDefault ? { inject: true, reason: 'injection policy is enabled' } : inject ? { inject: true, reason: why } : { inject: false, reason: `sidecar injection is disabled: ${why}` });
    case 'disabled':
      return result(useDefault ? { inject: false, reason: 'injection policy is disabled and nothing asks for injection' } : inject ? { inject: true, reason: why } : { inject: false, reason: `sidecar injection is disabled: ${why}` });
    default:
      return result({ inject: false, reason: `injection policy "${String(config.policy)}" is neither enabled nor disabled` });
  }
}

function containers(spec: Record<string, unknown>, key: string): Record<string, unknown>[] {
  const v = spec[key];
  return Array.isArray(v) ? v.filter(isObject) : [];
}

/**
 * Why this pod counts as injected already, or undefined. A user's own istio-proxy container
 * with `image: auto` (or no image) is a customization, not an injected sidecar.
 */
export function alreadyInjected(target: PodTarget): string | undefined {
  const annotations = stringMap(target.metadata.annotations);
  if (own(annotations, STATUS_ANNOTATION) !== undefined) return `it has the ${STATUS_ANNOTATION} annotation`;
  for (const c of containers(target.spec, 'containers')) {
    if (c.name === PROXY_CONTAINER && typeof c.image === 'string' && c.image !== '' && c.image !== 'auto') {
      return `it has an ${PROXY_CONTAINER} container with image ${c.image}`;
    }
  }
  return undefined;
}
