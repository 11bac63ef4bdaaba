/**
 * workload entry configure as a library: each file's content pinned for a realistic WorkloadGroup
 * (with and without --workloadIP / --autoregister, a revision, an external istiod address), and
 * the problems that stop it (no mesh ConfigMap, no --ingressIP, bad IPs, bad credentials).
 */
import { describe, expect, it } from 'vitest';
import { configureWorkload, safeConfigureWorkload, type ConfigureWorkloadInput, type Issue } from '../../src/workload/index.js';
import { formatIssue } from '../../src/operator/issues.js';

const GROUP = `apiVersion: networking.istio.io/v1alpha3
kind: WorkloadGroup
metadata:
  name: ratings-vm
  namespace: vm-apps
spec:
  metadata:
    labels:
      app: ratings
      version: v2
    annotations:
      proxy.istio.io/config: |
        proxyMetadata:
          ISTIO_META_DNS_AUTO_ALLOCATE: "true"
  template:
    serviceAccount: ratings
    network: vm-network
    ports:
      http: 9080
      grpc: 9090
  probe:
    periodSeconds: 5
    initialDelaySeconds: 1
    httpGet:
      port: 9080
      path: /ready
`;

/** The primary of a multicluster mesh (meshID, network and cluster name set). */
const PRIMARY = { set: ['values.global.meshID=mesh1', 'values.global.network=network1', 'values.global.multiCluster.clusterName=cluster1'] };

const CERT = '-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIQ\n-----END CERTIFICATE-----\n';
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOlsiaXN0aW8tY2EiXX0.c2lnbmF0dXJl';

function base(extra: Partial<ConfigureWorkloadInput> = {}): ConfigureWorkloadInput {
  return { workloadGroup: { text: GROUP, file: 'ratings.yaml' }, mesh: PRIMARY, ingressIP: '203.0.113.20', ...extra };
}

function filesOf(input: ConfigureWorkloadInput): Record<string, string> {
  return Object.fromEntries(configureWorkload(input).files.map((f) => [f.path, f.text]));
}

function issuesOf(input: ConfigureWorkloadInput): Issue[] {
  const r = safeConfigureWorkload(input);
  if (r.success) throw new Error('expected issues');
  return [...r.issues];
}

const CLUSTER_ENV = `CANONICAL_REVISION=v2
CANONICAL_SERVICE=ratings
ISTIO_INBOUND_PORTS=9080,9090
ISTIO_LOCAL_EXCLUDE_PORTS=15090,15021,15020
ISTIO_METAJSON_LABELS='{"app":"ratings","service.istio.io/canonical-name":"ratings","service.istio.io/canonical-revision":"v2","version":"v2"}'
ISTIO_META_CLUSTER_ID=cluster1
ISTIO_META_DNS_AUTO_ALLOCATE=true
ISTIO_META_DNS_CAPTURE=true
ISTIO_META_MESH_ID=mesh1
ISTIO_META_NETWORK=vm-network
ISTIO_META_POD_PORTS='[{"name":"grpc","containerPort":9090},{"name":"http","containerPort":9080}]'
ISTIO_META_WORKLOAD_NAME=ratings-vm
ISTIO_NAMESPACE=vm-apps
ISTIO_SERVICE=ratings-vm.vm-apps
ISTIO_SERVICE_CIDR='*'
POD_NAMESPACE=vm-apps
SERVICE_ACCOUNT=ratings
TRUST_DOMAIN=cluster.local
`;

const MESH_YAML = `defaultConfig:
  discoveryAddress: istiod.istio-system.svc:15012
  meshId: mesh1
  proxyMetadata:
    CANONICAL_REVISION: v2
    CANONICAL_SERVICE: ratings
    ISTIO_META_CLUSTER_ID: cluster1
    ISTIO_META_DNS_AUTO_ALLOCATE: "true"
    ISTIO_META_DNS_CAPTURE: "true"
    ISTIO_META_MESH_ID: mesh1
    ISTIO_META_NETWORK: vm-network
    ISTIO_META_POD_PORTS: '[{"name":"grpc","containerPort":9090},{"name":"http","containerPort":9080}]'
    ISTIO_META_WORKLOAD_NAME: ratings-vm
    ISTIO_METAJSON_LABELS: '{"app":"ratings","service.istio.io/canonical-name":"ratings","service.istio.io/canonical-revision":"v2","version":"v2"}'
    POD_NAMESPACE: vm-apps
    SERVICE_ACCOUNT: ratings
    TRUST_DOMAIN: cluster.local
  readinessProbe:
    httpGet:
      path: /ready
      port: 9080
    initialDelaySeconds: 1
    periodSeconds: 5
  tracing:
    zipkin:
      address: zipkin.istio-system:9411
`;

describe('the files of a realistic WorkloadGroup', () => {
  it('pins cluster.env, mesh.yaml and hosts; no sidecar.env without --workloadIP; credentials copied', () => {
    const r = configureWorkload(base({ rootCert: { text: CERT, file: 'root-cert.pem' }, token: { text: `${TOKEN}\n`, file: 'token' } }));
    expect(r.files.map((f) => f.path)).toEqual(['cluster.env', 'hosts', 'istio-token', 'mesh.yaml', 'root-cert.pem']);
    const files = Object.fromEntries(r.files.map((f) => [f.path, f.text]));
    expect(files['cluster.env']).toBe(CLUSTER_ENV);
    expect(files['mesh.yaml']).toBe(MESH_YAML);
    expect(files.hosts).toBe('203.0.113.20 istiod.istio-system.svc\n');
    expect(files['root-cert.pem']).toBe(CERT);
    expect(files['istio-token']).toBe(TOKEN);
    expect(r.warnings).toEqual([]);
  });

  it('--workloadIP writes sidecar.env; --autoregister adds ISTIO_META_AUTO_REGISTER_GROUP to both files', () => {
    const files = filesOf(base({ workloadIP: '198.51.100.7', autoregister: true }));
    expect(files['sidecar.env']).toBe('ISTIO_SVC_IP=198.51.100.7\n');
    expect(files['cluster.env']).toBe(CLUSTER_ENV.replace('ISTIO_META_CLUSTER_ID=', 'ISTIO_META_AUTO_REGISTER_GROUP=ratings-vm\nISTIO_META_CLUSTER_ID='));
    expect(files['mesh.yaml']).toBe(MESH_YAML.replace('    ISTIO_META_CLUSTER_ID:', '    ISTIO_META_AUTO_REGISTER_GROUP: ratings-vm\n    ISTIO_META_CLUSTER_ID:'));
  });

  it('an IPv6 --workloadIP and --ingressIP are accepted as written', () => {
    const files = filesOf(base({ workloadIP: 'fd00::7', ingressIP: '2001:db8::20' }));
    expect(files['sidecar.env']).toBe('ISTIO_SVC_IP=fd00::7\n');
    expect(files.hosts).toBe('2001:db8::20 istiod.istio-system.svc\n');
  });

  it('--capture-dns=false leaves ISTIO_META_DNS_CAPTURE out; --clusterID wins over the cluster name', () => {
    const files = filesOf(base({ captureDns: false, clusterID: 'vm-cluster' }));
    expect(files['cluster.env']).not.toContain('ISTIO_META_DNS_CAPTURE');
    expect(files['mesh.yaml']).not.toContain('ISTIO_META_DNS_CAPTURE');
    expect(files['cluster.env']).toContain('ISTIO_META_CLUSTER_ID=vm-cluster\n');
  });

  it('--capture-dns=false cannot undo a mesh-wide ISTIO_META_DNS_CAPTURE: kept, with a warning', () => {
    const mesh = { set: ['meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE=true'] };
    const r = configureWorkload(base({ mesh, captureDns: false }));
    expect(r.files.find((f) => f.path === 'cluster.env')?.text).toContain('ISTIO_META_DNS_CAPTURE=true\n');
    expect(r.warnings.map((w) => w.code)).toContain('workload-dns-capture-from-mesh');
    expect(configureWorkload(base({ mesh })).warnings.map((w) => w.code)).not.toContain('workload-dns-capture-from-mesh');
  });

  it('warns with the kubectl commands when --root-cert and --token are not given', () => {
    const r = configureWorkload(base());
    expect(r.files.map((f) => f.path)).toEqual(['cluster.env', 'hosts', 'mesh.yaml']);
    expect(r.warnings.map(formatIssue)).toEqual([
      "warning: --root-cert: root-cert.pem is not written: the mesh's root certificate is only in the cluster (kubectl -n vm-apps get configmap istio-ca-root-cert -o jsonpath='{.data.root-cert\\.pem}' > root-cert.pem, then pass --root-cert root-cert.pem)",
      'warning: --token: istio-token is not written: a token of service account vm-apps/ratings can only be issued by the cluster (kubectl -n vm-apps create token ratings --audience istio-ca --duration 3600s > istio-token, then pass --token istio-token)',
    ]);
    expect(configureWorkload(base({ tokenDuration: 7200 })).warnings[1]?.suggestion).toContain('--duration 7200s');
  });
});

describe('the installation', () => {
  it('a default installation: cluster Kubernetes, no mesh ID, empty network', () => {
    const env = filesOf(base({ mesh: {} }))['cluster.env'] as string;
    expect(env).toContain('ISTIO_META_CLUSTER_ID=Kubernetes\n');
    expect(env).toContain("ISTIO_META_MESH_ID=''\n");
    expect(env).toContain('ISTIO_META_NETWORK=vm-network\n');
  });

  it('a revision: mesh ConfigMap istio-canary, discovery address and hosts name istiod-canary', () => {
    const files = filesOf(base({ mesh: { ...PRIMARY, revision: 'canary' } }));
    expect(files['mesh.yaml']).toContain('  discoveryAddress: istiod-canary.istio-system.svc:15012\n');
    expect(files.hosts).toBe('203.0.113.20 istiod-canary.istio-system.svc\n');
  });

  it('an istiod address outside the cluster: hosts holds only a comment, --ingressIP is not needed', () => {
    const mesh = { set: ['meshConfig.defaultConfig.discoveryAddress=istiod.mesh.example.com:15012'] };
    const r = configureWorkload(base({ mesh, ingressIP: undefined }));
    const files = Object.fromEntries(r.files.map((f) => [f.path, f.text]));
    expect(files.hosts).toBe("# istiod's discovery address istiod.mesh.example.com:15012 is not a cluster-local name: no entry needed\n");
    expect(files['mesh.yaml']).toContain('  discoveryAddress: istiod.mesh.example.com:15012\n');
    const unused = configureWorkload(base({ mesh })).warnings.find((w) => w.code === 'workload-ingress-ip-unused');
    expect(unused?.message).toContain('--ingressIP is not used');
  });

  it('the external profile renders no mesh ConfigMap: say so and what to pass instead', () => {
    const [i] = issuesOf(base({ mesh: { profile: 'external' } }));
    expect(i?.code).toBe('workload-no-mesh-config');
    expect(formatIssue(i as Issue)).toBe(
      "error: the installation (component IstiodRemote, values.pilot.configMap false) renders no mesh ConfigMap istio-system/istio; the VM's mesh.yaml and cluster.env are made from it (pass the IstioOperator of the cluster that holds the mesh config: the primary cluster, or the config cluster of an external control plane, which sets values.pilot.configMap true)",
    );
  });

  it('an invalid installation reports its own issues', () => {
    const issues = issuesOf(base({ mesh: { set: ['spec.nosuchfield=1'] } }));
    expect(issues.some((i) => i.severity === 'error')).toBe(true);
  });

  it('warns when the mesh has a network but the group names none', () => {
    const text = GROUP.replace('    network: vm-network\n', '');
    const r = configureWorkload(base({ workloadGroup: { text, file: 'g.yaml' } }));
    const w = r.warnings.find((x) => x.code === 'workload-network-unset');
    expect(w && formatIssue(w)).toBe(
      "g.yaml:15:3: warning: spec.template.network: the mesh's cluster is on network network1 but the WorkloadGroup names none, so ISTIO_META_NETWORK is empty (set spec.template.network to the VM's network (network1 when the VM reaches pods directly))",
    );
    expect(Object.fromEntries(r.files.map((f) => [f.path, f.text]))['cluster.env']).toContain("ISTIO_META_NETWORK=''\n");
  });

  it('--autoregister warns unless istiod auto-registers workloads', () => {
    expect(configureWorkload(base({ autoregister: true })).warnings.map((w) => w.code)).toContain('workload-autoregistration-off');
    const on = { set: [...PRIMARY.set, 'values.pilot.env.PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION=true'] };
    expect(configureWorkload(base({ mesh: on, autoregister: true })).warnings.map((w) => w.code)).not.toContain('workload-autoregistration-off');
  });
});

describe('hosts and IP addresses', () => {
  it('a cluster-local istiod needs --ingressIP: the error says how to get the gateway address', () => {
    const [i] = issuesOf(base({ ingressIP: undefined }));
    expect(formatIssue(i as Issue)).toBe(
      "error: --ingressIP: istiod's discovery address istiod.istio-system.svc:15012 only resolves inside the cluster; the VM reaches it through the gateway that exposes istiod, whose address --ingressIP gives (it becomes the hosts entry for istiod.istio-system.svc) (kubectl -n istio-system get service istio-eastwestgateway -o jsonpath='{.status.loadBalancer.ingress[0].ip}' prints it)",
    );
    const [j] = issuesOf(base({ ingressIP: undefined, ingressService: 'gw.mesh-gateways' }));
    expect(j?.suggestion).toBe("kubectl -n mesh-gateways get service gw -o jsonpath='{.status.loadBalancer.ingress[0].ip}' prints it");
  });

  it('an istiod published at values.global.remotePilotAddress (a config cluster): the suggestion gives that address', () => {
    const config = {
      profile: 'external',
      set: ['values.global.configCluster=true', 'values.pilot.configMap=true', 'values.global.istioNamespace=external-istiod', 'values.global.remotePilotAddress=203.0.113.10'],
    };
    const [i] = issuesOf(base({ ingressIP: undefined, mesh: config }));
    expect(i?.message).toContain("istiod's discovery address istiod.external-istiod.svc:15012 only resolves inside the cluster");
    expect(i?.suggestion).toBe('the installation publishes istiod at 203.0.113.10 (values.global.remotePilotAddress): pass --ingressIP 203.0.113.10');
    const files = filesOf(base({ ingressIP: '203.0.113.10', mesh: config }));
    expect(files.hosts).toBe('203.0.113.10 istiod.external-istiod.svc\n');
    expect(files['mesh.yaml']).toContain('      address: zipkin.external-istiod:9411\n');
  });

  it('rejects addresses that are not IPs, and a bad --ingressService', () => {
    const issues = issuesOf(base({ workloadIP: '10.0.0.256', ingressIP: 'gateway.example.com', ingressService: 'a.b.c' }));
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      '--workloadIP: "10.0.0.256" is not an IP address',
      '--ingressIP: "gateway.example.com" is not an IP address',
      '--ingressService: "a.b.c" is not <service> or <service>.<namespace>',
    ]);
  });
});

describe('the WorkloadGroup drives the agent settings', () => {
  it('canonical service and revision: service.istio.io labels, then app.kubernetes.io, then app/version, then the name and latest', () => {
    const withLabels = (labels: string): string => GROUP.replace('      app: ratings\n      version: v2\n', labels);
    const env = (labels: string): string => filesOf(base({ workloadGroup: { text: withLabels(labels), file: 'g.yaml' } }))['cluster.env'] as string;
    expect(env('      app: a\n      app.kubernetes.io/name: b\n      app.kubernetes.io/version: "3"\n')).toContain('CANONICAL_REVISION=3\nCANONICAL_SERVICE=b\n');
    expect(env('      app: a\n      service.istio.io/canonical-name: c\n')).toContain('CANONICAL_REVISION=latest\nCANONICAL_SERVICE=c\n');
    expect(env('      other: x\n')).toContain('CANONICAL_REVISION=latest\nCANONICAL_SERVICE=ratings-vm\n');
  });

  it('without ports every inbound port is captured and no POD_PORTS is set', () => {
    const text = GROUP.replace('    ports:\n      http: 9080\n      grpc: 9090\n', '');
    const files = filesOf(base({ workloadGroup: { text, file: 'g.yaml' } }));
    expect(files['cluster.env']).toContain("ISTIO_INBOUND_PORTS='*'\n");
    expect(files['cluster.env']).not.toContain('ISTIO_META_POD_PORTS');
  });

  it('proxy.istio.io/config: metadata annotations first, then spec.metadata; proxyMetadata merged; statusPort changes the excluded ports', () => {
    const text = GROUP.replace(
      'metadata:\n  name: ratings-vm\n',
      'metadata:\n  name: ratings-vm\n  annotations:\n    proxy.istio.io/config: |\n      statusPort: 15999\n      concurrency: 4\n      proxyMetadata:\n        FROM_OBJECT: "1"\n        ISTIO_META_DNS_AUTO_ALLOCATE: "false"\n',
    );
    const files = filesOf(base({ workloadGroup: { text, file: 'g.yaml' } }));
    expect(files['cluster.env']).toContain('FROM_OBJECT=1\n');
    expect(files['cluster.env']).toContain('ISTIO_META_DNS_AUTO_ALLOCATE=true\n');
    expect(files['cluster.env']).toContain('ISTIO_LOCAL_EXCLUDE_PORTS=15090,15021,15999\n');
    expect(files['mesh.yaml']).toContain('  concurrency: 4\n');
    expect(files['mesh.yaml']).toContain('  statusPort: 15999\n');
  });

  it('a bad proxy.istio.io/config annotation is an error at the annotation', () => {
    const text = GROUP.replace('        proxyMetadata:\n', '        concurency: 2\n        proxyMetadata:\n');
    const [i] = issuesOf(base({ workloadGroup: { text, file: 'g.yaml' } }));
    expect(i?.code).toBe('workload-proxy-config');
    expect(formatIssue(i as Issue)).toContain('g.yaml:12:7: error: spec.metadata.annotations["proxy.istio.io/config"]: concurency: could not parse proxy config: unknown field "concurency" in v1alpha1.ProxyConfig (line 1 of the annotation)');
    expect(i?.suggestion).toBe('did you mean "concurrency"?');
  });

  it('template labels override spec.metadata labels (with a warning); values are data (__proto__ keys)', () => {
    const text = GROUP.replace('    serviceAccount: ratings\n', '    serviceAccount: ratings\n    labels:\n      version: v3\n').replace(
      '          ISTIO_META_DNS_AUTO_ALLOCATE: "true"\n',
      '          ISTIO_META_DNS_AUTO_ALLOCATE: "true"\n          __proto__: polluted\n',
    );
    const r = configureWorkload(base({ workloadGroup: { text, file: 'g.yaml' } }));
    const env = r.files.find((f) => f.path === 'cluster.env')?.text ?? '';
    expect(env).toContain('CANONICAL_REVISION=v3\n');
    expect(env).toContain('__proto__=polluted\n');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.warnings.map((w) => w.code)).toContain('workload-group-invalid');
  });

  it('values that need quoting are single-quoted for the shell', () => {
    const text = GROUP.replace('network: vm-network', "network: \"it's net 1\"");
    expect(filesOf(base({ workloadGroup: { text, file: 'g.yaml' } }))['cluster.env']).toContain(`ISTIO_META_NETWORK='it'"'"'s net 1'\n`);
  });

  it('no probe: no readinessProbe in mesh.yaml, even if an annotation set one', () => {
    const text = GROUP.replace(/ {2}probe:[\s\S]*$/, '').replace('        proxyMetadata:\n', '        readinessProbe:\n          tcpSocket:\n            port: 1\n        proxyMetadata:\n');
    expect(filesOf(base({ workloadGroup: { text, file: 'g.yaml' } }))['mesh.yaml']).not.toContain('readinessProbe');
  });
});

describe('namespace', () => {
  const noNs = GROUP.replace('  namespace: vm-apps\n', '');
  it('comes from --namespace when the file has none', () => {
    expect(filesOf(base({ workloadGroup: { text: noNs, file: 'g.yaml' }, namespace: 'shop' }))['cluster.env']).toContain('ISTIO_SERVICE=ratings-vm.shop\n');
  });
  it('is required, and must agree', () => {
    expect(formatIssue(issuesOf(base({ workloadGroup: { text: noNs, file: 'g.yaml' } }))[0] as Issue)).toBe(
      "g.yaml:3:1: error: metadata.namespace: the WorkloadGroup has no namespace: the VM's identity, ISTIO_SERVICE and the token are per namespace (add metadata.namespace to the file or pass --namespace)",
    );
    expect(issuesOf(base({ namespace: 'shop' }))[0]?.code).toBe('workload-namespace-conflict');
  });
});

describe('credentials', () => {
  it('refuses a root certificate that is not PEM and a token that is not a JWT', () => {
    const issues = issuesOf(base({ rootCert: { text: 'hello', file: 'ca.txt' }, token: { text: 'not a token', file: 'tok' } }));
    expect(issues.map((i) => `${i.code}: ${i.message}`)).toEqual([
      'workload-root-cert-invalid: ca.txt holds no PEM certificate (-----BEGIN CERTIFICATE-----)',
      'workload-token-invalid: tok does not hold a service account token (a JWT: three base64url parts joined by ".")',
    ]);
  });
  it('the token command uses the installation\'s token audience', () => {
    const r = configureWorkload(base({ mesh: { set: ['values.global.sds.token.aud=my-aud'] } }));
    expect(r.warnings.find((w) => w.code === 'workload-token-missing')?.suggestion).toContain('--audience my-aud ');
  });
});
