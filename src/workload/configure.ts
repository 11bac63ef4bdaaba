/**
 * `workload entry configure` as a pure library call: the files a VM needs to join the mesh, made
 * offline from a WorkloadGroup and the installation that holds the mesh config (Istio 1.11's
 * `istioctl x workload entry configure`, which read the same facts from a live cluster).
 *
 * - mesh.yaml: `defaultConfig:` = the mesh ConfigMap's defaultConfig, with the group's
 *   `proxy.istio.io/config` annotations applied (metadata.annotations, then
 *   spec.metadata.annotations), readinessProbe = spec.probe, and proxyMetadata extended with what
 *   the agent needs (canonical service and revision, namespace, service account, trust domain,
 *   cluster, mesh and network IDs, labels, ports, DNS capture, auto-registration).
 * - cluster.env: that proxyMetadata plus the traffic capture settings (ISTIO_INBOUND_PORTS from the
 *   group's ports, ISTIO_LOCAL_EXCLUDE_PORTS, ISTIO_SERVICE, ...), `KEY=value` lines, sorted.
 * - hosts: when istiod's discovery address is a cluster-local name (`.svc`), the line mapping it
 *   to the gateway that exposes istiod (--ingressIP, required then); otherwise only a comment.
 * - sidecar.env: `ISTIO_SVC_IP=<ip>` with --workloadIP (1.11's flag), else not written.
 * - root-cert.pem, istio-token: copied from files the user fetched from the cluster; when one is
 *   not given, a warning says how to fetch it and the file is not written.
 */
import type { Issue } from '../operator/issues.js';
import { applyProxyConfig, PROXY_CONFIG_FIELDS, proxyConfigFromAnnotation, type JsonObject } from '../inject/mesh.js';
import { closestKey } from '../operator/suggest.js';
import { toGoValue } from '../manifest/generate/plain.js';
import { marshalYaml } from '../yaml/index.js';
import type { GoValue } from '../gotemplate/value.js';
import { envFileText, goJsonString, goJsonStringMap } from './env-file.js';
import { isIP } from './ip.js';
import { meshFacts, type MeshFacts } from './mesh.js';
import { dns1123LabelProblem } from './names.js';
import { parseWorkloadGroup, type WorkloadGroup } from './workload-group.js';
import type { ConfigureWorkloadInput, ConfigureWorkloadOutput, ConfigureWorkloadResult, NamedText, WorkloadFile } from './types.js';

export const PROXY_CONFIG_ANNOTATION = 'proxy.istio.io/config';
export const DEFAULT_INGRESS_SERVICE = 'istio-eastwestgateway';
export const DEFAULT_CLUSTER_ID = 'Kubernetes';
export const DEFAULT_TOKEN_DURATION = 3600;

function flagIssue(flag: string, message: string, suggestion?: string): Issue {
  return { severity: 'error', code: 'workload-invalid-flag', path: flag, message, ...(suggestion !== undefined ? { suggestion } : {}) };
}

/** Problems with the options themselves (no file read yet). */
function checkOptions(input: ConfigureWorkloadInput): Issue[] {
  const issues: Issue[] = [];
  for (const [flag, v] of [
    ['--workloadIP', input.workloadIP],
    ['--ingressIP', input.ingressIP],
  ] as const) {
    if (v !== undefined && !isIP(v)) issues.push(flagIssue(flag, `${JSON.stringify(v)} is not an IP address`, 'give an IPv4 address such as 10.0.0.5 or an IPv6 address such as fd00::5'));
  }
  if (input.clusterID !== undefined && input.clusterID === '') issues.push(flagIssue('--clusterID', 'must not be empty', `leave it out for the installation's cluster name (or ${DEFAULT_CLUSTER_ID})`));
  if (input.ingressService !== undefined) {
    const parts = input.ingressService.split('.');
    const bad = parts.length > 2 || parts.some((p) => dns1123LabelProblem(p) !== undefined);
    if (bad) issues.push(flagIssue('--ingressService', `${JSON.stringify(input.ingressService)} is not <service> or <service>.<namespace>`, `e.g. ${DEFAULT_INGRESS_SERVICE}.istio-system`));
  }
  if (input.namespace !== undefined) {
    const p = dns1123LabelProblem(input.namespace);
    if (p !== undefined) issues.push(flagIssue('--namespace', `${JSON.stringify(input.namespace)} ${p}`));
  }
  const d = input.tokenDuration;
  if (d !== undefined && !(Number.isInteger(d) && d >= 600 && d <= 4294967295)) {
    issues.push(flagIssue('--tokenDuration', `${String(d)} is not a token lifetime in seconds`, 'Kubernetes issues tokens for at least 600 seconds; the default is 3600'));
  }
  return issues;
}

/** CANONICAL_SERVICE and CANONICAL_REVISION from the labels (a label that is present wins, even empty). */
export function canonicalService(labels: ReadonlyMap<string, string>, workloadName: string): { service: string; revision: string } {
  const first = (keys: readonly string[], fallback: string): string => {
    for (const k of keys) if (labels.has(k)) return labels.get(k) as string;
    return fallback;
  };
  return {
    service: first(['service.istio.io/canonical-name', 'app.kubernetes.io/name', 'app'], workloadName),
    revision: first(['service.istio.io/canonical-revision', 'app.kubernetes.io/version', 'version'], 'latest'),
  };
}

/** The host part of a `host:port` address (`[v6]:port` too). */
export function addressHost(address: string): string {
  if (address.startsWith('[')) {
    const end = address.indexOf(']');
    return end > 0 ? address.slice(1, end) : address;
  }
  const colon = address.lastIndexOf(':');
  return colon >= 0 && address.indexOf(':') === colon ? address.slice(0, colon) : address;
}

/** Whether a host name only resolves inside a Kubernetes cluster (`x.ns.svc`, `x.ns.svc.cluster.local`). */
export function isClusterLocal(host: string): boolean {
  return host.endsWith('.svc') || host.includes('.svc.');
}

function istiodService(revision: string): string {
  return revision === '' || revision === 'default' ? 'istiod' : `istiod-${revision}`;
}

interface Built {
  readonly proxyConfig: JsonObject;
  readonly metadata: Map<string, string>;
}

/** mesh.defaultConfig + annotations + probe + the agent's metadata. */
function buildProxyConfig(group: WorkloadGroup, namespace: string, mesh: MeshFacts, input: ConfigureWorkloadInput, issues: Issue[]): Built | undefined {
  let pc: JsonObject = mesh.defaultConfig;
  const sources: [ReadonlyMap<string, string>, string][] = [
    [group.annotations, 'metadata'],
    [group.specAnnotations, 'spec.metadata'],
  ];
  for (const [annotations, where] of sources) {
    const text = annotations.get(PROXY_CONFIG_ANNOTATION);
    if (text === undefined) continue;
    const segs = [...where.split('.'), 'annotations', PROXY_CONFIG_ANNOTATION];
    const r = proxyConfigFromAnnotation(pc, text, `${group.file}: ${where}.annotations["${PROXY_CONFIG_ANNOTATION}"]`);
    if (!r.success) {
      for (const i of r.issues) {
        const line = i.source !== undefined ? ` (line ${i.source.line} of the annotation)` : '';
        const unknown = /unknown field "([^"]*)" in v1alpha1\.ProxyConfig/.exec(i.message)?.[1];
        const hint = i.suggestion === undefined && unknown !== undefined && !i.path.includes('.') ? closestKey(unknown, PROXY_CONFIG_FIELDS.map(([n]) => n)) : undefined;
        issues.push({ ...i, ...(hint !== undefined ? { suggestion: `did you mean "${hint}"?` } : {}), code: 'workload-proxy-config', path: `${where}.annotations["${PROXY_CONFIG_ANNOTATION}"]${i.path !== '' ? `: ${i.path}` : ''}`, message: `${i.message}${line}`, source: group.position(segs) });
      }
      continue;
    }
    pc = r.proxyConfig;
  }
  if (issues.length > 0) return undefined;

  const out: JsonObject = applyProxyConfig(pc, {});
  delete out.readinessProbe;
  if (group.probe !== undefined) out.readinessProbe = group.probe;

  const md = new Map<string, string>();
  const pm = pc.proxyMetadata;
  if (typeof pm === 'object' && pm !== null) for (const [k, v] of Object.entries(pm)) if (typeof v === 'string') md.set(k, v);

  const labels = new Map(group.labels);
  for (const [k, v] of group.templateLabels) labels.set(k, v);
  const canonical = canonicalService(labels, group.name);
  md.set('CANONICAL_SERVICE', canonical.service);
  md.set('CANONICAL_REVISION', canonical.revision);
  md.set('POD_NAMESPACE', namespace);
  md.set('SERVICE_ACCOUNT', group.serviceAccount);
  md.set('TRUST_DOMAIN', mesh.trustDomain);
  md.set('ISTIO_META_CLUSTER_ID', input.clusterID ?? (mesh.clusterName || DEFAULT_CLUSTER_ID));
  md.set('ISTIO_META_MESH_ID', typeof out.meshId === 'string' ? out.meshId : '');
  md.set('ISTIO_META_NETWORK', group.network);
  if (group.ports.length > 0) {
    const ports = [...group.ports].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    md.set('ISTIO_META_POD_PORTS', '[' + ports.map((p) => `{"name":${goJsonString(p.name)},"containerPort":${p.port}}`).join(',') + ']');
  }
  md.set('ISTIO_META_WORKLOAD_NAME', group.name);
  labels.set('service.istio.io/canonical-name', canonical.service);
  labels.set('service.istio.io/canonical-revision', canonical.revision);
  md.set('ISTIO_METAJSON_LABELS', goJsonStringMap(labels));
  if (input.captureDns !== false) md.set('ISTIO_META_DNS_CAPTURE', 'true');
  if (input.autoregister === true) md.set('ISTIO_META_AUTO_REGISTER_GROUP', group.name);
  return { proxyConfig: out, metadata: md };
}

function meshYaml(built: Built): string {
  const dc = toGoValue(built.proxyConfig) as Map<string, GoValue>;
  dc.set('proxyMetadata', new Map(built.metadata));
  return marshalYaml(new Map<string, GoValue>([['defaultConfig', dc]]));
}

function clusterEnv(group: WorkloadGroup, namespace: string, built: Built): string {
  const ports = [...new Set(group.ports.map((p) => p.port))].sort((a, b) => a - b);
  const status = typeof built.proxyConfig.statusPort === 'number' ? built.proxyConfig.statusPort : 0;
  let exclude = '15090,15021';
  if (status !== 15090 && status !== 15021) exclude += `,${status !== 0 ? status : 15020}`;
  const env = new Map(built.metadata);
  env.set('ISTIO_INBOUND_PORTS', ports.length > 0 ? ports.join(',') : '*');
  env.set('ISTIO_NAMESPACE', namespace);
  env.set('ISTIO_SERVICE', `${group.name}.${namespace}`);
  env.set('ISTIO_SERVICE_CIDR', '*');
  env.set('ISTIO_LOCAL_EXCLUDE_PORTS', exclude);
  env.set('SERVICE_ACCOUNT', group.serviceAccount);
  return envFileText(env);
}

/** The hosts file, or an issue when istiod's name needs --ingressIP. */
function hostsFile(discoveryAddress: string, mesh: MeshFacts, input: ConfigureWorkloadInput, warnings: Issue[]): { text: string } | { issue: Issue } {
  const host = addressHost(discoveryAddress);
  if (!isClusterLocal(host)) {
    if (input.ingressIP !== undefined) {
      warnings.push({ severity: 'warning', code: 'workload-ingress-ip-unused', path: '--ingressIP', message: `istiod's discovery address ${discoveryAddress} is not a cluster-local name, so the VM needs no hosts entry and --ingressIP is not used` });
    }
    return { text: `# istiod's discovery address ${discoveryAddress} is not a cluster-local name: no entry needed\n` };
  }
  if (input.ingressIP === undefined) {
    const [svc, ns] = (input.ingressService ?? DEFAULT_INGRESS_SERVICE).split('.');
    const remote = mesh.remotePilotAddress;
    const suggestion =
      remote === ''
        ? `kubectl -n ${ns ?? mesh.istioNamespace} get service ${svc ?? DEFAULT_INGRESS_SERVICE} -o jsonpath='{.status.loadBalancer.ingress[0].ip}' prints it`
        : isIP(remote)
          ? `the installation publishes istiod at ${remote} (values.global.remotePilotAddress): pass --ingressIP ${remote}`
          : `the installation publishes istiod at ${remote} (values.global.remotePilotAddress): pass the IP address that name resolves to`;
    return {
      issue: {
        severity: 'error',
        code: 'workload-ingress-ip-required',
        path: '--ingressIP',
        message: `istiod's discovery address ${discoveryAddress} only resolves inside the cluster; the VM reaches it through the gateway that exposes istiod, whose address --ingressIP gives (it becomes the hosts entry for ${host})`,
        suggestion,
      },
    };
  }
  return { text: `${input.ingressIP} ${host}\n` };
}

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function credentialFiles(group: WorkloadGroup, namespace: string, mesh: MeshFacts, input: ConfigureWorkloadInput, files: WorkloadFile[], warnings: Issue[], issues: Issue[]): void {
  const rootCommand = `kubectl -n ${namespace} get configmap istio-ca-root-cert -o jsonpath='{.data.root-cert\\.pem}' > root-cert.pem`;
  const duration = input.tokenDuration ?? DEFAULT_TOKEN_DURATION;
  const tokenCommand = `kubectl -n ${namespace} create token ${group.serviceAccount} --audience ${mesh.tokenAudience} --duration ${duration}s > istio-token`;
  const rootCert: NamedText | undefined = input.rootCert;
  if (rootCert === undefined) {
    warnings.push({ severity: 'warning', code: 'workload-root-cert-missing', path: '--root-cert', message: "root-cert.pem is not written: the mesh's root certificate is only in the cluster", suggestion: `${rootCommand}, then pass --root-cert root-cert.pem` });
  } else if (!PEM_CERT.test(rootCert.text)) {
    issues.push({ severity: 'error', code: 'workload-root-cert-invalid', path: '--root-cert', message: `${rootCert.file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`, suggestion: rootCommand });
  } else {
    files.push({ path: 'root-cert.pem', text: rootCert.text });
  }
  const token: NamedText | undefined = input.token;
  if (token === undefined) {
    warnings.push({ severity: 'warning', code: 'workload-token-missing', path: '--token', message: `istio-token is not written: a token of service account ${namespace}/${group.serviceAccount} can only be issued by the cluster`, suggestion: `${tokenCommand}, then pass --token istio-token` });
  } else {
    const t = token.text.trim();
    if (!JWT.test(t)) issues.push({ severity: 'error', code: 'workload-token-invalid', path: '--token', message: `${token.file} does not hold a service account token (a JWT: three base64url parts joined by ".")`, suggestion: tokenCommand });
    else files.push({ path: 'istio-token', text: t, secret: true });
  }
}

function configureChecked(input: ConfigureWorkloadInput): ConfigureWorkloadResult {
  const optionIssues = checkOptions(input);
  const parsed = parseWorkloadGroup(input.workloadGroup.text, input.workloadGroup.file);
  if (!parsed.success || optionIssues.length > 0) return { success: false, issues: [...optionIssues, ...(parsed.success ? [] : parsed.issues)] };
  const group = parsed.group;
  const warnings: Issue[] = [...parsed.warnings];

  let namespace = group.namespace ?? input.namespace;
  if (group.namespace !== undefined && input.namespace !== undefined && group.namespace !== input.namespace) {
    return { success: false, issues: [{ severity: 'error', code: 'workload-namespace-conflict', path: 'metadata.namespace', message: `the WorkloadGroup is in namespace ${group.namespace} but --namespace says ${input.namespace}`, source: group.position(['metadata', 'namespace']), suggestion: 'leave out --namespace or make them agree' }] };
  }
  if (namespace === undefined) {
    return { success: false, issues: [{ severity: 'error', code: 'workload-namespace-missing', path: 'metadata.namespace', message: "the WorkloadGroup has no namespace: the VM's identity, ISTIO_SERVICE and the token are per namespace", source: group.position(['metadata']), suggestion: 'add metadata.namespace to the file or pass --namespace' }] };
  }
  namespace = namespace as string;

  const m = meshFacts(input.mesh ?? {});
  if (!m.success) return m;
  const mesh = m.data;
  warnings.push(...mesh.warnings);

  const issues: Issue[] = [];
  const built = buildProxyConfig(group, namespace, mesh, input, issues);
  if (built === undefined) return { success: false, issues };

  const discovery = typeof built.proxyConfig.discoveryAddress === 'string' && built.proxyConfig.discoveryAddress !== '' ? built.proxyConfig.discoveryAddress : `${istiodService(mesh.revision)}.${mesh.istioNamespace}.svc:15012`;
  const files: WorkloadFile[] = [
    { path: 'cluster.env', text: clusterEnv(group, namespace, built) },
    { path: 'mesh.yaml', text: meshYaml(built) },
  ];
  const hosts = hostsFile(discovery, mesh, input, warnings);
  if ('issue' in hosts) issues.push(hosts.issue);
  else files.push({ path: 'hosts', text: hosts.text });
  if (input.workloadIP !== undefined) files.push({ path: 'sidecar.env', text: envFileText(new Map([['ISTIO_SVC_IP', input.workloadIP]])) });
  credentialFiles(group, namespace, mesh, input, files, warnings, issues);
  if (issues.length > 0) return { success: false, issues: [...issues, ...warnings] };

  if (group.network === '' && mesh.network !== '') {
    warnings.push({
      severity: 'warning',
      code: 'workload-network-unset',
      path: 'spec.template.network',
      message: `the mesh's cluster is on network ${mesh.network} but the WorkloadGroup names none, so ISTIO_META_NETWORK is empty`,
      source: group.position(['spec', 'template']),
      suggestion: `set spec.template.network to the VM's network (${mesh.network} when the VM reaches pods directly)`,
    });
  }
  if (input.autoregister === true && mesh.istiodEnv !== undefined && mesh.istiodEnv.get('PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION') !== 'true') {
    warnings.push({
      severity: 'warning',
      code: 'workload-autoregistration-off',
      path: '--autoregister',
      message: 'istiod of this installation does not auto-register workloads (PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION is not "true"), so no WorkloadEntry is created when the VM connects',
      suggestion: 'install with --set values.pilot.env.PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION=true',
    });
  }
  const meshDns = built.metadata.get('ISTIO_META_DNS_CAPTURE');
  if (input.captureDns === false && meshDns !== undefined) {
    warnings.push({
      severity: 'warning',
      code: 'workload-dns-capture-from-mesh',
      path: '--capture-dns',
      message: `--capture-dns=false, but the mesh's proxyMetadata (or the group's proxy.istio.io/config) sets ISTIO_META_DNS_CAPTURE=${meshDns}, which the VM keeps`,
      suggestion: 'remove it from meshConfig.defaultConfig.proxyMetadata or override it in the WorkloadGroup\'s proxy.istio.io/config annotation',
    });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { success: true, data: { files, warnings } satisfies ConfigureWorkloadOutput };
}

/** The VM's configuration files, or every issue; never throws. */
export function safeConfigureWorkload(input: ConfigureWorkloadInput): ConfigureWorkloadResult {
  try {
    return configureChecked(input);
  } catch (e) {
    const message = e instanceof RangeError ? 'the input nests too deeply' : `internal error: ${e instanceof Error ? e.message : String(e)}`;
    return { success: false, issues: [{ severity: 'error', code: 'internal-error', path: '', message }] };
  }
}
