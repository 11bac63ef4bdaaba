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
