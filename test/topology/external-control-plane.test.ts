/**
 * External control plane (docs/examples/topologies/external-control-plane): cluster "control" runs
 * the external istiod (published by its LoadBalancer Service), cluster "config" holds the mesh
 * configuration and is the first data-plane cluster, cluster "remote2" is a second data-plane
 * cluster. The checks follow every reference from one cluster to another and say what does not fit.
 */
import { describe, expect, it } from 'vitest';
import { safeRender, type ManifestSet } from '../../src/manifest/index.js';
import { formatIssue } from '../../src/operator/issues.js';
import { describeCommonChecks } from './common.js';
import {
  at,
  describeReach,
  globalValues,
  httpsUrl,
  injectionPathMeta,
  istiodContainer,
  list,
  loadBalancerIP,
  meshConfig,
  objectOf,
  objectsOf,
  published,
  reach,
  readTopologyFile,
  renderCluster,
  rendered,
  serviceHost,
  str,
  volumes,
} from './helpers.js';

const T = 'external-control-plane';
const NS = 'external-istiod';
const control = (): ManifestSet => renderCluster(T, 'control');
const config = (): ManifestSet => renderCluster(T, 'config');
const remote2 = (): ManifestSet => renderCluster(T, 'remote2');
const DATA_PLANE = [
  ['config', config],
  ['remote2', remote2],
] as const;

/** The control cluster's published address: its istiod Service's loadBalancerIP. */
function publishedAddress(): string {
  const ip = loadBalancerIP(control(), NS, 'istiod');
  if (ip === undefined) throw new Error(`control: Service ${NS}/istiod has no loadBalancerIP (${rendered(control(), 'Service')})`);
  return ip;
}

/**
 * Problems with `ip:port` (as a data-plane cluster reaches it) not leading to istiod's container
 * port `istiodPort` through what the control cluster publishes.
 */
function checkPublished(where: string, target: string, istiodPort: number): string[] {
  const [ip = '', port = ''] = target.split(':');
  if (ip !== publishedAddress()) return [`${where}: leads to ${target}, not to the control cluster's published address ${publishedAddress()}`];
  const p = published(control(), ip, Number(port));
  if (typeof p === 'string') return [`${where}: leads to ${target}, but in control ${p}`];
  const problems: string[] = [];
  if (!p.workloads.includes('istiod')) problems.push(`${where}: control's Service ${p.service} at ${target} selects ${p.workloads.join(', ') || 'no workload'}, not istiod`);
  if (p.targetPort !== istiodPort) problems.push(`${where}: control's Service ${p.service} sends ${target} to istiod port ${String(p.targetPort)}, not ${istiodPort}`);
  return problems;
}

/**
 * Problems with a webhook clientConfig of a data-plane cluster: it must reach the external
 * istiod's webhook port (15017) and carry `path`-checks.
 */
function checkWebhookClient(set: ManifestSet, where: string, clientConfig: unknown): { problems: string[]; path: string | undefined } {
  const url = str(at(clientConfig, 'url'));
  if (url !== undefined) {
    const u = httpsUrl(url);
    if (u === undefined) return { problems: [`${where}: url ${url} is not an https URL`], path: undefined };
    return { problems: checkPublished(`${where} (url ${url})`, `${u.host}:${u.port}`, 15017), path: u.path };
  }
  const name = str(at(clientConfig, 'service', 'name')) ?? '';
  const namespace = str(at(clientConfig, 'service', 'namespace')) ?? '';
  const port = (at(clientConfig, 'service', 'port') as number | undefined) ?? 443;
  const path = str(at(clientConfig, 'service', 'path'));
  const r = reach(set, namespace, name, port);
  if (r.kind !== 'endpoints') return { problems: [`${where}: service ${namespace}/${name}:${port} leads to ${describeReach(r)}, not to the external istiod`], path };
  return { problems: r.targets.flatMap((t) => checkPublished(`${where} (service ${namespace}/${name}:${port})`, t, 15017)), path };
}

describe('external control plane: the pieces fit', () => {
  it('control publishes istiod at a LoadBalancer address', () => {
    expect(at(objectOf(control(), 'Service', 'istiod', NS), 'spec', 'type'), rendered(control(), 'Service')).toBe('LoadBalancer');
    expect(publishedAddress()).toBe('203.0.113.10');
  });

  it("every injection webhook of config and remote2 reaches the external istiod's webhook port, with the cluster's own name and network in the path", () => {
    const problems: string[] = [];
    for (const [cluster, set] of DATA_PLANE) {
      const mwcs = objectsOf(set(), 'MutatingWebhookConfiguration');
      if (mwcs.length === 0) problems.push(`${cluster}: no MutatingWebhookConfiguration rendered`);
      const g = globalValues(set());
      for (const mwc of mwcs) {
        for (const wh of list(at(mwc.object, 'webhooks'))) {
          const where = `${cluster}: MutatingWebhookConfiguration ${mwc.name} webhook ${str(at(wh, 'name')) ?? '?'}`;
          const { problems: p, path } = checkWebhookClient(set(), where, at(wh, 'clientConfig'));
          problems.push(...p);
          const meta = injectionPathMeta(path ?? '');
          if (path === undefined || !path.startsWith('/inject')) problems.push(`${where}: path ${String(path)} is not an injection path`);
          if (meta.cluster !== at(g, 'multiCluster', 'clusterName')) problems.push(`${where}: path ${String(path)} names cluster ${String(meta.cluster)}, the cluster is ${String(at(g, 'multiCluster', 'clusterName'))}`);
          if (meta.network !== at(g, 'network')) problems.push(`${where}: path ${String(path)} names network ${String(meta.network)}, the cluster's network is ${String(at(g, 'network'))}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("every webhook the API server calls by URL names a host istiod's serving certificate covers (its Service names or ISTIOD_CUSTOM_HOST)", () => {
    const env = istiodContainer(control(), NS)?.env;
    const custom = (env?.get('ISTIOD_CUSTOM_HOST') ?? '').split(',').filter((h) => h !== '');
    const covered = new Set([`istiod.${NS}.svc`, ...custom]);
    const problems: string[] = [];
    for (const [cluster, set] of DATA_PLANE) {
      for (const o of [...objectsOf(set(), 'MutatingWebhookConfiguration'), ...objectsOf(set(), 'ValidatingWebhookConfiguration')]) {
        for (const wh of list(at(o.object, 'webhooks'))) {
          const url = str(at(wh, 'clientConfig', 'url'));
          const host = url === undefined ? undefined : httpsUrl(url)?.host;
          if (url !== undefined && (host === undefined || !covered.has(host))) {
            problems.push(`${cluster}: ${o.kind} ${o.name} webhook ${str(at(wh, 'name')) ?? '?'} calls ${url}; istiod's certificate names ${[...covered].join(', ')} (set ISTIOD_CUSTOM_HOST in control)`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("config's validation webhook reaches the external istiod's webhook port at /validate", () => {
    const vwcs = objectsOf(config(), 'ValidatingWebhookConfiguration');
    expect(vwcs.length, rendered(config(), 'ValidatingWebhookConfiguration')).toBe(1);
    const problems: string[] = [];
    for (const vwc of vwcs) {
      for (const wh of list(at(vwc.object, 'webhooks'))) {
        const where = `config: ValidatingWebhookConfiguration ${vwc.name} webhook ${str(at(wh, 'name')) ?? '?'}`;
        const { problems: p, path } = checkWebhookClient(config(), where, at(wh, 'clientConfig'));
        problems.push(...p);
        if (path !== '/validate') problems.push(`${where}: path ${String(path)}, istiod validates at /validate`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("control's INJECTION_WEBHOOK_CONFIG_NAME and VALIDATION_WEBHOOK_CONFIG_NAME are the configurations rendered in config", () => {
    const env = istiodContainer(control(), NS)?.env;
    expect(env, `control: no discovery container in Deployment ${NS}/istiod`).toBeDefined();
    const mwcs = objectsOf(config(), 'MutatingWebhookConfiguration').map((o) => o.name);
    const vwcs = objectsOf(config(), 'ValidatingWebhookConfiguration').map((o) => o.name);
    expect(mwcs.length, 'config renders one injection webhook configuration').toBe(1);
    expect(vwcs.length, 'config renders one validation webhook configuration').toBe(1);
    expect(env?.get('INJECTION_WEBHOOK_CONFIG_NAME'), `control's INJECTION_WEBHOOK_CONFIG_NAME; config renders ${mwcs.join(', ')}`).toBe(mwcs[0]);
    expect(env?.get('VALIDATION_WEBHOOK_CONFIG_NAME'), `control's VALIDATION_WEBHOOK_CONFIG_NAME; config renders ${vwcs.join(', ')}`).toBe(vwcs[0]);
    expect(env?.get('EXTERNAL_ISTIOD'), "control's EXTERNAL_ISTIOD").toBe('true');
  });

  it("remote2's injection webhook configuration has the same name, so the external istiod patches its CA bundle there too (with the reader role's webhook rights)", () => {
    const name = istiodContainer(control(), NS)?.env.get('INJECTION_WEBHOOK_CONFIG_NAME');
    const mwcs = objectsOf(remote2(), 'MutatingWebhookConfiguration').map((o) => o.name);
    expect(mwcs, `remote2's injection webhook configurations; control's INJECTION_WEBHOOK_CONFIG_NAME is ${String(name)}`).toEqual([name]);
    const rules = list(at(objectOf(remote2(), 'ClusterRole', `istio-reader-clusterrole-${NS}`), 'rules'));
    const canPatch = rules.some(
      (r) => list(at(r, 'apiGroups')).includes('admissionregistration.k8s.io') && list(at(r, 'resources')).includes('mutatingwebhookconfigurations') && list(at(r, 'verbs')).includes('patch'),
    );
    expect(canPatch, `remote2: ClusterRole istio-reader-clusterrole-${NS} (the identity of its remote secret) cannot patch mutatingwebhookconfigurations`).toBe(true);
  });

  it('SHARED_MESH_CONFIG names a mesh ConfigMap that config renders in the namespace of istiod', () => {
    const shared = istiodContainer(control(), NS)?.env.get('SHARED_MESH_CONFIG');
    expect(shared, "control's SHARED_MESH_CONFIG").toBeTruthy();
    const cm = objectOf(config(), 'ConfigMap', shared ?? '', NS);
    expect(cm, `config: no ConfigMap ${NS}/${String(shared)} (${rendered(config(), 'ConfigMap')})`).toBeDefined();
    expect(typeof at(cm, 'data', 'mesh'), `config: ConfigMap ${NS}/${String(shared)} has no mesh key`).toBe('string');
  });

  it("the external istiod's own mesh config does not silently override the shared one (every setting both give is equal)", () => {
    // istiod merges SHARED_MESH_CONFIG under its local mesh config: where both set a value, the
    // config cluster's is ignored. Any difference means a setting made in the config cluster has no effect.
    const leaves = (v: unknown, path: string, out: Map<string, string>): Map<string, string> => {
      if (v !== null && typeof v === 'object' && !Array.isArray(v)) for (const [k, x] of Object.entries(v)) leaves(x, path === '' ? k : `${path}.${k}`, out);
      else out.set(path, JSON.stringify(v));
      return out;
    };
    const shared = istiodContainer(control(), NS)?.env.get('SHARED_MESH_CONFIG') ?? 'istio';
    const local = leaves(meshConfig(control(), NS), '', new Map());
    const fromConfig = leaves(meshConfig(config(), NS, shared), '', new Map());
    const differ = [...local].filter(([k, v]) => fromConfig.has(k) && fromConfig.get(k) !== v).map(([k, v]) => `${k}: control ${v}, config ${String(fromConfig.get(k))}`);
    expect(differ).toEqual([]);
  });

  it("CLUSTER_ID of the external istiod is the config cluster's clusterName", () => {
    const clusterName = at(globalValues(config()), 'multiCluster', 'clusterName');
    expect(clusterName, 'config sets values.global.multiCluster.clusterName').toBeTruthy();
    expect(istiodContainer(control(), NS)?.env.get('CLUSTER_ID'), "control's CLUSTER_ID").toBe(clusterName);
  });

  it("the discovery address of every data-plane proxy resolves, in its cluster, to a Service whose Endpoints are the published address's xDS port", () => {
    const problems: string[] = [];
    // The injecting istiod's own mesh config (control), merged over config's shared one: both
    // must lead to istiod from the data-plane clusters.
    const sources = [
      ['control (the injecting istiod)', meshConfig(control(), NS)],
      ['config (SHARED_MESH_CONFIG)', meshConfig(config(), NS)],
    ] as const;
    for (const [from, mesh] of sources) {
      if (mesh === undefined) {
        problems.push(`${from}: no mesh ConfigMap ${NS}/istio rendered`);
        continue;
      }
      const address = str(at(mesh, 'defaultConfig', 'discoveryAddress')) ?? '';
      const host = serviceHost(address);
      if (host === undefined || host.port === undefined) {
        problems.push(`${from}: discoveryAddress ${address} is not <service>.<namespace>.svc:<port>`);
        continue;
      }
      for (const [cluster, set] of DATA_PLANE) {
        const r = reach(set(), host.namespace, host.name, host.port);
        const where = `${cluster}: discoveryAddress ${address} (from ${from})`;
        if (r.kind !== 'endpoints') problems.push(`${where} leads to ${describeReach(r)}`);
        else problems.push(...r.targets.flatMap((t) => checkPublished(where, t, 15012)));
      }
    }
    expect(problems).toEqual([]);
  });

  it('control mounts config-volume and inject-volume from ConfigMaps it renders, and the istio-kubeconfig Secret (required)', () => {
    const istiod = objectOf(control(), 'Deployment', 'istiod', NS);
    const vols = volumes(istiod);
    const mounts = istiodContainer(control(), NS)?.mounts ?? new Map<string, string>();
    const problems: string[] = [];
    for (const [volume, path] of [
      ['config-volume', '/etc/istio/config'],
      ['inject-volume', '/var/lib/istio/inject'],
    ] as const) {
      const cmName = str(at(vols.get(volume), 'configMap', 'name'));
      if (cmName === undefined) problems.push(`control: istiod has no ConfigMap volume ${volume} (volumes: ${[...vols.keys()].join(', ')})`);
      else if (objectOf(control(), 'ConfigMap', cmName, NS) === undefined) problems.push(`control: volume ${volume} mounts ConfigMap ${cmName}, which control does not render (${rendered(control(), 'ConfigMap')})`);
      if (mounts.get(volume) !== path) problems.push(`control: ${volume} is mounted at ${String(mounts.get(volume))}, istiod reads ${path}`);
    }
    const kubeconfig = vols.get('istio-kubeconfig');
    if (str(at(kubeconfig, 'secret', 'secretName')) !== 'istio-kubeconfig') problems.push(`control: istiod does not mount Secret istio-kubeconfig (volume: ${JSON.stringify(kubeconfig)})`);
    if (at(kubeconfig, 'secret', 'optional') !== false) problems.push(`control: the istio-kubeconfig volume is not optional: false (${JSON.stringify(at(kubeconfig, 'secret', 'optional'))}): without it istiod would manage its own cluster`);
    if (mounts.get('istio-kubeconfig') !== '/var/run/secrets/remote') problems.push(`control: istio-kubeconfig is mounted at ${String(mounts.get('istio-kubeconfig'))}, istiod reads /var/run/secrets/remote`);
    expect(problems).toEqual([]);
  });

  it('control renders no webhook configurations (they live in config)', () => {
    expect(objectsOf(control(), 'MutatingWebhookConfiguration').map((o) => o.name), 'control: MutatingWebhookConfiguration').toEqual([]);
    expect(objectsOf(control(), 'ValidatingWebhookConfiguration').map((o) => o.name), 'control: ValidatingWebhookConfiguration').toEqual([]);
  });

  it('config holds the mesh configuration: the Istio CRDs and the validation webhook', () => {
    expect(objectsOf(config(), 'CustomResourceDefinition').length, 'config: CRDs').toBeGreaterThan(0);
    expect(objectsOf(config(), 'ValidatingWebhookConfiguration').length, 'config: validation webhook').toBe(1);
  });

  it('remote2 (configCluster false) gets no CRDs, no validation webhook and no mesh ConfigMap', () => {
    expect(objectsOf(remote2(), 'CustomResourceDefinition').map((o) => o.name), 'remote2: CRDs').toEqual([]);
    expect(objectsOf(remote2(), 'ValidatingWebhookConfiguration').map((o) => o.name), 'remote2: ValidatingWebhookConfiguration').toEqual([]);
    expect(meshConfig(remote2(), NS), 'remote2: mesh ConfigMap istio').toBeUndefined();
  });

  // The issue names the config cluster's profile "remote"; 1.11's guide (and config.yaml) use
  // `external`. The two differ only in global.externalIstiod, which the istiod-remote chart does
  // not read, so a config cluster written with either profile is the same installation.
  it('config written with the remote profile instead of external renders the same objects, with no warning', () => {
    const text = readTopologyFile(T, 'config.yaml');
    expect(text).toContain('\n  profile: external\n');
    const r = safeRender({ files: [{ name: 'config-remote.yaml', text: text.replace('\n  profile: external\n', '\n  profile: remote\n') }] });
    if (!r.success) throw new Error(r.issues.map(formatIssue).join('\n'));
    expect(r.data.warnings.map(formatIssue)).toEqual(config().warnings.map(formatIssue));
    expect(r.data.toYaml()).toBe(config().toYaml());
  });

  it('every cluster names the same mesh and its own cluster', () => {
    const sets = [
      ['control', control],
      ['config', config],
      ['remote2', remote2],
    ] as const;
    const meshIDs = sets.map(([c, s]) => `${c}: ${String(at(globalValues(s()), 'meshID'))}`);
    expect(new Set(sets.map(([, s]) => at(globalValues(s()), 'meshID'))).size, meshIDs.join(', ')).toBe(1);
    const names = DATA_PLANE.map(([, s]) => at(globalValues(s()), 'multiCluster', 'clusterName'));
    expect(new Set(names).size, `data-plane cluster names ${names.join(', ')}`).toBe(DATA_PLANE.length);
  });
});

describeCommonChecks(T);
