/**
 * `uninstall --dry-run`: which objects of a cluster snapshot (src/revision/cluster-state.ts) would be
 * deleted to remove a revision, the installation of an IstioOperator file, or a whole installation
 * (`--purge`), in deletion order, with the warnings a user needs before running
 * `istio-installer uninstall --dry-run ... -o yaml | kubectl delete -f -`.
 *
 * Follows istioctl 1.11 `x uninstall` (facts §8) but never selects what is not ours:
 *
 * Ownership. An object is ours when it carries `operator.istio.io/component` with one of our
 * components (Base, Pilot, IstiodRemote, Cni, IngressGateways, EgressGateways) and
 * `install.operator.istio.io/owning-resource` (the IstioOperator's metadata.name, `unknown` when it
 * has none), as our charts render them. The one exception is a CustomResourceDefinition of an
 * `*.istio.io` group labelled component Base (the base chart does not put an owner on CRDs).
 * Objects that controllers create (Pod, ReplicaSet, Endpoints, ...) are never listed: deleting their
 * owner removes them. Namespaces are never listed (istioctl does not delete them either).
 *
 * Installations. Each owned object belongs to an installation: (owner label, istio namespace,
 * revision). The istio namespace of a namespaced object is its namespace; of a webhook
 * configuration the namespace of its service; of a ClusterRoleBinding its subject's namespace; of a
 * ClusterRole the namespace of the binding that grants it (or a `-<ns>` name suffix). Gateways and
 * CNI, which may live in other namespaces, belong to the control plane (Pilot/IstiodRemote objects)
 * with the same owner and revision; when that is ambiguous the object is left out. A missing
 * `istio.io/rev` label means revision `default` (our charts leave it off gateways of the default
 * revision; istioctl's reconciler wrote `default`). Base objects have no revision: they belong to
 * every revision of their (owner, namespace).
 *
 * Modes:
 * - `revision`: every non-Base object of that revision in the istio namespace (default
 *   istio-system), including tag webhooks pointing at it (they would make pod creation fail once
 *   istiod is gone). Base and CRDs are never listed.
 * - `installation` (`-f IOP`, a ManifestSet from render()): the objects the file renders that exist
 *   in the snapshot with the same owner, component and revision labels, except Base. istioctl 1.11
 *   listed only the Pilot component here and left the file's gateways running against a removed
 *   istiod; we list them too and warn that they disappear.
 * - `purge`: a whole installation and its Base objects. Alone: every installation in the istio
 *   namespace; with `revision` or `installation`: only that one (istioctl 1.11 ignored them and
 *   deleted every Istio object in the cluster, other teams' control planes included). Base objects
 *   of the namespace are listed only when no other control plane remains there and (unless purging
 *   the whole namespace) they carry the purged installation's owner; otherwise a warning says why
 *   they stay. CRDs are listed only when no owned object outside the plan remains in the cluster;
 *   otherwise a warning.
 *
 * Warnings (severity warning): pods still running a proxy of a removed revision (the `revision` of
 * annotation `sidecar.istio.io/status`, else label `istio.io/rev` of a pod with an istio-proxy
 * container), except pods of Deployments in the plan; namespaces still labelled for the revision or
 * a tag of it, judged as the webhooks are (`istio-injection=enabled` wins and means the default
 * revision, or what the `default` tag points at; any `istio-injection` value turns the revision
 * webhooks off); gateway Deployments and the CNI DaemonSet that would disappear; tag webhooks for
 * the revision that are not ours (left in place: they make pod creation fail once istiod is gone);
 * objects of ours that the snapshot cannot place in an installation (left out); Base or CRDs kept;
 * nothing matched. Errors: no mode, `revision` together with `installation`.
 *
 * Deletion order is the reverse of the install order of src/manifest/generate/order.ts.
 */
import type { ManifestSet } from '../manifest/generate/types.js';
import { compareInstallOrder } from '../manifest/generate/order.js';
import { IstioOperatorError, type Issue } from '../operator/issues.js';
import type { ClusterState } from './cluster-state.js';
import { type KubeObject, labelOf, type Labels, labelsOf, REV_LABEL, TAG_LABEL } from './types.js';

export interface UninstallInput {
  readonly state: ClusterState;
  readonly revision?: string;
  readonly purge?: boolean;
  /** The installation of `-f IOP` as render() produced it. */
  readonly installation?: ManifestSet;
  /** The istio namespace of `revision` and plain `purge` (default istio-system). */
  readonly istioNamespace?: string;
}

export interface UninstallPlan {
  /** Snapshot objects to delete, in deletion order (reverse install order). */
  readonly objects: KubeObject[];
  readonly warnings: Issue[];
}

export type SafeUninstallResult = { readonly success: true; readonly data: UninstallPlan } | { readonly success: false; readonly issues: readonly Issue[] };

export const COMPONENT_LABEL = 'operator.istio.io/component';
export const OWNER_LABEL = 'install.operator.istio.io/owning-resource';
export const STATUS_ANNOTATION = 'sidecar.istio.io/status';
export const DEFAULT_ISTIO_NAMESPACE = 'istio-system';

export const UNINSTALL_CODES = {
  noMode: 'uninstall-no-mode',
  conflict: 'uninstall-conflicting-flags',
  nothing: 'uninstall-nothing-found',
  pods: 'uninstall-pods-still-injected',
  namespaces: 'uninstall-namespace-still-labelled',
  gateway: 'uninstall-gateway-removed',
  cni: 'uninstall-cni-removed',
  baseKept: 'uninstall-base-kept',
  crdsKept: 'uninstall-crds-kept',
  foreignTag: 'uninstall-foreign-tag',
  ambiguous: 'uninstall-ambiguous-owner',
} as const;

const COMPONENTS = new Set(['Base', 'Pilot', 'IstiodRemote', 'Cni', 'IngressGateways', 'EgressGateways']);
const CONTROL_PLANE = new Set(['Pilot', 'IstiodRemote']);
/** Kinds controllers create from our objects: never deleted directly. */
const CONTROLLED_KINDS = new Set(['Pod', 'ReplicaSet', 'ControllerRevision', 'Endpoints', 'EndpointSlice', 'Event', 'Lease', 'Namespace']);

function group(apiVersion: string): string {
  const i = apiVersion.indexOf('/');
  return i < 0 ? '' : apiVersion.slice(0, i);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function field(v: unknown, ...path: (string | number)[]): unknown {
  let cur = v;
  for (const p of path) {
    if (typeof p === 'number') cur = Array.isArray(cur) ? (cur[p] as unknown) : undefined;
    else cur = isRecord(cur) && Object.hasOwn(cur, p) ? cur[p] : undefined;
  }
  return cur;
}

/** `Kind namespace/name` for messages. */
export function describeObject(o: KubeObject): string {
  return `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;
}

/** An object of ours, with the installation it belongs to. */
export interface OwnedObject {
  readonly object: KubeObject;
  readonly component: string;
  /** The owning-resource label; undefined for CRDs. */
  readonly owner?: string;
  /** istio.io/rev, `default` when absent; '' for Base (no revision). */
  readonly revision: string;
  /** The istio namespace of its installation; undefined when unknown or ambiguous (never listed then). */
  readonly istioNamespace?: string;
  readonly isCrd: boolean;
}

function isOwnedCrd(o: KubeObject): boolean {
  if (o.kind !== 'CustomResourceDefinition' || group(o.apiVersion) !== 'apiextensions.k8s.io') return false;
  if (labelOf(o, COMPONENT_LABEL) !== 'Base') return false;
  const name = o.metadata.name;
  const g = name.slice(name.indexOf('.') + 1);
  return g === 'istio.io' || g.endsWith('.istio.io');
}

/** The namespace an object's own fields point at (see the module comment), before control-plane matching. */
function naturalNamespace(o: KubeObject, roleNamespaces: ReadonlyMap<string, string>): string | undefined {
  if (o.metadata.namespace) return o.metadata.namespace;
  if (o.kind === 'MutatingWebhookConfiguration' || o.kind === 'ValidatingWebhookConfiguration') {
    const ns = field(o, 'webhooks', 0, 'clientConfig', 'service', 'namespace');
    if (typeof ns === 'string' && ns !== '') return ns;
    return undefined;
  }
  if (o.kind === 'ClusterRoleBinding') {
    const ns = field(o, 'subjects', 0, 'namespace');
    return typeof ns === 'string' && ns !== '' ? ns : undefined;
  }
  if (o.kind === 'ClusterRole') return roleNamespaces.get(o.metadata.name);
  return undefined;
}

/** Every object of ours in the snapshot, each with its installation. */
export function ownedObjects(state: ClusterState): OwnedObject[] {
  const candidates: { o: KubeObject; component: string; owner?: string; revision: string; isCrd: boolean }[] = [];
  for (const o of state.objects) {
    if (CONTROLLED_KINDS.has(o.kind) && group(o.apiVersion) !== 'apiextensions.k8s.io') continue;
    if (isOwnedCrd(o)) {
      candidates.push({ o, component: 'Base', revision: '', isCrd: true });
      continue;
    }
    const component = labelOf(o, COMPONENT_LABEL);
    const owner = labelOf(o, OWNER_LABEL);
    if (component === undefined || !COMPONENTS.has(component) || owner === undefined) continue;
    const revision = component === 'Base' ? '' : labelOf(o, REV_LABEL) || 'default';
    candidates.push({ o, component, owner, revision, isCrd: false });
  }
  // ClusterRole -> namespace of the ClusterRoleBinding of ours that grants it.
  const roleNamespaces = new Map<string, string>();
  for (const c of candidates) {
    if (c.o.kind !== 'ClusterRoleBinding') continue;
    const role = field(c.o, 'roleRef', 'name');
    const ns = field(c.o, 'subjects', 0, 'namespace');
    if (typeof role === 'string' && typeof ns === 'string' && ns !== '') roleNamespaces.set(role, ns);
  }
  // Control planes: (owner, revision) -> istio namespaces.
  const planes = new Map<string, Set<string>>();
  const planeKey = (owner: string | undefined, rev: string): string => `${owner ?? ''}\u0000${rev}`;
  for (const c of candidates) {
    if (!CONTROL_PLANE.has(c.component) || !c.o.metadata.namespace) continue;
    const k = planeKey(c.owner, c.revision);
    const set = planes.get(k) ?? new Set<string>();
    set.add(c.o.metadata.namespace);
    planes.set(k, set);
  }
  const allPlaneNamespaces = new Set([...planes.values()].flatMap((s) => [...s]));
  return candidates.map((c) => {
    let ns = c.isCrd ? undefined : naturalNamespace(c.o, roleNamespaces);
    if (!c.isCrd && ns === undefined && !c.o.metadata.namespace) {
      // Cluster-scoped object we could not place by its fields: a `-<ns>` name suffix.
      const hits = [...allPlaneNamespaces].filter((n) => c.o.metadata.name.endsWith(`-${n}`));
      if (hits.length === 1) ns = hits[0];
    }
    if (!c.isCrd && c.component !== 'Base' && !CONTROL_PLANE.has(c.component)) {
      const cps = planes.get(planeKey(c.owner, c.revision));
      if (cps && cps.size === 1) ns = [...cps][0];
      else if (cps && cps.size > 1) ns = ns !== undefined && cps.has(ns) ? ns : undefined;
    }
    return { object: c.o, component: c.component, ...(c.owner !== undefined ? { owner: c.owner } : {}), revision: c.revision, ...(ns !== undefined ? { istioNamespace: ns } : {}), isCrd: c.isCrd };
  });
}

function warn(code: string, message: string, suggestion?: string): Issue {
  return { severity: 'warning', code, path: '', message, ...(suggestion ? { suggestion } : {}) };
}

function identity(o: { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } } | { apiVersion: string; kind: string; name: string; namespace?: string }): string {
  const name = 'metadata' in o ? o.metadata.name : o.name;
  const ns = 'metadata' in o ? o.metadata.namespace : o.namespace;
  return `${group(o.apiVersion)}\u0000${o.kind}\u0000${ns ?? ''}\u0000${name}`;
}

/** The plan, or throws IstioOperatorError on contradictory input. */
export function planUninstall(input: UninstallInput): UninstallPlan {
  const r = safePlanUninstall(input);
  if (!r.success) throw new IstioOperatorError(r.issues);
  return r.data;
}

export function safePlanUninstall(input: UninstallInput): SafeUninstallResult {
  const { state } = input;
  const purge = input.purge === true;
  const revision = input.revision === '' ? 'default' : input.revision;
  if (revision === undefined && input.installation === undefined && !purge) {
    return { success: false, issues: [{ severity: 'error', code: UNINSTALL_CODES.noMode, path: '', message: 'say what to uninstall: --revision REV, -f IOP (the installation it describes) or --purge (everything in the istio namespace)' }] };
  }
  if (revision !== undefined && input.installation !== undefined) {
    return {
      success: false,
      issues: [{ severity: 'error', code: UNINSTALL_CODES.conflict, path: '', message: '--revision and -f both name what to uninstall; give one (set the revision in the file, or --set revision=REV with -f)' }],
    };
  }
  const owned = ownedObjects(state);
  const warnings: Issue[] = [];
  const selected = new Set<OwnedObject>();

  // The installations (owner, namespace, revision) being removed, and the namespace they live in.
  let istioNamespace = input.istioNamespace ?? DEFAULT_ISTIO_NAMESPACE;
  let fileOwner: string | undefined;
  let fileRevision: string | undefined;
  if (input.installation) {
    const set = input.installation;
    const first = set.objects.find((o) => o.component !== 'Base') ?? set.objects[0];
    const labels = (field(first?.object, 'metadata', 'labels') ?? {}) as Record<string, unknown>;
    fileOwner = typeof labels[OWNER_LABEL] === 'string' ? labels[OWNER_LABEL] : 'unknown';
    const plane = set.components.find((c) => c.component === 'Pilot' || c.component === 'IstiodRemote') ?? set.components.find((c) => c.component === 'Base');
    if (plane) istioNamespace = plane.namespace;
    const pilotRev = set.objects.find((o) => o.component === 'Pilot' || o.component === 'IstiodRemote');
    const rev = field(pilotRev?.object, 'metadata', 'labels', REV_LABEL);
    fileRevision = typeof rev === 'string' && rev !== '' ? rev : 'default';
  }

  if (input.installation && !purge) {
    // The file's rendered objects (not Base) that exist with the same labels.
    const byId = new Map<string, OwnedObject>();
    for (const o of owned) if (!o.isCrd) byId.set(identity(o.object), o);
    for (const m of input.installation.objects) {
      if (m.component === 'Base') continue;
      const hit = byId.get(identity(m));
      if (!hit) continue;
      const ml = (field(m.object, 'metadata', 'labels') ?? {}) as Record<string, unknown>;
      const same = (k: string): boolean => (ml[k] ?? undefined) === labelOf(hit.object, k);
      if (same(COMPONENT_LABEL) && same(OWNER_LABEL) && same(REV_LABEL)) selected.add(hit);
    }
  } else if (!purge && revision !== undefined) {
    for (const o of owned) if (!o.isCrd && o.component !== 'Base' && o.revision === revision && o.istioNamespace === istioNamespace) selected.add(o);
  } else {
    // purge: the chosen installations in the namespace, then Base and CRDs if nothing else needs them.
    const target = (o: OwnedObject): boolean => {
      if (o.isCrd || o.component === 'Base' || o.istioNamespace !== istioNamespace) return false;
      if (input.installation) return o.owner === fileOwner && o.revision === fileRevision;
      if (revision !== undefined) return o.revision === revision;
      return true;
    };
    for (const o of owned) if (target(o)) selected.add(o);
    const remainingPlanes = owned.filter((o) => !selected.has(o) && CONTROL_PLANE.has(o.component) && o.istioNamespace === istioNamespace && o.object.kind === 'Deployment');
    const base = owned.filter((o) => !o.isCrd && o.component === 'Base' && o.istioNamespace === istioNamespace);
    if (base.length > 0) {
      if (remainingPlanes.length > 0) {
        const names = [...new Set(remainingPlanes.map((o) => `revision ${o.revision} (owner ${o.owner ?? 'unknown'})`))].join(', ');
        warnings.push(warn(UNINSTALL_CODES.baseKept, `Base objects of ${istioNamespace} are kept: other control planes still use them: ${names}`));
      } else {
        const foreign = input.installation ? base.filter((o) => o.owner !== fileOwner) : [];
        for (const o of base) if (!foreign.includes(o)) selected.add(o);
        if (foreign.length > 0) {
          warnings.push(
            warn(UNINSTALL_CODES.baseKept, `${foreign.length} Base object(s) of ${istioNamespace} are kept: they belong to another IstioOperator (${[...new Set(foreign.map((o) => o.owner))].join(', ')})`, 'purge them with --purge --istioNamespace ' + istioNamespace + ' (without -f)'),
          );
        }
      }
    }
    const crds = owned.filter((o) => o.isCrd);
    if (crds.length > 0) {
      const rest = owned.filter((o) => !o.isCrd && !selected.has(o));
      if (rest.length === 0) for (const o of crds) selected.add(o);
      else {
        const others = [...new Set(rest.map((o) => `${o.istioNamespace ?? '?'} (owner ${o.owner ?? 'unknown'}, ${o.component === 'Base' ? 'Base' : `revision ${o.revision}`})`))].slice(0, 5);
        warnings.push(warn(UNINSTALL_CODES.crdsKept, `the Istio CustomResourceDefinitions are kept: other installations remain: ${others.join('; ')}`, 'they are listed once the last installation is purged'));
      }
    }
  }

  // Objects that look like the target but whose installation cannot be told apart: left out, said so.
  const unplaced = owned.filter((o) => !o.isCrd && o.istioNamespace === undefined && !selected.has(o) && (input.installation ? o.owner === fileOwner && (o.component === 'Base' ? purge : o.revision === fileRevision) : revision !== undefined ? o.revision === revision || (purge && o.component === 'Base') : purge));
  if (unplaced.length > 0) {
    warnings.push(
      warn(
        UNINSTALL_CODES.ambiguous,
        `${unplaced.length} object(s) of ours are not listed because the snapshot does not show which installation they belong to: ${unplaced.slice(0, 5).map((o) => describeObject(o.object)).join(', ')}${unplaced.length > 5 ? ', ...' : ''}`,
        'check them by hand (kubectl get ... --show-labels)',
      ),
    );
  }
  const objects = [...selected].map((o) => o.object).sort((a, b) => compareInstallOrder(orderKey(b), orderKey(a)));
  if (objects.length === 0) {
    const what = input.installation ? `the installation of the IstioOperator file (owner ${fileOwner ?? 'unknown'}, revision ${fileRevision ?? 'default'}, namespace ${istioNamespace})` : revision !== undefined ? `revision ${revision} in ${istioNamespace}` : `an installation in ${istioNamespace}`;
    const known = [...new Set(owned.filter((o) => CONTROL_PLANE.has(o.component) && o.istioNamespace).map((o) => `${o.revision} in ${o.istioNamespace ?? '?'}`))];
    warnings.push(warn(UNINSTALL_CODES.nothing, `nothing to delete: the snapshot ${state.file} has no object of ${what}`, known.length > 0 ? `control planes found: ${known.join(', ')}` : 'the snapshot has no control plane of ours'));
  }
  warnings.push(...impactWarnings(state, owned, [...selected]));
  return { success: true, data: { objects, warnings } };
}

function orderKey(o: KubeObject): { apiVersion: string; kind: string; name: string; namespace?: string } {
  return { apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) };
}

/**
 * The revision whose proxy a pod runs: the `revision` of its `sidecar.istio.io/status` annotation
 * (injected pods), else its istio.io/rev label when the annotation is there or it runs an
 * `istio-proxy` container (gateways). undefined for pods without a proxy (istiod itself, apps).
 */
export function podRevision(pod: KubeObject): string | undefined {
  const ann = pod.metadata.annotations;
  const status = ann && Object.hasOwn(ann, STATUS_ANNOTATION) ? ann[STATUS_ANNOTATION] : undefined;
  if (status !== undefined) {
    try {
      const parsed: unknown = JSON.parse(status);
      const rev = field(parsed, 'revision');
      if (typeof rev === 'string') return rev === '' ? 'default' : rev;
    } catch {
      // not JSON: fall back to the label
    }
  }
  const containers = field(pod, 'spec', 'containers');
  const proxy = Array.isArray(containers) && containers.some((c) => field(c, 'name') === 'istio-proxy');
  if (status === undefined && !proxy) return undefined;
  return labelOf(pod, REV_LABEL) || 'default';
}

function matchLabels(selector: unknown, labels: Labels): boolean {
  const ml = field(selector, 'matchLabels');
  if (!isRecord(ml) || Object.keys(ml).length === 0) return false;
  return Object.entries(ml).every(([k, v]) => Object.hasOwn(labels, k) && labels[k] === v);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Warnings about what still depends on the revisions and gateways being removed. */
function impactWarnings(state: ClusterState, owned: readonly OwnedObject[], selected: readonly OwnedObject[]): Issue[] {
  const out: Issue[] = [];
  const chosen = new Set(selected);
  // Revisions whose istiod goes away (and is not still running in another namespace of ours).
  const removed = new Set(selected.filter((o) => CONTROL_PLANE.has(o.component) && o.object.kind === 'Deployment').map((o) => o.revision));
  const surviving = new Set(owned.filter((o) => !chosen.has(o) && CONTROL_PLANE.has(o.component) && o.object.kind === 'Deployment').map((o) => o.revision));
  const deployments = selected.filter((o) => o.object.kind === 'Deployment' || o.object.kind === 'DaemonSet').map((o) => o.object);
  const partOfRemoved = (pod: KubeObject): boolean =>
    deployments.some((d) => d.metadata.namespace === pod.metadata.namespace && matchLabels(field(d, 'spec', 'selector'), labelsOf(pod)));

  const defaultTag = state.ofKind('MutatingWebhookConfiguration').find((m) => labelOf(m, TAG_LABEL) === 'default');
  const defaultTagRevision = defaultTag ? labelOf(defaultTag, REV_LABEL) || 'default' : undefined;
  for (const rev of [...removed].sort()) {
    const pods = state.ofKind('Pod').filter((p) => podRevision(p) === rev && !partOfRemoved(p));
    if (pods.length > 0) {
      const nss = [...new Set(pods.map((p) => p.metadata.namespace ?? ''))].sort();
      out.push(
        warn(
          UNINSTALL_CODES.pods,
          `${plural(pods.length, 'pod is', 'pods are')} still injected by revision ${rev} (${plural(nss.length, 'namespace', 'namespaces')} ${nss.join(', ')})${surviving.has(rev) ? '' : `: their proxies lose their control plane`}`,
          'move their namespaces to another revision and restart the workloads first',
        ),
      );
    }
    // Tags of this revision: tag webhooks in the snapshot.
    const tagWebhooks = state.ofKind('MutatingWebhookConfiguration').filter((m) => labelOf(m, TAG_LABEL) !== undefined && (labelOf(m, REV_LABEL) || 'default') === rev);
    const tags = new Set(tagWebhooks.map((m) => labelOf(m, TAG_LABEL) ?? ''));
    for (const m of tagWebhooks) {
      if (!selected.some((o) => o.object === m)) {
        out.push(
          warn(
            UNINSTALL_CODES.foreignTag,
            `tag webhook ${m.metadata.name} (tag ${labelOf(m, TAG_LABEL) ?? ''}) points at revision ${rev} and is not part of this installation, so it is not listed; once istiod-${rev} is gone it makes pod creation fail in the namespaces it selects`,
            `delete it too (kubectl delete mutatingwebhookconfiguration ${m.metadata.name}) or point the tag at another revision (tag generate ${labelOf(m, TAG_LABEL) ?? ''} --revision OTHER)`,
          ),
        );
      }
    }
    for (const ns of state.ofKind('Namespace')) {
      const l = labelsOf(ns);
      const revLabel = Object.hasOwn(l, REV_LABEL) ? l[REV_LABEL] : undefined;
      let why: string | undefined;
      if (revLabel === rev) why = `${REV_LABEL}=${rev}`;
      else if (revLabel !== undefined && tags.has(revLabel)) why = `${REV_LABEL}=${revLabel} (tag of revision ${rev})`;
      // istio-injection=enabled wins over istio.io/rev (facts §5.1): the default revision (or what the default tag points at).
      // Any istio-injection label turns the revision webhooks off (they require DoesNotExist).
      if (Object.hasOwn(l, 'istio-injection')) why = l['istio-injection'] === 'enabled' && (defaultTagRevision ?? 'default') === rev ? 'istio-injection=enabled' : undefined;
      if (why !== undefined) {
        out.push(warn(UNINSTALL_CODES.namespaces, `namespace ${ns.metadata.name} is still labelled ${why}: new pods there will not be injected by revision ${rev} any more`, 'relabel it for another revision or tag first'));
      }
    }
  }
  for (const o of selected) {
    if (o.object.kind === 'Deployment' && (o.component === 'IngressGateways' || o.component === 'EgressGateways')) {
      out.push(warn(UNINSTALL_CODES.gateway, `gateway Deployment ${o.object.metadata.namespace ?? ''}/${o.object.metadata.name} (${o.component}) would be removed: traffic through it stops`));
    }
    if (o.object.kind === 'DaemonSet' && o.component === 'Cni') {
      const others = [...surviving].filter((r) => !removed.has(r));
      if (others.length > 0) out.push(warn(UNINSTALL_CODES.cni, `the CNI DaemonSet ${o.object.metadata.namespace ?? ''}/${o.object.metadata.name} would be removed while revision(s) ${others.join(', ')} remain: their new pods cannot start in CNI mode`));
    }
  }
  return out;
}

/** The plan's objects as `kubectl delete -f -` input: identity only (apiVersion, kind, name, namespace). */
export function deletionManifest(objects: readonly KubeObject[]): { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } }[] {
  return objects.map((o) => ({ apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}) } }));
}
