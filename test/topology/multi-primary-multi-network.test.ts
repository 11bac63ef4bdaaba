/**
 * Multi-primary on two networks (docs/examples/topologies/multi-primary-multi-network): clusters
 * east and west, each with its own istiod and east-west gateway. Network labels, meshNetworks and
 * the gateways it names must agree between the clusters.
 */
import { describe, expect, it } from 'vitest';
import type { ManifestSet } from '../../src/manifest/index.js';
import { describeCommonChecks } from './common.js';
import {
  at,
  containers,
  globalValues,
  injectorValues,
  isRecord,
  istiodContainer,
  list,
  loadBalancerIP,
  meshNetworks,
  num,
  objectsOf,
  readTopologyFile,
  renderCluster,
  rendered,
  selects,
  serviceHost,
  str,
  yamlDocuments,
} from './helpers.js';

const T = 'multi-primary-multi-network';
const NS = 'istio-system';
const GATEWAY = 'istio-eastwestgateway';
const CLUSTERS = ['east', 'west'] as const;
const set = (c: string): ManifestSet => renderCluster(T, c);
const networkOf = (c: string): string | undefined => str(at(globalValues(set(c)), 'network'));
const clusterNameOf = (c: string): string | undefined => str(at(globalValues(set(c)), 'multiCluster', 'clusterName'));

/** The cluster file whose clusterName is `name`. */
function clusterNamed(name: string): string | undefined {
  return CLUSTERS.find((c) => clusterNameOf(c) === name);
}

describe('multi-primary on two networks: the pieces fit', () => {
  it('each cluster has its own network and cluster name, and the same mesh', () => {
    expect(new Set(CLUSTERS.map(networkOf)).size, `networks: ${CLUSTERS.map((c) => `${c} ${String(networkOf(c))}`).join(', ')}`).toBe(2);
    expect(new Set(CLUSTERS.map(clusterNameOf)).size, 'cluster names').toBe(2);
    const meshIDs = CLUSTERS.map((c) => at(globalValues(set(c)), 'meshID'));
    expect(new Set(meshIDs).size, `meshID: ${meshIDs.join(', ')}`).toBe(1);
    expect(meshIDs[0], 'meshID set').toBeTruthy();
    const problems = CLUSTERS.filter((c) => istiodContainer(set(c), NS)?.env.get('CLUSTER_ID') !== clusterNameOf(c)).map(
      (c) => `${c}: istiod CLUSTER_ID ${String(istiodContainer(set(c), NS)?.env.get('CLUSTER_ID'))}, clusterName ${String(clusterNameOf(c))}`,
    );
    expect(problems).toEqual([]);
  });

  it("every object of each east-west gateway, and its pods, carry topology.istio.io/network = that cluster's network; the pods ask for that network's view", () => {
    const problems: string[] = [];
    for (const c of CLUSTERS) {
      const network = networkOf(c);
      const objects = set(c).objects.filter((o) => o.component === 'IngressGateways' && o.gatewayName === GATEWAY);
      if (objects.length === 0) problems.push(`${c}: no ${GATEWAY} objects rendered`);
      for (const o of objects) {
        const label = at(o.object, 'metadata', 'labels', 'topology.istio.io/network');
        if (label !== network) problems.push(`${c}: ${o.kind} ${o.name} has topology.istio.io/network ${String(label)}, the cluster's network is ${String(network)}`);
      }
      const deploy = objects.find((o) => o.kind === 'Deployment');
      const podLabel = at(deploy?.object, 'spec', 'template', 'metadata', 'labels', 'topology.istio.io/network');
      if (podLabel !== network) problems.push(`${c}: ${GATEWAY} pods have topology.istio.io/network ${String(podLabel)}, the cluster's network is ${String(network)}`);
      const view = containers(deploy?.object)[0]?.env.get('ISTIO_META_REQUESTED_NETWORK_VIEW');
      if (view !== network) problems.push(`${c}: ${GATEWAY} ISTIO_META_REQUESTED_NETWORK_VIEW is ${String(view)}, the cluster's network is ${String(network)}`);
      const svc = objectsOf(set(c), 'Service', GATEWAY, NS)[0];
      const ports = list(at(svc?.object, 'spec', 'ports')).map((p) => num(at(p, 'port')));
      for (const p of [15021, 15443, 15012, 15017]) if (!ports.includes(p)) problems.push(`${c}: Service ${GATEWAY} lacks the cross-network port ${p} (ports: ${ports.join(', ')})`);
    }
    expect(problems).toEqual([]);
  });

  it('meshNetworks (the mesh ConfigMap key) is the same in both clusters and names every network of the mesh', () => {
    const nets = CLUSTERS.map((c) => meshNetworks(set(c), NS));
    for (const [i, c] of CLUSTERS.entries()) expect(nets[i], `${c}: no meshNetworks key in ConfigMap ${NS}/istio`).toBeDefined();
    expect(nets[1], 'west meshNetworks differs from east').toEqual(nets[0]);
    const named = Object.keys(nets[0] ?? {}).sort();
    expect(named, 'networks named in meshNetworks').toEqual(CLUSTERS.map((c) => networkOf(c) ?? '').sort());
  });

  it('each network of meshNetworks takes its endpoints from the cluster on that network, and its gateway is a Service of that cluster on port 15443 labelled with the network', () => {
    const problems: string[] = [];
    for (const c of CLUSTERS) {
      for (const [network, spec] of Object.entries(meshNetworks(set(c), NS) ?? {})) {
        const where = `${c}: meshNetworks ${network}`;
        const registries = list(at(spec, 'endpoints')).map((e) => str(at(e, 'fromRegistry')));
        const onNetwork = CLUSTERS.filter((x) => networkOf(x) === network).map(clusterNameOf);
        if (JSON.stringify(registries.slice().sort()) !== JSON.stringify(onNetwork.slice().sort())) {
          problems.push(`${where}: endpoints fromRegistry ${registries.join(', ') || 'none'}, the clusters on ${network} are ${onNetwork.join(', ') || 'none'}`);
        }
        const gateways = list(at(spec, 'gateways'));
        if (gateways.length === 0) problems.push(`${where}: no gateway`);
        for (const gw of gateways) {
          const port = num(at(gw, 'port'));
          if (port !== 15443) problems.push(`${where}: gateway port ${String(port)}, cross-network traffic enters at 15443`);
          for (const registry of registries) {
            const owner = clusterNamed(registry ?? '');
            if (owner === undefined) {
              problems.push(`${where}: fromRegistry ${String(registry)} is no cluster of the topology`);
              continue;
            }
            const svcName = str(at(gw, 'registryServiceName'));
            const address = str(at(gw, 'address'));
            let svc = undefined as ReturnType<typeof objectsOf>[number] | undefined;
            if (svcName !== undefined) {
              const h = serviceHost(svcName);
              svc = h === undefined ? undefined : objectsOf(set(owner), 'Service', h.name, h.namespace)[0];
              if (svc === undefined) problems.push(`${where}: registryServiceName ${svcName} is not rendered in ${owner} (${rendered(set(owner), 'Service')})`);
            } else if (address !== undefined) {
              svc = objectsOf(set(owner), 'Service').find((o) => at(o.object, 'spec', 'loadBalancerIP') === address);
              if (svc === undefined) problems.push(`${where}: gateway address ${address} is no Service's loadBalancerIP in ${owner} (${GATEWAY}: ${String(loadBalancerIP(set(owner), NS, GATEWAY))})`);
            } else problems.push(`${where}: gateway has neither registryServiceName nor address`);
            if (svc === undefined) continue;
            const p = list(at(svc.object, 'spec', 'ports')).find((x) => at(x, 'port') === port);
            if (p === undefined) problems.push(`${where}: ${owner}'s Service ${svc.name} has no port ${String(port)}`);
            else if ((at(p, 'targetPort') ?? port) !== 15443) problems.push(`${where}: ${owner}'s Service ${svc.name} sends port ${String(port)} to ${String(at(p, 'targetPort'))}, not the gateway's 15443`);
            const label = at(svc.object, 'metadata', 'labels', 'topology.istio.io/network');
            if (label !== network) problems.push(`${where}: ${owner}'s Service ${svc.name} is labelled network ${String(label)}, not ${network}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("the injector's values carry the cluster's network, cluster name and the same meshNetworks", () => {
    const problems: string[] = [];
    for (const c of CLUSTERS) {
      const v = injectorValues(set(c), NS);
      if (v === undefined) {
        problems.push(`${c}: no ConfigMap ${NS}/istio-sidecar-injector`);
        continue;
      }
      if (at(v, 'global', 'network') !== networkOf(c)) problems.push(`${c}: injector global.network ${String(at(v, 'global', 'network'))}, the cluster's network is ${String(networkOf(c))}`);
      if (at(v, 'global', 'multiCluster', 'clusterName') !== clusterNameOf(c)) problems.push(`${c}: injector clusterName ${String(at(v, 'global', 'multiCluster', 'clusterName'))}`);
      const fromValues = at(v, 'global', 'meshNetworks');
      if (!isRecord(fromValues) || JSON.stringify(Object.keys(fromValues).sort()) !== JSON.stringify(Object.keys(meshNetworks(set(c), NS) ?? {}).sort())) {
        problems.push(`${c}: injector global.meshNetworks names ${isRecord(fromValues) ? Object.keys(fromValues).join(', ') : 'nothing'}, the mesh ConfigMap ${Object.keys(meshNetworks(set(c), NS) ?? {}).join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("cross-network-gateway.yaml opens 15443 (AUTO_PASSTHROUGH, *.local) on each cluster's east-west gateway", () => {
    const docs = yamlDocuments(readTopologyFile(T, 'cross-network-gateway.yaml'));
    const problems: string[] = [];
    for (const c of CLUSTERS) {
      const deploy = objectsOf(set(c), 'Deployment', GATEWAY, NS)[0];
      const pods = at(deploy?.object, 'spec', 'template', 'metadata', 'labels');
      const servers = docs.filter((d) => d['kind'] === 'Gateway' && selects(at(d, 'spec', 'selector'), pods)).flatMap((g) => list(at(g, 'spec', 'servers')));
      const s = servers.find((x) => at(x, 'port', 'number') === 15443);
      if (s === undefined) problems.push(`${c}: no Gateway of cross-network-gateway.yaml selects the ${GATEWAY} pods with a server on 15443`);
      else {
        if (at(s, 'tls', 'mode') !== 'AUTO_PASSTHROUGH') problems.push(`${c}: the 15443 server's TLS mode is ${String(at(s, 'tls', 'mode'))}, not AUTO_PASSTHROUGH`);
        if (!list(at(s, 'hosts')).includes('*.local')) problems.push(`${c}: the 15443 server's hosts are ${JSON.stringify(at(s, 'hosts'))}, not *.local`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describeCommonChecks(T);
