/**
 * An istiod that is an external control plane (values.global.externalIstiod true with Pilot
 * enabled; contract A) mounts the mesh ConfigMap and the injector ConfigMap its chart renders,
 * and names the config cluster in CLUSTER_ID:
 *  - error (fatal: the chart would fail later) when pilot.configMap is false or
 *    global.omitSidecarInjectorConfigMap is true, since the mounted ConfigMap would not exist;
 *  - warning when global.multiCluster.clusterName is empty: CLUSTER_ID must be the config
 *    cluster's name (the one its webhooks and remote secrets use), not istiod's default;
 *  - warning when global.remotePilotAddress is set and Base is enabled: the base chart then
 *    renders a Service istiod[-<rev>] standing for that address, the same name as the external
 *    istiod's own Service, and whichever is applied last replaces the other.
 */
import type { Issue } from '../../issues.js';
import { at, scalarText } from '../data.js';
import { componentEnabled, effectiveValues, valuePointer } from './effective-values.js';
import { issueAt, type Rule } from './rule.js';

export const externalIstiodRule: Rule = {
  name: 'external-istiod',
  fatal: true,
  check(ctx) {
    const values = effectiveValues(ctx.doc);
    if (!componentEnabled(ctx.doc, 'pilot') || at(values, 'global', 'externalIstiod') !== true) return [];
    const out: Issue[] = [];
    if (at(values, 'pilot', 'configMap') === false) {
      out.push(issueAt(ctx, valuePointer(ctx.doc, 'pilot', 'configMap'), 'external-istiod-configmap', 'an external istiod (values.global.externalIstiod) mounts its mesh ConfigMap at /etc/istio/config, so it needs pilot.configMap true', {
        suggestion: 'set values.pilot.configMap=true',
      }));
    }
    if (at(values, 'global', 'omitSidecarInjectorConfigMap') === true) {
      out.push(issueAt(ctx, valuePointer(ctx.doc, 'global', 'omitSidecarInjectorConfigMap'), 'external-istiod-configmap', 'an external istiod (values.global.externalIstiod) mounts the sidecar injector ConfigMap at /var/lib/istio/inject, so it must be rendered', {
        suggestion: 'set values.global.omitSidecarInjectorConfigMap=false',
      }));
    }
    const clusterName = at(values, 'global', 'multiCluster', 'clusterName');
    if (clusterName === undefined || clusterName === null || clusterName === '') {
      out.push(issueAt(ctx, valuePointer(ctx.doc, 'global', 'multiCluster', 'clusterName'), 'external-istiod-cluster-name', 'an external istiod\'s CLUSTER_ID must name the config cluster it serves, but values.global.multiCluster.clusterName is empty, so istiod calls that cluster "Kubernetes"', {
        severity: 'warning',
        suggestion: "set values.global.multiCluster.clusterName to the config cluster's name, as used in its injection URL",
      }));
    }
    const address = scalarText(at(values, 'global', 'remotePilotAddress'));
    if (componentEnabled(ctx.doc, 'base') && address !== '') {
      out.push(issueAt(ctx, valuePointer(ctx.doc, 'global', 'remotePilotAddress'), 'external-istiod-remote-address', `with values.global.remotePilotAddress set, the base chart renders a Service named like istiod's own (it stands for ${JSON.stringify(address)}), so this install holds two Services of that name and the one applied last replaces the other`, {
        severity: 'warning',
        suggestion: 'remove values.global.remotePilotAddress here: an external istiod is reached through its own Service, and remotePilotAddress belongs in the clusters it serves',
      }));
    }
    return out;
  },
};
