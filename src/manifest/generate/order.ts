/**
 * The install order of `manifest generate` (facts §3.1, improved): every object after what it
 * needs, so `kubectl apply -f` of the whole output works in one pass.
 *
 *   1. CustomResourceDefinition        9. MutatingWebhookConfiguration
 *   2. Namespace                      10. Istio custom resources (group istio.io or *.istio.io)
 *   3. ServiceAccount                 11. ConfigMap
 *   4. ClusterRole                    12. Secret
 *   5. ClusterRoleBinding             13. every other kind
 *   6. Role                           14. Deployment, DaemonSet
 *   7. RoleBinding                    15. PodDisruptionBudget
 *   8. ValidatingWebhookConfiguration 16. HorizontalPodAutoscaler
 *                                     17. Service
 *
 * Within a rank: API group, kind, namespace (cluster-scoped first), name, each compared by UTF-16
 * code units; objects equal in all of these keep their input order (the sort is stable), so
 * the order never depends on anything but the objects.
 */

/** [group, kind] of the ranked built-in kinds, in order. */
const RANKED: readonly (readonly [string, string])[] = [
  ['apiextensions.k8s.io', 'CustomResourceDefinition'],
  ['', 'Namespace'],
  ['', 'ServiceAccount'],
  ['rbac.authorization.k8s.io', 'ClusterRole'],
  ['rbac.authorization.k8s.io', 'ClusterRoleBinding'],
  ['rbac.authorization.k8s.io', 'Role'],
  ['rbac.authorization.k8s.io', 'RoleBinding'],
  ['admissionregistration.k8s.io', 'ValidatingWebhookConfiguration'],
  ['admissionregistration.k8s.io', 'MutatingWebhookConfiguration'],
];
const ISTIO_RANK = RANKED.length;
const LATE: readonly (readonly [string, string, number])[] = [
  ['', 'ConfigMap', ISTIO_RANK + 1],
  ['', 'Secret', ISTIO_RANK + 2],
  ['apps', 'Deployment', ISTIO_RANK + 4],
  ['apps', 'DaemonSet', ISTIO_RANK + 4],
  ['policy', 'PodDisruptionBudget', ISTIO_RANK + 5],
  ['autoscaling', 'HorizontalPodAutoscaler', ISTIO_RANK + 6],
  ['', 'Service', ISTIO_RANK + 7],
];
const OTHER_RANK = ISTIO_RANK + 3;

const RANKS: ReadonlyMap<string, number> = new Map([...RANKED.map(([g, k], i) => [`${g}/${k}`, i] as const), ...LATE.map(([g, k, r]) => [`${g}/${k}`, r] as const)]);

/** What ordering looks at. */
export interface OrderKey {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly namespace?: string;
}

/** The API group of an apiVersion ('' for the core group `v1`). */
export function apiGroup(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

function isIstioGroup(group: string): boolean {
  return group === 'istio.io' || group.endsWith('.istio.io');
}

/** The rank of an object's kind in the install order (0 = first). */
export function installRank(apiVersion: string, kind: string): number {
  const group = apiGroup(apiVersion);
  const r = RANKS.get(`${group}/${kind}`);
  if (r !== undefined) return r;
  return isIstioGroup(group) ? ISTIO_RANK : OTHER_RANK;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Install order: rank, then group, kind, namespace, name. 0 when all are equal. */
export function compareInstallOrder(a: OrderKey, b: OrderKey): number {
  return (
    installRank(a.apiVersion, a.kind) - installRank(b.apiVersion, b.kind) ||
    cmp(apiGroup(a.apiVersion), apiGroup(b.apiVersion)) ||
    cmp(a.kind, b.kind) ||
    cmp(a.namespace ?? '', b.namespace ?? '') ||
    cmp(a.name, b.name)
  );
}

/** A new array in install order (stable: equal keys keep their input order). */
export function sortInstallOrder<T extends OrderKey>(objects: readonly T[]): T[] {
  const keyed = objects.map((o, i) => ({ o, i, rank: installRank(o.apiVersion, o.kind), group: apiGroup(o.apiVersion) }));
  keyed.sort((x, y) => x.rank - y.rank || cmp(x.group, y.group) || cmp(x.o.kind, y.o.kind) || cmp(x.o.namespace ?? '', y.o.namespace ?? '') || cmp(x.o.name, y.o.name) || x.i - y.i);
  return keyed.map((k) => k.o);
}
