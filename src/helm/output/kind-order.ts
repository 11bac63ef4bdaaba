/**
 * Helm's InstallOrder and its kind sort (reference §2.10): a stable sort by the position of each
 * kind in the list; unknown kinds (the empty kind too) after all known ones, ordered by kind
 * name byte-wise. Helm 4 appends the two webhook configuration kinds.
 */
import type { Compat } from '../../gotemplate/template.js';

const HELM3_ORDER = [
  'PriorityClass',
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
] as const;

export const INSTALL_ORDER: Record<Compat, readonly string[]> = {
  helm3: HELM3_ORDER,
  helm4: [...HELM3_ORDER, 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
};

const RANKS: Record<Compat, ReadonlyMap<string, number>> = {
  helm3: new Map(INSTALL_ORDER.helm3.map((k, i) => [k, i])),
  helm4: new Map(INSTALL_ORDER.helm4.map((k, i) => [k, i])),
};

/** Go's string comparison (byte order of UTF-8 = code point order). */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Stable sort of `items` by kind in helm's InstallOrder of `compat`. Returns a new array. */
export function sortByKind<T extends { readonly kind: string }>(items: readonly T[], compat: Compat): T[] {
  const ranks = RANKS[compat];
  // Array.prototype.sort is stable.
  return [...items].sort((a, b) => {
    const ra = ranks.get(a.kind);
    const rb = ranks.get(b.kind);
    if (ra === undefined && rb === undefined) return compareGoStrings(a.kind, b.kind);
    if (ra === undefined) return 1;
    if (rb === undefined) return -1;
    return ra - rb;
  });
}
