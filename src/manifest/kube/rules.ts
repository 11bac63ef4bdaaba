/**
 * Checks beyond the schema that the API server applies to every pod template and that a
 * generated installation can get wrong through overlays: a container's securityContext may not
 * turn privilege escalation off while being privileged or adding CAP_SYS_ADMIN (the API server
 * refuses the object: "cannot set allowPrivilegeEscalation to false and privileged to true").
 */
import type { Segment } from './issues.js';
import { isPlainObject, type Report } from './walk.js';

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;

function at(v: unknown, path: readonly string[]): unknown {
  let cur = v;
  for (const k of path) {
    if (!isPlainObject(cur) || !Object.prototype.hasOwnProperty.call(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

function addsSysAdmin(sc: Record<string, unknown>): boolean {
  const add = at(sc, ['capabilities', 'add']);
  return Array.isArray(add) && add.some((c) => c === 'SYS_ADMIN' || c === 'CAP_SYS_ADMIN');
}

/** Reports the API server's cross-field refusals in the object's pod template, if it has one. */
export function checkPodRules(kind: string, obj: Record<string, unknown>, prefix: readonly Segment[], report: Report): void {
  const path = Object.prototype.hasOwnProperty.call(POD_SPEC_PATHS, kind) ? POD_SPEC_PATHS[kind] : undefined;
  if (path === undefined) return;
  const podSpec = at(obj, path);
  if (!isPlainObject(podSpec)) return;
  for (const list of CONTAINER_LISTS) {
    const containers = podSpec[list];
    if (!Array.isArray(containers)) continue;
    containers.forEach((c, i) => {
      const sc = isPlainObject(c) ? c.securityContext : undefined;
      if (!isPlainObject(sc) || sc.allowPrivilegeEscalation !== false) return;
      const where = [...prefix, ...path, list, i, 'securityContext', 'allowPrivilegeEscalation'];
      if (sc.privileged === true) {
        report(where, 'invalid', 'cannot set allowPrivilegeEscalation to false and privileged to true (the API server refuses this pair)');
      } else if (addsSysAdmin(sc)) {
        report(where, 'invalid', 'cannot set allowPrivilegeEscalation to false and add capability SYS_ADMIN (the API server refuses this pair)');
      }
    });
  }
}

/** A DNS-1123 label without the length check: lower-case alphanumerics and '-', alphanumeric at both ends. */
const DNS1123_LABEL = /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/;
/** A DNS-1035 label without the length check: like DNS-1123 but starting with a letter. */
const DNS1035_LABEL = /^[a-z](?:[-a-z0-9]*[a-z0-9])?$/;

/** Kinds whose names the API server checks as DNS-1123 subdomains (at most 253 characters, dot-separated labels). */
const SUBDOMAIN_NAMED = new Set([
  'ConfigMap', 'Secret', 'ServiceAccount', 'Pod', 'Deployment', 'DaemonSet', 'StatefulSet', 'ReplicaSet', 'ReplicationController',
  'Job', 'CronJob', 'PodDisruptionBudget', 'HorizontalPodAutoscaler', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration',
  'CustomResourceDefinition', 'ResourceQuota', 'PriorityClass', 'Endpoints',
]);

function isSubdomain(name: string): boolean {
  return name.length <= 253 && name.split('.').every((l) => l.length <= 63 && DNS1123_LABEL.test(l));
}

/**
 * metadata.name as the API server checks it for the kinds our charts render: a Service name is a
 * DNS-1035 label (at most 63 characters, starting with a letter: it becomes a DNS name), a
 * Namespace name a DNS-1123 label, most other names DNS-1123 subdomains. RBAC names (which may
 * hold ':') and custom resources are not checked here.
 */
export function checkNameRules(kind: string, obj: Record<string, unknown>, prefix: readonly Segment[], report: Report): void {
  const name = at(obj, ['metadata', 'name']);
  if (typeof name !== 'string' || name === '') return;
  const where = [...prefix, 'metadata', 'name'];
  if (kind === 'Service') {
    if (name.length > 63 || !DNS1035_LABEL.test(name)) {
      report(where, 'invalid', `${JSON.stringify(name)} is not a valid Service name: expected a DNS-1035 label (at most 63 lower-case letters, digits and "-", starting with a letter, ending with a letter or digit)${name.length > 63 ? `; it has ${name.length} characters` : ''}`);
    }
  } else if (kind === 'Namespace') {
    if (name.length > 63 || !DNS1123_LABEL.test(name)) report(where, 'invalid', `${JSON.stringify(name)} is not a valid Namespace name: expected a DNS-1123 label (at most 63 lower-case letters, digits and "-")`);
  } else if (SUBDOMAIN_NAMED.has(kind) && !isSubdomain(name)) {
    report(where, 'invalid', `${JSON.stringify(name)} is not a valid ${kind} name: expected a DNS-1123 subdomain (at most 253 characters; lower-case letters, digits, "-" and ".")`);
  }
}
