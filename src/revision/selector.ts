/**
 * The API server's evaluation of admission webhook selectors (issue 7): which webhooks of the
 * MutatingWebhookConfigurations in a cluster would be called when a pod is created.
 *
 * Semantics (k8s.io/apimachinery labels, admission webhook dispatch):
 * - a label selector is the AND of its matchLabels (key present with exactly that value) and its
 *   matchExpressions (In: key present and value listed; NotIn: key absent or value not listed;
 *   Exists; DoesNotExist); an absent or empty selector matches everything;
 * - namespaceSelector sees the namespace's labels plus `kubernetes.io/metadata.name: <name>`,
 *   which the API server sets on every namespace (Kubernetes >= 1.21);
 * - objectSelector sees the pod's labels;
 * - a webhook is called for a pod CREATE only if one of its rules covers operation CREATE,
 *   API group "", version v1, resource pods ("*" wildcards included).
 *
 * Objects read from a cluster snapshot are untrusted data: a malformed selector or rule (which the
 * API server would have refused) matches nothing here, it never throws.
 */
import { type KubeObject, labelOf, type Labels } from './types.js';

export type { Labels };

export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface LabelSelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values?: readonly string[];
}

export interface LabelSelector {
  readonly matchLabels?: Labels;
  readonly matchExpressions?: readonly LabelSelectorRequirement[];
}

/** The label the API server puts on every Namespace: its own name. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** Label-selector semantics of Kubernetes; an absent selector matches everything. A malformed one matches nothing. */
export function selectorMatches(selector: LabelSelector | undefined, labels: Labels): boolean {
  const s = toSelector(selector);
  if (s === 'invalid') return false;
  return s === undefined || matchesValid(s, labels);
}

function has(labels: Labels, key: string): boolean {
  return Object.hasOwn(labels, key);
}

function matchesValid(s: LabelSelector, labels: Labels): boolean {
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) if (!has(labels, k) || labels[k] !== v) return false;
  for (const r of s.matchExpressions ?? []) {
    const present = has(labels, r.key);
    const values = r.values ?? [];
    switch (r.operator) {
      case 'In':
        if (!present || !values.includes(labels[r.key] as string)) return false;
        break;
      case 'NotIn':
        if (present && values.includes(labels[r.key] as string)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
    }
  }
  return true;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const OPERATORS: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * A selector from plain data: undefined when absent (null too, as the API server treats it),
 * 'invalid' when it is not what the API server would have accepted.
 */
export function toSelector(raw: unknown): LabelSelector | undefined | 'invalid' {
  if (raw === undefined || raw === null) return undefined;
  if (!isRecord(raw)) return 'invalid';
  const out: { matchLabels?: Record<string, string>; matchExpressions?: LabelSelectorRequirement[] } = {};
  const ml = raw.matchLabels;
  if (ml !== undefined && ml !== null) {
    if (!isRecord(ml)) return 'invalid';
    const labels = new Map<string, string>();
    for (const [k, v] of Object.entries(ml)) {
      if (typeof v !== 'string') return 'invalid';
      labels.set(k, v);
    }
    out.matchLabels = Object.fromEntries(labels);
  }
  const me = raw.matchExpressions;
  if (me !== undefined && me !== null) {
    if (!Array.isArray(me)) return 'invalid';
    const reqs: LabelSelectorRequirement[] = [];
    for (const r of me as unknown[]) {
      if (!isRecord(r) || typeof r.key !== 'string' || typeof r.operator !== 'string' || !OPERATORS.has(r.operator)) return 'invalid';
      const op = r.operator as SelectorOperator;
      const values = r.values ?? [];
      if (!Array.isArray(values) || !values.every((v): v is string => typeof v === 'string')) return 'invalid';
      // In/NotIn need values, Exists/DoesNotExist take none (apimachinery's validation).
      if ((op === 'In' || op === 'NotIn') !== values.length > 0) return 'invalid';
      reqs.push({ key: r.key, operator: op, values });
    }
    out.matchExpressions = reqs;
  }
  return out;
}

/** A pod about to be created, in a namespace. */
export interface AdmissionTarget {
  readonly namespace: { readonly name: string; readonly labels: Labels };
  readonly pod: { readonly labels: Labels };
}

/** One webhook that would be called. */
export interface WebhookMatch {
  /** metadata.name of the MutatingWebhookConfiguration. */
  readonly configuration: string;
  /** The webhook's name (e.g. rev.namespace.sidecar-injector.istio.io). */
  readonly webhook: string;
  /** The configuration's istio.io/rev label ("default" when absent). */
  readonly revision: string;
  /** The configuration's istio.io/tag label, when it is a revision tag. */
  readonly tag?: string;
}

function listHas(v: unknown, ...accepted: string[]): boolean {
  return Array.isArray(v) && v.some((x) => typeof x === 'string' && accepted.includes(x));
}

/** Whether a rule covers CREATE of core/v1 pods (rule fields as in RuleWithOperations; scope absent, "*" or Namespaced). */
function ruleCoversPodCreate(rule: unknown): boolean {
  if (!isRecord(rule)) return false;
  if (!listHas(rule.operations, 'CREATE', '*')) return false;
  if (!listHas(rule.apiGroups, '', '*')) return false;
  if (!listHas(rule.apiVersions, 'v1', '*')) return false;
  if (!listHas(rule.resources, 'pods', '*', '*/*')) return false;
  return rule.scope === undefined || rule.scope === null || rule.scope === '*' || rule.scope === 'Namespaced';
}

/** The labels a namespaceSelector is evaluated against: the namespace's labels and its name label. */
export function namespaceSelectorLabels(namespace: AdmissionTarget['namespace']): Labels {
  const out = new Map<string, string>(Object.entries(namespace.labels));
  out.set(NAMESPACE_NAME_LABEL, namespace.name);
  return Object.fromEntries(out);
}

/**
 * Webhooks of these MutatingWebhookConfigurations that would be called for CREATE of the pod
 * (rules for pods v1 CREATE, namespaceSelector on namespace labels + the automatic
 * kubernetes.io/metadata.name label, objectSelector on pod labels). Other kinds are ignored.
 */
export function matchingWebhooks(configurations: readonly KubeObject[], target: AdmissionTarget): WebhookMatch[] {
  const nsLabels = namespaceSelectorLabels(target.namespace);
  const out: WebhookMatch[] = [];
  for (const c of configurations) {
    if (c.kind !== 'MutatingWebhookConfiguration') continue;
    const webhooks: unknown = c.webhooks;
    if (!Array.isArray(webhooks)) continue;
    const revision = labelOf(c, 'istio.io/rev') ?? 'default';
    const tag = labelOf(c, 'istio.io/tag');
    for (const w of webhooks as unknown[]) {
      if (!isRecord(w) || typeof w.name !== 'string') continue;
      if (!Array.isArray(w.rules) || !w.rules.some(ruleCoversPodCreate)) continue;
      const ns = toSelector(w.namespaceSelector);
      const obj = toSelector(w.objectSelector);
      if (ns === 'invalid' || obj === 'invalid') continue;
      if (ns !== undefined && !matchesValid(ns, nsLabels)) continue;
      if (obj !== undefined && !matchesValid(obj, target.pod.labels)) continue;
      out.push({ configuration: c.metadata.name, webhook: w.name, revision, ...(tag !== undefined ? { tag } : {}) });
    }
  }
  return out;
}
