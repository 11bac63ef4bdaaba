/**
 * Multi-cluster services (docs/examples/topologies/multi-cluster-services): two primaries on one
 * network with values.pilot.multiClusterServices on, istiod 1.11.8 (cluster1, cluster2) and 1.12.0
 * (cluster1-1.12). The flags istiod reads are spelled per version: 1.11 ENABLE_MCS_AUTOEXPORT,
 * 1.12 ENABLE_MCS_AUTO_EXPORT and ENABLE_MCS_CLUSTER_LOCAL (which 1.11 does not have).
 */
import { describe, expect, it } from 'vitest';
import type { ManifestSet } from '../../src/manifest/index.js';
import { describeCommonChecks } from './common.js';
import { at, globalValues, istiodContainer, list, objectOf, renderCluster, str } from './helpers.js';

const T = 'multi-cluster-services';
const NS = 'istio-system';
const set = (c: string): ManifestSet => renderCluster(T, c);

/** What each cluster file configures: the istiod version and the MCS env istiod must get ("true") or must not get. */
const EXPECTED: Readonly<Record<string, { readonly version: string; readonly env: readonly string[]; readonly absent: readonly string[] }>> = {
  cluster1: { version: '1.11.8', env: ['ENABLE_MCS_SERVICE_DISCOVERY', 'ENABLE_MCS_AUTOEXPORT', 'ENABLE_MCS_HOST'], absent: ['ENABLE_MCS_AUTO_EXPORT', 'ENABLE_MCS_CLUSTER_LOCAL'] },
  cluster2: { version: '1.11.8', env: ['ENABLE_MCS_SERVICE_DISCOVERY', 'ENABLE_MCS_AUTOEXPORT', 'ENABLE_MCS_HOST'], absent: ['ENABLE_MCS_AUTO_EXPORT', 'ENABLE_MCS_CLUSTER_LOCAL'] },
  'cluster1-1.12': {
    version: '1.12.0',
    env: ['ENABLE_MCS_SERVICE_DISCOVERY', 'ENABLE_MCS_AUTO_EXPORT', 'ENABLE_MCS_HOST', 'ENABLE_MCS_CLUSTER_LOCAL'],
    absent: ['ENABLE_MCS_AUTOEXPORT'],
  },
};

describe('multi-cluster services: the flags istiod reads, per version', () => {
  it.each(Object.entries(EXPECTED))('%s: istiod runs the configured version and gets the MCS env of that version', (cluster, want) => {
    const istiod = istiodContainer(set(cluster), NS);
    expect(istiod, `${cluster}: no discovery container in Deployment ${NS}/istiod`).toBeDefined();
    expect(istiod?.image, `${cluster}: istiod image`).toMatch(new RegExp(`:${want.version.replace(/\./g, '\\.')}$`));
    const env = istiod?.env ?? new Map<string, string>();
    const mcs = [...env.entries()].filter(([k]) => k.startsWith('ENABLE_MCS')).map(([k, v]) => `${k}=${v}`);
    const problems: string[] = [];
    for (const name of want.env) if (env.get(name) !== 'true') problems.push(`${name} is ${JSON.stringify(env.get(name))}, istiod ${want.version} needs "true"`);
    for (const name of want.absent) if (env.has(name)) problems.push(`${name} is set, istiod ${want.version} does not read it`);
    expect(problems, `${cluster}: MCS env of istiod: ${mcs.join(', ') || 'none'}`).toEqual([]);
  });

  it.each(Object.keys(EXPECTED))("%s: istiod's ClusterRole lets it export and import services (multicluster.x-k8s.io)", (cluster) => {
    const role = objectOf(set(cluster), 'ClusterRole', `istiod-clusterrole-${NS}`);
    expect(role, `${cluster}: no ClusterRole istiod-clusterrole-${NS}`).toBeDefined();
    const verbs = (resource: string): Set<string> =>
      new Set(
        list(at(role, 'rules'))
          .filter((r) => list(at(r, 'apiGroups')).includes('multicluster.x-k8s.io') && list(at(r, 'resources')).includes(resource))
          .flatMap((r) => list(at(r, 'verbs')).map((v) => str(v) ?? '')),
      );
    const missing = [
      ...['get', 'watch', 'list', 'create', 'delete'].filter((v) => !verbs('serviceexports').has(v)).map((v) => `serviceexports ${v}`),
      ...['get', 'watch', 'list'].filter((v) => !verbs('serviceimports').has(v)).map((v) => `serviceimports ${v}`),
    ];
    expect(missing, `${cluster}: missing multicluster.x-k8s.io permissions`).toEqual([]);
  });

  it('cluster1 and cluster2 are one mesh on one network with two cluster names; cluster1-1.12 is cluster1 with another istiod', () => {
    const g = (c: string) => globalValues(set(c));
    expect(at(g('cluster2'), 'meshID'), 'meshID').toBe(at(g('cluster1'), 'meshID'));
    expect(at(g('cluster2'), 'network'), 'network').toBe(at(g('cluster1'), 'network'));
    expect(at(g('cluster2'), 'multiCluster', 'clusterName'), 'cluster names differ').not.toBe(at(g('cluster1'), 'multiCluster', 'clusterName'));
    expect(at(g('cluster1-1.12'), 'multiCluster', 'clusterName'), 'cluster1-1.12 clusterName').toBe(at(g('cluster1'), 'multiCluster', 'clusterName'));
    for (const c of Object.keys(EXPECTED)) expect(istiodContainer(set(c), NS)?.env.get('CLUSTER_ID'), `${c}: CLUSTER_ID`).toBe(at(g(c), 'multiCluster', 'clusterName'));
  });
});

describeCommonChecks(T);
