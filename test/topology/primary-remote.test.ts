/**
 * Primary-remote on one network (docs/examples/topologies/primary-remote): the primary runs istiod
 * and publishes it through its east-west gateway (loadBalancerIP) and expose-istiod.yaml; the
 * remote has no istiod: its istiod Service/Endpoints, its injection webhook and its proxies'
 * discovery address must all lead through that gateway to the primary's istiod.
 */
import { describe, expect, it } from 'vitest';
import type { ManifestSet } from '../../src/manifest/index.js';
import { describeCommonChecks } from './common.js';
import {
  at,
  containers,
  describeReach,
  globalValues,
  injectionPathMeta,
  istiodContainer,
  list,
  loadBalancerIP,
  meshConfig,
  num,
  objectOf,
  objectsOf,
  published,
  reach,
  readTopologyFile,
  renderCluster,
  rendered,
  selects,
  serviceHost,
  str,
  yamlDocuments,
  type Data,
} from './helpers.js';

const T = 'primary-remote';
const NS = 'istio-system';
const GATEWAY = 'istio-eastwestgateway';
const primary = (): ManifestSet => renderCluster(T, 'primary');
const remote = (): ManifestSet => renderCluster(T, 'remote');

function publishedAddress(): string {
  const ip = loadBalancerIP(primary(), NS, GATEWAY);
  if (ip === undefined) throw new Error(`primary: Service ${NS}/${GATEWAY} has no loadBalancerIP (${rendered(primary(), 'Service')})`);
  return ip;
}

const exposeDocs = (): Data[] => yamlDocuments(readTopologyFile(T, 'expose-istiod.yaml'));

/**
 * Where a connection to the primary's east-west gateway on `port` ends, by expose-istiod.yaml: a
 * Gateway selecting the gateway's pods with a TLS PASSTHROUGH server on that port, and a
 * VirtualService of that Gateway routing the port to a Service of the primary; returns the
 * istiod container port reached, or a problem.
 */
function throughExposeIstiod(port: number): number | string {
  const pods = at(objectOf(primary(), 'Deployment', GATEWAY, NS), 'spec', 'template', 'metadata', 'labels');
  const gateways = exposeDocs().filter((d) => d['kind'] === 'Gateway' && selects(at(d, 'spec', 'selector'), pods));
  const servers = gateways.flatMap((g) => list(at(g, 'spec', 'servers')).map((s) => ({ g: str(at(g, 'metadata', 'name')) ?? '', s })));
  const server = servers.find(({ s }) => at(s, 'port', 'number') === port);
  if (server === undefined) return `expose-istiod.yaml: no Gateway selecting the ${GATEWAY} pods has a server on port ${port}`;
  if (at(server.s, 'tls', 'mode') !== 'PASSTHROUGH') return `expose-istiod.yaml: Gateway ${server.g} port ${port} is not TLS PASSTHROUGH (istiod terminates its own TLS)`;
  const vss = exposeDocs().filter((d) => d['kind'] === 'VirtualService' && list(at(d, 'spec', 'gateways')).includes(server.g));
  for (const vs of vss) {
    for (const route of list(at(vs, 'spec', 'tls'))) {
      if (!list(at(route, 'match')).some((m) => at(m, 'port') === port)) continue;
      const dest = at(route, 'route', 0, 'destination');
      const host = serviceHost(str(at(dest, 'host')) ?? '');
      const destPort = num(at(dest, 'port', 'number'));
      if (host === undefined || destPort === undefined) return `expose-istiod.yaml: the route of port ${port} goes to ${JSON.stringify(dest)}, not to a Service of the primary`;
      const r = reach(primary(), host.namespace, host.name, destPort);
      if (r.kind !== 'pods') return `expose-istiod.yaml: port ${port} is routed to ${host.namespace}/${host.name}:${destPort}, which in primary leads to ${describeReach(r)}`;
      const selected = primary()
        .objects.filter((o) => o.kind === 'Deployment' && selects(r.selector, at(o.object, 'spec', 'template', 'metadata', 'labels')))
        .map((o) => o.name);
      if (!selected.includes('istiod')) return `expose-istiod.yaml: port ${port} is routed to ${host.namespace}/${host.name}, which selects ${selected.join(', ') || 'nothing'}, not istiod`;
      return typeof r.targetPort === 'number' ? r.targetPort : `primary: Service ${host.name} port ${destPort} targets the named port ${r.targetPort}`;
    }
  }
  return `expose-istiod.yaml: no VirtualService of Gateway ${server.g} routes TLS port ${port}`;
}

/** Problems with `ip:port` (as the remote reaches it) not ending on istiod's port `istiodPort` in the primary. */
function checkReachesIstiod(where: string, target: string, istiodPort: number): string[] {
  const [ip = '', port = ''] = target.split(':');
  if (ip !== publishedAddress()) return [`${where}: leads to ${target}, not to the primary's published address ${publishedAddress()}`];
  const p = published(primary(), ip, Number(port));
  if (typeof p === 'string') return [`${where}: leads to ${target}, but in primary ${p}`];
  if (!p.workloads.includes(GATEWAY)) return [`${where}: ${target} is Service ${p.service}, which selects ${p.workloads.join(', ') || 'nothing'}, not the east-west gateway`];
  if (typeof p.targetPort !== 'number') return [`${where}: the gateway Service sends ${target} to the named port ${p.targetPort}`];
  const end = throughExposeIstiod(p.targetPort);
  if (typeof end === 'string') return [`${where}: ${target} -> gateway port ${p.targetPort}: ${end}`];
  return end === istiodPort ? [] : [`${where}: ${target} ends on istiod port ${end}, expected ${istiodPort}`];
}

describe('primary-remote: the pieces fit', () => {
  it("the primary publishes its east-west gateway at a LoadBalancer address, exposing istiod's ports 15012 and 15017", () => {
    expect(publishedAddress()).toBe('203.0.113.20');
    const problems = [15012, 15017].flatMap((p) => {
      const pub = published(primary(), publishedAddress(), p);
      return typeof pub === 'string' ? [`primary: ${pub}`] : [];
    });
    expect(problems).toEqual([]);
  });

  it("the remote's istiod Service and Endpoints lead to the primary's published address, on ports the gateway exposes and expose-istiod.yaml routes to istiod", () => {
    const problems: string[] = [];
    const svcs = objectsOf(remote(), 'Service');
    const istiodSvc = svcs.find((s) => s.name === 'istiod');
    if (istiodSvc === undefined) problems.push(`remote: no Service istiod (${rendered(remote(), 'Service')})`);
    for (const svc of svcs) {
      for (const p of list(at(svc.object, 'spec', 'ports'))) {
        const port = num(at(p, 'port')) ?? 0;
        const r = reach(remote(), svc.namespace ?? '', svc.name, port);
        const where = `remote: Service ${svc.name}:${port}`;
        if (r.kind !== 'endpoints') {
          problems.push(`${where} leads to ${describeReach(r)}`);
          continue;
        }
        // 15012 is istiod's xDS/CA port; the webhook port (15017) is reached as Service port 443.
        const istiodPort = port === 443 ? 15017 : port;
        problems.push(...r.targets.flatMap((t) => checkReachesIstiod(where, t, istiodPort)));
      }
    }
    expect(problems).toEqual([]);
  });

  it("the remote proxies' discovery address (the primary istiod's mesh config, which injects them) resolves in the remote to the primary's istiod", () => {
    const problems: string[] = [];
    const sources = [
      ['primary (the injecting istiod)', meshConfig(primary(), NS)],
      ['remote', meshConfig(remote(), NS)],
    ] as const;
    if (sources[0][1] === undefined) problems.push(`primary: no mesh ConfigMap ${NS}/istio`);
    for (const [from, mesh] of sources) {
      if (mesh === undefined) continue; // the remote profile renders no mesh ConfigMap
      const address = str(at(mesh, 'defaultConfig', 'discoveryAddress')) ?? '';
      const host = serviceHost(address);
      if (host === undefined || host.port === undefined) {
        problems.push(`${from}: discoveryAddress ${address} is not <service>.<namespace>.svc:<port>`);
        continue;
      }
      const r = reach(remote(), host.namespace, host.name, host.port);
      const where = `remote: discoveryAddress ${address} (from ${from})`;
      if (r.kind !== 'endpoints') problems.push(`${where} leads to ${describeReach(r)}`);
      else problems.push(...r.targets.flatMap((t) => checkReachesIstiod(where, t, 15012)));
    }
    expect(problems).toEqual([]);
  });

  it("the remote's injection webhooks reach the primary's istiod webhook port, with the remote's cluster and network in the path", () => {
    const problems: string[] = [];
    const g = globalValues(remote());
    const mwcs = objectsOf(remote(), 'MutatingWebhookConfiguration');
    if (mwcs.length === 0) problems.push('remote: no MutatingWebhookConfiguration rendered');
    for (const mwc of mwcs) {
      for (const wh of list(at(mwc.object, 'webhooks'))) {
        const where = `remote: MutatingWebhookConfiguration ${mwc.name} webhook ${str(at(wh, 'name')) ?? '?'}`;
        const svc = at(wh, 'clientConfig', 'service');
        const url = str(at(wh, 'clientConfig', 'url'));
        let path: string | undefined;
        if (url !== undefined) {
          const m = /^https:\/\/([^/:]+)(?::([0-9]+))?(\/.*)?$/.exec(url);
          path = m?.[3];
          problems.push(...checkReachesIstiod(`${where} (url ${url})`, `${m?.[1] ?? '?'}:${m?.[2] ?? '443'}`, 15017));
        } else {
          path = str(at(svc, 'path'));
          const port = num(at(svc, 'port')) ?? 443;
          const r = reach(remote(), str(at(svc, 'namespace')) ?? '', str(at(svc, 'name')) ?? '', port);
          if (r.kind !== 'endpoints') problems.push(`${where}: service leads to ${describeReach(r)}`);
          else problems.push(...r.targets.flatMap((t) => checkReachesIstiod(`${where} (service port ${port})`, t, 15017)));
        }
        const meta = injectionPathMeta(path ?? '');
        if (meta.cluster !== at(g, 'multiCluster', 'clusterName')) problems.push(`${where}: path ${String(path)} names cluster ${String(meta.cluster)}, the remote is ${String(at(g, 'multiCluster', 'clusterName'))}`);
        if (meta.network !== at(g, 'network')) problems.push(`${where}: path ${String(path)} names network ${String(meta.network)}, the remote's network is ${String(at(g, 'network'))}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("the primary's istiod manages the remote (which runs no istiod): EXTERNAL_ISTIOD, the remote's webhook under the name it patches, and the reader role's rights to do it", () => {
    const problems: string[] = [];
    const env = istiodContainer(primary(), NS)?.env;
    if (objectsOf(remote(), 'Deployment').some((o) => o.name.startsWith('istiod'))) problems.push('remote: runs an istiod of its own; this check assumes it does not');
    if (env?.get('EXTERNAL_ISTIOD') !== 'true') problems.push(`primary: istiod's EXTERNAL_ISTIOD is ${JSON.stringify(env?.get('EXTERNAL_ISTIOD'))}: it would neither write istio-ca-root-cert into the remote's namespaces nor patch the remote's webhook CA bundle`);
    const injector = env?.get('INJECTION_WEBHOOK_CONFIG_NAME') ?? 'istio-sidecar-injector';
    const mwcs = objectsOf(remote(), 'MutatingWebhookConfiguration').map((o) => o.name);
    if (!mwcs.includes(injector)) problems.push(`remote: no MutatingWebhookConfiguration ${injector} (the name the primary's istiod patches); rendered: ${mwcs.join(', ') || 'none'}`);
    const rules = list(at(objectOf(remote(), 'ClusterRole', `istio-reader-clusterrole-${NS}`), 'rules'));
    const allows = (group: string, resource: string, verb: string): boolean =>
      rules.some((r) => list(at(r, 'apiGroups')).includes(group) && list(at(r, 'resources')).includes(resource) && list(at(r, 'verbs')).includes(verb));
    for (const [group, resource, verb] of [
      ['', 'configmaps', 'create'],
      ['', 'configmaps', 'update'],
      ['admissionregistration.k8s.io', 'mutatingwebhookconfigurations', 'patch'],
    ] as const) {
      if (!allows(group, resource, verb)) problems.push(`remote: ClusterRole istio-reader-clusterrole-${NS} (the remote secret's identity) does not allow ${verb} ${resource}`);
    }
    expect(problems).toEqual([]);
  });

  it('one mesh, one network, two cluster names: meshID and network agree, CLUSTER_ID of the primary is its clusterName', () => {
    const p = globalValues(primary());
    const r = globalValues(remote());
    expect(at(r, 'meshID'), `meshID: primary ${String(at(p, 'meshID'))}, remote ${String(at(r, 'meshID'))}`).toBe(at(p, 'meshID'));
    expect(at(p, 'meshID'), 'meshID set').toBeTruthy();
    expect(at(r, 'network'), `network: primary ${String(at(p, 'network'))}, remote ${String(at(r, 'network'))}`).toBe(at(p, 'network'));
    expect(at(r, 'multiCluster', 'clusterName'), 'the two clusters have different names').not.toBe(at(p, 'multiCluster', 'clusterName'));
    expect(istiodContainer(primary(), NS)?.env.get('CLUSTER_ID'), "primary's CLUSTER_ID").toBe(at(p, 'multiCluster', 'clusterName'));
  });

  it("the primary's east-west gateway is its network's gateway", () => {
    const network = str(at(globalValues(primary()), 'network'));
    const gw = objectOf(primary(), 'Deployment', GATEWAY, NS);
    expect(at(gw, 'spec', 'template', 'metadata', 'labels', 'topology.istio.io/network'), 'primary: east-west gateway pod network label').toBe(network);
    expect(containers(gw)[0]?.env.get('ISTIO_META_REQUESTED_NETWORK_VIEW'), 'primary: east-west gateway ISTIO_META_REQUESTED_NETWORK_VIEW').toBe(network);
  });
});

describeCommonChecks(T);
