/**
 * `revision list`: the control plane revisions of a cluster snapshot, one row each.
 *
 * A revision is listed when the snapshot has any trace of it: an istiod Deployment (component
 * Pilot or IstiodRemote, or app=istiod; revision = its istio.io/rev label, `default` when absent),
 * a canonical injector MutatingWebhookConfiguration (app=sidecar-injector or component Pilot,
 * without istio.io/tag), a revision tag webhook pointing at it, or a pod running its proxy. A row
 * with no istiod shows a revision that is referenced but not running (e.g. a tag left behind).
 *
 * - `tags`: the istio.io/tag labels of the tag webhooks whose istio.io/rev is the revision.
 * - `namespaces`: namespaces where a new pod without labels would be injected by the revision, as
 *   the API server evaluates the webhooks of the snapshot (matchingWebhooks of selector.ts), so
 *   `istio-injection=enabled`, `istio.io/rev=<rev>`, `istio.io/rev=<tag>` and deactivated webhooks
 *   are all judged as the cluster would. A namespace matched by webhooks of two revisions is listed
 *   under both (the overlap istioctl 1.11 allowed).
 * - `pods`: pods running a proxy of the revision (podRevision in uninstall.ts: the status
 *   annotation's revision, else the istio.io/rev label of a pod with a proxy).
 * Rows are sorted by revision name, `default` first.
 */
import type { ClusterState } from './cluster-state.js';
import { matchingWebhooks } from './selector.js';
import { type KubeObject, labelOf, REV_LABEL, TAG_LABEL } from './types.js';
import { COMPONENT_LABEL, podRevision } from './uninstall.js';

export interface RevisionRow {
  revision: string;
  tags: string[];
  /** namespace/name of the istiod Deployments of the revision. */
  istiod: string[];
  namespaces: string[];
  pods: number;
}

function isIstiod(o: KubeObject): boolean {
  const c = labelOf(o, COMPONENT_LABEL);
  return o.kind === 'Deployment' && (c === 'Pilot' || c === 'IstiodRemote' || labelOf(o, 'app') === 'istiod');
}

function isInjector(o: KubeObject): boolean {
  return labelOf(o, 'app') === 'sidecar-injector' || labelOf(o, COMPONENT_LABEL) === 'Pilot' || labelOf(o, TAG_LABEL) !== undefined;
}

export function listRevisions(state: ClusterState): RevisionRow[] {
  const rows = new Map<string, RevisionRow>();
  const row = (revision: string): RevisionRow => {
    let r = rows.get(revision);
    if (!r) {
      r = { revision, tags: [], istiod: [], namespaces: [], pods: 0 };
      rows.set(revision, r);
    }
    return r;
  };
  for (const d of state.ofKind('Deployment')) {
    if (isIstiod(d)) row(labelOf(d, REV_LABEL) || 'default').istiod.push(`${d.metadata.namespace ?? ''}/${d.metadata.name}`);
  }
  const injectors = state.ofKind('MutatingWebhookConfiguration').filter(isInjector);
  for (const m of injectors) {
    const r = row(labelOf(m, REV_LABEL) || 'default');
    const tag = labelOf(m, TAG_LABEL);
    if (tag !== undefined && !r.tags.includes(tag)) r.tags.push(tag);
  }
  for (const ns of state.ofKind('Namespace')) {
    const matches = matchingWebhooks(injectors, { namespace: { name: ns.metadata.name, labels: ns.metadata.labels ?? {} }, pod: { labels: {} } });
    for (const rev of new Set(matches.map((m) => m.revision))) {
      const r = row(rev);
      if (!r.namespaces.includes(ns.metadata.name)) r.namespaces.push(ns.metadata.name);
    }
  }
  for (const p of state.ofKind('Pod')) {
    const rev = podRevision(p);
    if (rev !== undefined) row(rev).pods++;
  }
  const out = [...rows.values()];
  for (const r of out) {
    r.tags.sort();
    r.istiod.sort();
    r.namespaces.sort();
  }
  return out.sort((a, b) => (a.revision === 'default' ? -1 : b.revision === 'default' ? 1 : a.revision < b.revision ? -1 : a.revision > b.revision ? 1 : 0));
}
