/**
 * The remote secrets of each topology: every cluster file says, in its header, which
 * `istio-installer remote-secret generate ... | kubectl apply -f -` commands are run against that
 * cluster (docs/examples/topologies/kubeconfigs/<cluster>.kubeconfig are made-up kubeconfigs of the
 * clusters). Each command is run as written, in-process through main() from the repository root,
 * and the Secret it prints must fit the clusters: its key is the cluster ID the other cluster's
 * installation uses, its namespace is istiod's, and the istiod that reads it runs in (or is
 * configured from) the cluster it goes to.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { main } from '../../src/cli/main.js';
import { at, globalValues, isRecord, istiodContainer, objectOf, objectsOf, readTopologyFile, renderCluster, ROOT, str, TOPOLOGIES, TOPOLOGY_DIR, volumes } from './helpers.js';

interface Command {
  readonly topology: string;
  /** The cluster the Secret is applied to (the file whose header has the command). */
  readonly into: string;
  /** The cluster the kubeconfig reaches (kubeconfigs/<from>.kubeconfig). */
  readonly from: string;
  readonly argv: readonly string[];
  readonly type: string;
}

const COMMAND = /^#\s+istio-installer (remote-secret generate .*?) \| kubectl apply -f -$/;

function commands(): Command[] {
  const out: Command[] = [];
  for (const [topology, clusters] of Object.entries(TOPOLOGIES)) {
    for (const into of clusters) {
      for (const line of readTopologyFile(topology, `${into}.yaml`).split('\n')) {
        const m = COMMAND.exec(line);
        if (!m) continue;
        const argv = (m[1] ?? '').split(/\s+/);
        const flag = (name: string): string | undefined => {
          const i = argv.indexOf(name);
          return i >= 0 ? argv[i + 1] : undefined;
        };
        const kubeconfig = flag('--kubeconfig') ?? '';
        out.push({ topology, into, from: /^docs\/examples\/topologies\/kubeconfigs\/(.+)\.kubeconfig$/.exec(kubeconfig)?.[1] ?? `?${kubeconfig}`, argv, type: flag('--type') ?? 'remote' });
      }
    }
  }
  return out;
}

/** Which cluster gets whose secret, per topology (type config: the external istiod's kubeconfig of the config cluster). */
const EXPECTED: readonly string[] = [
  'external-control-plane: control <- config (config)',
  'external-control-plane: config <- remote2 (remote)',
  'primary-remote: primary <- remote (remote)',
  'multi-primary-multi-network: east <- west (remote)',
  'multi-primary-multi-network: west <- east (remote)',
  'multi-cluster-services: cluster1 <- cluster2 (remote)',
  'multi-cluster-services: cluster2 <- cluster1 (remote)',
  'multi-cluster-services: cluster1-1.12 <- cluster2 (remote)',
];

async function run(c: Command): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(c.argv, { stdout: (s) => void (stdout += s), stderr: (s) => void (stderr += s) }, { cwd: ROOT });
  return { code, stdout, stderr };
}

describe('remote secrets: the documented commands give Secrets that fit the clusters', () => {
  it('every topology documents the secrets its clusters need, and no others', () => {
    expect(commands().map((c) => `${c.topology}: ${c.into} <- ${c.from} (${c.type})`).sort()).toEqual([...EXPECTED].sort());
  });

  it.each(commands().map((c) => [`${c.topology}: ${c.into} <- ${c.from}`, c] as const))('%s', async (_name, c) => {
    const r = await run(c);
    expect(r.stderr, `${c.argv.join(' ')}: stderr`).toBe('');
    expect(r.code, `${c.argv.join(' ')}: exit code`).toBe(0);
    const secret = parse(r.stdout) as unknown;
    const data = at(secret, 'stringData');
    const keys = isRecord(data) ? Object.keys(data) : [];
    const into = renderCluster(c.topology, c.into);
    const from = renderCluster(c.topology, c.from);
    const fromName = str(at(globalValues(from), 'multiCluster', 'clusterName'));
    const intoNs = str(at(globalValues(into), 'istioNamespace')) ?? 'istio-system';
    const problems: string[] = [];
    const where = `${c.topology}: secret of ${c.from} applied in ${c.into}`;
    if (str(at(secret, 'metadata', 'namespace')) !== intoNs) problems.push(`${where}: namespace ${String(at(secret, 'metadata', 'namespace'))}, istiod's namespace there is ${intoNs}`);
    if (c.type === 'remote') {
      if (keys.length !== 1 || keys[0] !== fromName) problems.push(`${where}: key ${keys.join(', ')}, but ${c.from} calls itself ${String(fromName)} (values.global.multiCluster.clusterName)`);
      if (at(secret, 'metadata', 'labels', 'istio/multiCluster') !== 'true') problems.push(`${where}: no istio/multiCluster: "true" label, istiod would not read it`);
      // An istiod reads it: one running in that cluster, or the external istiod the cluster holds the configuration of.
      const hasIstiod = objectOf(into, 'Deployment', 'istiod', intoNs) !== undefined;
      if (!hasIstiod && at(globalValues(into), 'configCluster') !== true) problems.push(`${where}: ${c.into} runs no istiod and is no config cluster: nobody reads the secret there`);
    } else {
      const mounted = str(at(volumes(objectOf(into, 'Deployment', 'istiod', intoNs)).get('istio-kubeconfig'), 'secret', 'secretName'));
      if (str(at(secret, 'metadata', 'name')) !== mounted) problems.push(`${where}: Secret ${String(at(secret, 'metadata', 'name'))}, the external istiod mounts ${String(mounted)}`);
      if (keys.join(',') !== 'config') problems.push(`${where}: keys ${keys.join(', ')}, the external istiod reads the key config`);
      const clusterId = istiodContainer(into, intoNs)?.env.get('CLUSTER_ID');
      if (clusterId !== fromName) problems.push(`${where}: the kubeconfig is of ${String(fromName)}, the external istiod's CLUSTER_ID is ${String(clusterId)}`);
      if (objectsOf(from, 'CustomResourceDefinition').length === 0) problems.push(`${where}: ${c.from} holds no Istio CRDs, it cannot be the config cluster`);
    }
    // The kubeconfig in the Secret reaches the API server of the kubeconfig it came from.
    const source = parse(readFileSync(join(TOPOLOGY_DIR, 'kubeconfigs', `${c.from}.kubeconfig`), 'utf8')) as unknown;
    const stored = parse(str(at(data, keys[0] ?? '')) ?? '') as unknown;
    if (at(stored, 'clusters', 0, 'cluster', 'server') !== at(source, 'clusters', 0, 'cluster', 'server')) problems.push(`${where}: the stored kubeconfig's server is ${String(at(stored, 'clusters', 0, 'cluster', 'server'))}`);
    expect(problems).toEqual([]);
  });
});
