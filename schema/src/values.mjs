// The values API of Istio 1.11 (`spec.values`, the Helm values handed to the charts): every path of
// values_types.proto that 1.11 accepts, with the default profile's values as `default`, the charts
// that read each top-level key as `x-charts`, and `x-deprecated` naming the replacement of the paths
// istioctl 1.11 warns about. Legacy paths that 1.11 only warns about (or rejects as addons) are kept
// so that users get the replacement instead of an unknown-field error.
import { obj, str, bool, num, int, uint, enumOf, strList, strMap, list, mapOf, ref, def, freeObj } from './dsl.mjs';

const d = (name) => `#/definitions/${name}`;
const k8s = (name) => `k8s.schema.json#/definitions/${name}`;
const mesh = (name) => `mesh-config.schema.json#/definitions/${name}`;
const dep = (replacement) => ({ 'x-deprecated': replacement });
const tag = (description, extra) => ({
  description,
  anyOf: [{ type: 'string' }, { type: 'number' }],
  ...extra,
});
const intOrString = (description, extra) => ref(k8s('IntOrString'), description, extra);
const resources = (description, extra) => ref(k8s('Resources'), description, extra);
const duration = (description, extra) => ref(mesh('Duration'), description, extra);
/** Environment variables as a map; values are quoted by the charts, so any scalar is accepted. */
const envMap = (description, extra) => mapOf({ anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }] }, description, extra);
const toleration = (description) => list(ref(k8s('Toleration'), 'A toleration.'), description);
const imagePullPolicy = (description, extra) => enumOf(['', 'Always', 'Never', 'IfNotPresent'], description, extra);

const definitions = {};
function add(name, node) {
  definitions[name] = def(name, node);
}

// The charts whose values.schema.json is a part of this values API. The gateway chart has a root of
// its own (schema/src/gateway-chart.mjs, GatewayChartValues); spec.values reaches it only through
// the IstioOperator translation, so no property here names it.
const ALL_CHARTS = ['base', 'istiod', 'istiod-remote', 'cni'];

// ---- shared parts ----
add('TargetUtilizationConfig', obj('Autoscaler utilization target.', {
  targetAverageUtilization: int('Target average utilization, in percent of the requests.', { minimum: 0 }),
}));
add('PortsConfig', obj('A port of a gateway Service.', {
  name: str('Port name (the key entries are merged by).'),
  port: int('Port exposed by the Service.', { minimum: 0, maximum: 65535 }),
  nodePort: int('Node port, for NodePort and LoadBalancer Services.', { minimum: 0, maximum: 65535 }),
  targetPort: int('Container port the traffic goes to; below 1024 needs runAsRoot.', { minimum: 0, maximum: 65535 }),
  protocol: str('Protocol, e.g. TCP.'),
}, { required: ['name'] }));
add('SecretVolume', obj('A Secret mounted into the gateway.', {
  mountPath: str('Mount path in the container.'),
  name: str('Volume name (the key entries are merged by).'),
  secretName: str('Secret name.'),
}, { required: ['name'] }));
add('PodAntiAffinityLabelSelector', obj('A simplified pod anti-affinity rule (deprecated; use components.X.k8s.affinity).', {
  key: str('Label key.'),
  operator: enumOf(['In', 'NotIn', 'Exists', 'DoesNotExist'], 'How the key relates to the values.'),
  values: str('Comma-separated label values.'),
  topologyKey: str('Topology key, e.g. kubernetes.io/hostname.'),
}));
add('ZeroVPNConfig', obj('Cross-cluster access by SNI matching (removed in 1.12).', {
  enabled: bool('Whether ZeroVPN is enabled.'),
  suffix: str('SNI suffix.'),
}));

const gatewayCommon = (which) => ({
  autoscaleEnabled: bool('Render a HorizontalPodAutoscaler for the gateway.', { default: true }),
  autoscaleMax: uint('Maximum replicas of the autoscaler.'),
  autoscaleMin: uint('Minimum replicas of the autoscaler.'),
  cpu: ref(d('TargetUtilizationConfig'), 'CPU target of the autoscaler (deprecated; use k8s.hpaSpec).'),
  enabled: bool(`Enable the ${which} gateway; promoted to the gateway entry of the same name.`),
  env: envMap('Environment variables of the proxy container.', { default: {} }),
  labels: strMap('Labels of the gateway pods and Service selector.'),
  name: str('Name of the gateway Deployment and Service.', { default: `istio-${which}gateway` }),
  nodeSelector: strMap('Node selector (deprecated; use k8s.nodeSelector).'),
  podAnnotations: strMap('Pod annotations (deprecated; use k8s.podAnnotations).'),
  podAntiAffinityLabelSelector: list(ref(d('PodAntiAffinityLabelSelector'), 'A rule.'), 'Required anti-affinity rules (deprecated).'),
  podAntiAffinityTermLabelSelector: list(ref(d('PodAntiAffinityLabelSelector'), 'A rule.'), 'Preferred anti-affinity rules (deprecated).'),
  ports: list(ref(d('PortsConfig'), 'A port.'), 'Service ports (merged by name).'),
  replicaCount: uint('Replicas (deprecated; use k8s.replicaCount).'),
  resources: resources('Proxy resources (deprecated; use k8s.resources).'),
  secretVolumes: list(ref(d('SecretVolume'), 'A secret volume.'), 'Secrets mounted into the gateway (merged by name).', {
    default: [
      { name: `${which}gateway-certs`, secretName: `istio-${which}gateway-certs`, mountPath: `/etc/istio/${which}gateway-certs` },
      { name: `${which}gateway-ca-certs`, secretName: `istio-${which}gateway-ca-certs`, mountPath: `/etc/istio/${which}gateway-ca-certs` },
    ],
  }),
  serviceAnnotations: strMap('Annotations of the gateway Service.'),
  type: enumOf(['ClusterIP', 'NodePort', 'LoadBalancer'], 'Service type.', { default: which === 'ingress' ? 'LoadBalancer' : 'ClusterIP' }),
  zvpn: ref(d('ZeroVPNConfig'), 'ZeroVPN settings.', { default: {} }),
  rollingMaxSurge: intOrString('Rolling update surge (deprecated; use k8s.strategy).'),
  rollingMaxUnavailable: intOrString('Rolling update unavailability (deprecated; use k8s.strategy).'),
  tolerations: toleration('Tolerations (deprecated; use k8s.tolerations).'),
  additionalContainers: list(freeObj('A Kubernetes Container (not checked in detail).'), 'Extra containers of the gateway pod.'),
  configVolumes: list(ref(k8s('Volume'), 'A volume.'), 'ConfigMap or other volumes mounted into the gateway.'),
  runAsRoot: bool('Run the gateway as root so it can bind ports below 1024.'),
  injectionTemplate: str('Injection template for a gateway Deployment filled by the injector; empty renders a full Deployment.'),
});
add('IngressGatewayConfig', obj('Settings of the ingress gateway chart (gateways/istio-ingress).', {
  ...gatewayCommon('ingress'),
  customService: bool('Do not render the Service; the user provides one.'),
  loadBalancerIP: str('Requested load balancer IP.'),
  loadBalancerSourceRanges: strList('CIDRs allowed through the load balancer.'),
  externalTrafficPolicy: enumOf(['', 'Cluster', 'Local'], 'External traffic policy of the Service.'),
  ingressPorts: list(obj('A legacy ingress port.', {
    name: str('Port name.'),
    port: int('Service port.', { minimum: 0, maximum: 65535 }),
    targetPort: int('Container port.', { minimum: 0, maximum: 65535 }),
    nodePort: int('Node port.', { minimum: 0, maximum: 65535 }),
    protocol: str('Protocol.'),
  }), 'Legacy list of ingress ports, checked for privileged target ports.'),
  meshExpansionPorts: list(ref(d('PortsConfig'), 'A port.'), 'Removed mesh expansion ports.', dep('components.ingressGateways[name=istio-ingressgateway].k8s.service.ports')),
}));
add('EgressGatewayConfig', obj('Settings of the egress gateway chart (gateways/istio-egress).', gatewayCommon('egress')));

add('CNIRepairConfig', obj('Repair controller of the CNI DaemonSet (fixes pods started before CNI was ready).', {
  enabled: bool('Run the repair controller (chart default true).'),
  hub: str('Unused in 1.11: the repair controller runs inside the install-cni container (accepted for compatibility).'),
  tag: tag('Unused in 1.11: the repair controller runs inside the install-cni container (accepted for compatibility).'),
  image: str('Unused in 1.11: the repair controller runs inside the install-cni container (accepted for compatibility).'),
  labelPods: bool('Label broken pods (chart default true).'),
  createEvents: str('Unused in 1.11 (accepted for compatibility).'),
  deletePods: bool('Delete broken pods (chart default true).'),
  brokenPodLabelKey: str('Label key put on broken pods (chart default cni.istio.io/uninitialized).'),
  brokenPodLabelValue: str('Label value put on broken pods (chart default "true").'),
  initContainerName: str('Name of the init container that detects broken pods (chart default istio-validation).'),
}));
add('CNIConfig', obj('Settings of the Istio CNI plugin.', {
  enabled: bool('Whether CNI is in use; written by the operator from components.cni.enabled.'),
  hub: str('Registry of the install-cni image; empty uses global.hub.'),
  tag: tag('Tag of the install-cni image; empty uses global.tag.'),
  image: str('Image name (chart default install-cni); a value containing "/" is used as is.'),
  pullPolicy: imagePullPolicy('Pull policy of the install-cni image; empty uses global.imagePullPolicy.'),
  cniBinDir: str('Node directory of CNI binaries (chart default /opt/cni/bin).'),
  cniConfDir: str('Node directory of CNI configuration (chart default /etc/cni/net.d).'),
  cniConfFileName: str('Chained: the CNI configuration file to append to (empty: the first file in cniConfDir). Standalone: the file to write (empty: YYY-istio-cni.conf).'),
  excludeNamespaces: strList('Namespaces the plugin ignores (chart default istio-system, kube-system).'),
  podAnnotations: strMap('Annotations of the CNI pods (deprecated; use components.cni.k8s.podAnnotations).'),
  psp_cluster_role: str('ClusterRole bound for a PodSecurityPolicy; empty renders no binding.'),
  logLevel: str('Log level of the plugin, e.g. debug, info, warn, error (chart default info).'),
  repair: ref(d('CNIRepairConfig'), 'Repair controller settings.'),
  chained: bool('Install as a chained plugin appended to the existing CNI configuration (true), or as a standalone network configuration named istio-cni for Multus (false).'),
  taint: obj('Node taint controller.', {
    enabled: bool('Run the taint controller (chart default false).'),
  }),
  resources: resources('Resources of the install-cni container (chart default requests 100m CPU, 100Mi memory); empty uses global.defaultResources.'),
  resourceQuotas: obj('ResourceQuota istio-cni-resource-quota for the pods\' priority class, which Kubernetes requires outside kube-system for system-node-critical.', {
    enabled: bool('Render the ResourceQuota (chart default false).'),
    pods: intOrString('Most pods of that priority class in the namespace (chart default 5000).'),
  }),
  k8s: ref(k8s('K8sDaemonSetSettings'), 'Kubernetes settings of the istio-cni-node DaemonSet and its install-cni container, applied last.'),
}));

add('GlobalProxyConfig', obj('Settings of the injected and gateway proxies (global.proxy).', {
  autoInject: enumOf(['enabled', 'disabled'], 'Injection policy of the webhook for namespaces with injection enabled.', { default: 'enabled' }),
  clusterDomain: str('DNS domain of the cluster.', { default: 'cluster.local' }),
  componentLogLevel: str('Per-component Envoy log levels, e.g. misc:error.', { default: 'misc:error' }),
  enableCoreDump: bool('Enable core dumps in injected proxies.', { default: false }),
  excludeInboundPorts: str('Comma-separated inbound ports not redirected to the proxy.', { default: '' }),
  excludeIPRanges: str('Comma-separated CIDRs whose outbound traffic bypasses the proxy.', { default: '' }),
  image: str('Proxy image name; a value containing "/" is used as is.', { default: 'proxyv2' }),
  includeIPRanges: str('Comma-separated CIDRs whose outbound traffic goes through the proxy, or "*".', { default: '*' }),
  logLevel: enumOf(['trace', 'debug', 'info', 'warning', 'error', 'critical', 'off'], 'Envoy log level.', { default: 'warning' }),
  privileged: bool('Run the proxy container privileged.', { default: false }),
  readinessInitialDelaySeconds: uint('Initial delay of the proxy readiness probe, in seconds.', { default: 1 }),
  readinessPeriodSeconds: uint('Period of the proxy readiness probe, in seconds.', { default: 2 }),
  readinessFailureThreshold: uint('Failures before the proxy is not ready.', { default: 30 }),
  statusPort: uint('Port of the agent health endpoint.', { default: 15020, maximum: 65535 }),
  resources: resources('Resources of the proxy container.', {
    default: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '2000m', memory: '1024Mi' } },
  }),
  tracer: enumOf(['zipkin', 'lightstep', 'datadog', 'stackdriver', 'openCensusAgent', 'none'], 'Tracer written into the mesh default proxy config.', { default: 'zipkin' }),
  excludeOutboundPorts: str('Comma-separated outbound ports not redirected to the proxy.', { default: '' }),
  lifecycle: ref(k8s('Lifecycle'), 'Lifecycle hooks of the proxy container.'),
  holdApplicationUntilProxyStarts: bool('Start application containers after the proxy is ready.', dep('meshConfig.defaultConfig.holdApplicationUntilProxyStarts')),
  // legacy paths istioctl 1.11 warns about
  accessLogFile: str('Removed: access log file.', dep('meshConfig.accessLogFile')),
  accessLogFormat: str('Removed: access log format.', dep('meshConfig.accessLogFormat')),
  accessLogEncoding: enumOf(['TEXT', 'JSON'], 'Removed: access log encoding.', dep('meshConfig.accessLogEncoding')),
  concurrency: int('Removed: proxy worker threads.', { minimum: 0, ...dep('meshConfig.defaultConfig.concurrency') }),
  envoyAccessLogService: freeObj('Removed: Envoy access log service settings.', dep('meshConfig.defaultConfig.envoyAccessLogService and meshConfig.enableEnvoyAccessLogService')),
  envoyMetricsService: freeObj('Removed: Envoy metrics service settings.', dep('meshConfig.defaultConfig.envoyMetricsService')),
  protocolDetectionTimeout: duration('Removed: protocol sniffing timeout.', dep('meshConfig.protocolDetectionTimeout')),
}));

const tracerLeaf = (tracer, leaf, node) => ({ ...node, ...dep(`meshConfig.defaultConfig.tracing.${tracer}.${leaf}`) });
add('TracerConfig', obj('Tracer settings written into the mesh default proxy config (deprecated; use meshConfig.defaultConfig.tracing).', {
  datadog: obj('Datadog agent.', {
    address: tracerLeaf('datadog', 'address', str('host:port of the Datadog agent (chart default $(HOST_IP):8126).')),
  }, { default: {} }),
  lightstep: obj('Lightstep satellite.', {
    address: tracerLeaf('lightstep', 'address', str('host:port of the satellite pool.')),
    accessToken: tracerLeaf('lightstep', 'accessToken', str('Access token.')),
  }, { default: {} }),
  zipkin: obj('Zipkin collector.', {
    address: tracerLeaf('zipkin', 'address', str('host:port of the collector; empty uses zipkin.<istioNamespace>:9411.')),
  }, { default: {} }),
  stackdriver: obj('Stackdriver tracer.', {
    debug: tracerLeaf('stackdriver', 'debug', bool('Log spans to stdout.')),
    maxNumberOfAttributes: tracerLeaf('stackdriver', 'maxNumberOfAttributes', uint('Maximum attributes per span (chart default 200).')),
    maxNumberOfAnnotations: tracerLeaf('stackdriver', 'maxNumberOfAnnotations', uint('Maximum annotations per span (chart default 200).')),
    maxNumberOfMessageEvents: tracerLeaf('stackdriver', 'maxNumberOfMessageEvents', uint('Maximum message events per span (chart default 200).')),
  }, { default: {} }),
}));

add('MeshNetworks', mapOf(obj('One network of the mesh.', {
  endpoints: list(obj('How endpoints are assigned to the network; set one field.', {
    fromCidr: str('Endpoints whose IP is in this CIDR.'),
    fromRegistry: str('Endpoints of this registry (cluster name).'),
  }), 'Endpoint sources of the network.'),
  gateways: list(obj('A gateway into the network; set registryServiceName or address.', {
    registryServiceName: str('Fully qualified name of the gateway Service.'),
    address: str('Gateway IP or host name.'),
    port: uint('Gateway port.', { maximum: 65535 }),
    locality: str('Locality of the gateway.'),
  }, { required: ['port'] }), 'Gateways into the network.'),
}), 'Networks of a multi-network mesh, by network name.'));

add('GlobalConfig', obj('Settings shared by all charts (values.global).', {
  arch: obj('Scheduling weights per CPU architecture, 0 never to 3 most preferred.', {
    amd64: uint('Weight of amd64 nodes.', { maximum: 3 }),
    ppc64le: uint('Weight of ppc64le nodes.', { maximum: 3 }),
    s390x: uint('Weight of s390x nodes.', { maximum: 3 }),
  }, dep('components.<component>.k8s.affinity')),
  configRootNamespace: str('Unused.'),
  configValidation: bool('Render the validating webhook for Istio configuration.', { default: true }),
  defaultConfigVisibilitySettings: strList('Unused.'),
  defaultNodeSelector: strMap('Node selector of all components (deprecated; use components.X.k8s.nodeSelector).', { default: {} }),
  defaultPodDisruptionBudget: obj('PodDisruptionBudgets for the control plane and gateways.', {
    enabled: bool('Render a PodDisruptionBudget (minAvailable 1) per Deployment.', { default: true }),
  }),
  defaultResources: obj('Default resources of the control plane (deprecated; use components.X.k8s.resources).', {
    requests: obj('Default requests.', {
      cpu: ref(k8s('Quantity'), 'CPU request.', { default: '10m' }),
      memory: ref(k8s('Quantity'), 'Memory request.'),
    }),
  }),
  defaultTolerations: toleration('Tolerations of all components (deprecated; use components.X.k8s.tolerations).'),
  hub: str('Default image registry of all images (set from spec.hub).'),
  imagePullPolicy: imagePullPolicy('Pull policy of all images; empty lets Kubernetes decide.', { default: '' }),
  imagePullSecrets: strList('Secrets used to pull images, by name.', { default: [] }),
  istioNamespace: str('Namespace of the control plane.', { default: 'istio-system' }),
  logAsJson: bool('Make control plane components log JSON.', { default: false }),
  logging: obj('Control plane logging.', {
    level: str('Comma-separated <scope>:<level> pairs.', { default: 'default:info' }),
  }),
  meshID: str('Mesh identifier; empty uses the trust domain.'),
  meshNetworks: ref(d('MeshNetworks'), 'Networks of a multi-network mesh.', { default: {} }),
  multiCluster: obj('Multi-cluster settings.', {
    enabled: bool('Enable multi-cluster gateway connectivity.', { default: false }),
    clusterName: str('Name of this cluster (CLUSTER_ID of istiod and proxies).', { default: '' }),
    globalDomainSuffix: str('Suffix of global service names.'),
    includeEnvoyFilter: bool('Render the EnvoyFilter translating the global suffix.'),
  }),
  network: str('Network this cluster belongs to.', { default: '' }),
  podDNSSearchNamespaces: strList('Extra DNS search domains of injected pods.'),
  omitSidecarInjectorConfigMap: bool('Do not render the istio-sidecar-injector ConfigMap.', { default: false }),
  oneNamespace: bool('Make istiod watch only its own namespace.', { default: false }),
  operatorManageWebhooks: bool('Let the operator, not istiod, manage the webhook configurations.', { default: false }),
  priorityClassName: str('Priority class of all components (deprecated; use components.X.k8s.priorityClassName).', { default: '' }),
  proxy: ref(d('GlobalProxyConfig'), 'Proxy settings.'),
  proxy_init: obj('Settings of the istio-init container.', {
    image: str('Image of the init container.', { default: 'proxyv2' }),
    resources: resources('Resources of the init container.', {
      default: { limits: { cpu: '2000m', memory: '1024Mi' }, requests: { cpu: '10m', memory: '10Mi' } },
    }),
  }),
  sds: obj('Secret discovery settings.', {
    token: obj('Service account token settings.', {
      aud: str('Audience of the projected token istiod and proxies use.', { default: 'istio-ca' }),
    }),
  }),
  tag: tag('Default image tag of all images (set from spec.tag).'),
  tracer: ref(d('TracerConfig'), 'Tracer settings (deprecated; use meshConfig.defaultConfig.tracing).'),
  useMCP: bool('Configure istiod through MCP.', { default: false }),
  remotePilotAddress: str('Address (IP or host name) of the istiod that serves this cluster; set in remote and config clusters. The base and istiod-remote charts render a Service (and, for an IP address, Endpoints) pointing at it: istiod-remote (port 15012) when pilot.enabled and not externalIstiod, else istiod[-<revision>] (ports 15012 and 443 -> 15017, the injection webhook\'s Service; the base chart never adds the revision); the mesh discoveryAddress names the same Service.'),
  istiod: obj('istiod settings.', {
    enableAnalysis: bool('Run configuration analysis in istiod.', { default: false }),
  }),
  pilotCertProvider: enumOf(['istiod', 'kubernetes', 'custom', 'none'], 'Who signs the istiod serving certificate.', { default: 'istiod' }),
  jwtPolicy: enumOf(['third-party-jwt', 'first-party-jwt'], 'Service account token kind; first-party-jwt is deprecated and warned about.', { default: 'third-party-jwt' }),
  sts: obj('Security token service.', {
    servicePort: uint('Port of the token service; 0 disables it.', { default: 0, maximum: 65535 }),
  }),
  revision: str('Revision (set by the charts from values.revision).'),
  mountMtlsCerts: bool('Mount mTLS certificates from Secrets instead of SDS.', { default: false }),
  caAddress: str('Address of the CA proxies send certificate requests to; empty uses istiod.'),
  externalIstiod: bool('base and istiod-remote charts: the istiod serving this cluster runs outside it (the reader ClusterRole may write ConfigMaps and patch webhook configurations; the remote istiod Service is named istiod). istiod chart: this istiod is an external control plane serving a config cluster: env EXTERNAL_ISTIOD, SHARED_MESH_CONFIG and the config cluster\'s webhook configuration names, its own mesh and injector ConfigMaps mounted (pilot.configMap must be true and omitSidecarInjectorConfigMap false), the istio-kubeconfig Secret required, and no webhook configurations rendered in its own cluster.'),
  configCluster: bool('This remote cluster also holds the mesh configuration (CRDs, validation, istiod RBAC).'),
  // legacy paths istioctl 1.11 warns about
  certificates: list(ref(mesh('Certificate'), 'A certificate.'), 'Removed: DNS certificates.', dep('meshConfig.certificates')),
  outboundTrafficPolicy: obj('Removed: outbound traffic policy.', {
    mode: enumOf(['REGISTRY_ONLY', 'ALLOW_ANY'], 'Policy mode.'),
  }, dep('meshConfig.outboundTrafficPolicy')),
  localityLbSetting: ref(mesh('LocalityLoadBalancerSetting'), 'Removed: locality load balancing.', dep('meshConfig.localityLbSetting')),
  policyCheckFailOpen: bool('Removed: Mixer policy checks no longer exist.', dep('nothing: Mixer policy checks were removed')),
  enableTracing: bool('Removed: trace generation switch.', dep('meshConfig.enableTracing')),
  mtls: obj('Removed: mesh-wide mTLS switches.', {
    enabled: bool('Removed: strict mTLS.', dep('the PeerAuthentication resource')),
    auto: bool('Removed: automatic mTLS.', dep('meshConfig.enableAutoMtls')),
  }),
  meshExpansion: obj('Removed: mesh expansion.', {
    enabled: bool('Removed: expose istiod through the ingress gateway.', dep('an east-west gateway (samples/multicluster)')),
    useILB: bool('Removed: use an internal load balancer.'),
  }),
  centralIstiod: bool('Renamed.', dep('global.externalIstiod')),
}));

add('PilotConfig', obj('Settings of the istiod chart (values.pilot).', {
  enabled: bool('Whether istiod is installed; written by the operator from components.pilot.enabled. With global.remotePilotAddress and not global.externalIstiod, true names the remote istiod Service istiod-remote (a local istiod keeps the name istiod).'),
  autoscaleEnabled: bool('Render a HorizontalPodAutoscaler for istiod.', { default: true }),
  k8s: ref(k8s('K8sSettings'), 'Kubernetes settings of istiod (Deployment, Service, HPA, PDB istiod[-<revision>], container discovery), applied last.'),
  autoscaleMin: uint('Minimum replicas of the autoscaler.', { default: 1 }),
  autoscaleMax: uint('Maximum replicas of the autoscaler.', { default: 5 }),
  replicaCount: uint('Replicas of istiod (deprecated; use components.pilot.k8s.replicaCount).', { default: 1 }),
  image: str('istiod image name; a value containing "/" is used as is.', { default: 'pilot' }),
  traceSampling: num('Percentage of requests traced by the proxies, 0.0-100.0.', { default: 1.0, minimum: 0, maximum: 100 }),
  resources: resources('istiod resources (deprecated; use components.pilot.k8s.resources).'),
  configNamespace: str('Unused.'),
  cpu: ref(d('TargetUtilizationConfig'), 'CPU target of the autoscaler (deprecated; use components.pilot.k8s.hpaSpec).', { default: { targetAverageUtilization: 80 } }),
  nodeSelector: strMap('Node selector (deprecated; use components.pilot.k8s.nodeSelector).', { default: {} }),
  keepaliveMaxServerConnectionAge: duration('Maximum age of a proxy connection to istiod, spreading load after scale-up.', { default: '30m' }),
  deploymentLabels: {
    description: 'Extra labels of the istiod Deployment; the default profile writes null (none).',
    anyOf: [{ type: 'object', additionalProperties: { type: 'string' } }, { type: 'null' }],
  },
  configMap: bool('Render the mesh ConfigMap istio[-<revision>].', { default: true }),
  useMCP: bool('Configure istiod through MCP.'),
  multiClusterServices: obj('Multi-cluster services (the Kubernetes MCS API: ServiceExport, ServiceImport). Each true value sets an istiod flag to "true"; the spelling follows the minor version of the istiod image tag (pilot.tag, else global.tag; an unrecognised tag such as latest gets every spelling).', {
    enabled: bool('ENABLE_MCS_SERVICE_DISCOVERY: endpoints of a service in other clusters are used only when it has a ServiceExport.', { default: false }),
    autoExport: bool('istiod creates a ServiceExport for every service except cluster-local ones: ENABLE_MCS_AUTOEXPORT for 1.11 and earlier, ENABLE_MCS_AUTO_EXPORT for 1.12 and later.', { default: false }),
    host: bool('ENABLE_MCS_HOST: services also answer to <service>.<namespace>.svc.clusterset.local (1.12 requires enabled).', { default: false }),
    clusterLocal: bool('ENABLE_MCS_CLUSTER_LOCAL: <service>.<namespace>.svc.cluster.local reaches only this cluster (1.12 and later, requires enabled and host; not rendered for 1.11, which has no such flag).', { default: false }),
  }),
  env: envMap('Extra environment variables of istiod.', { default: {} }),
  rollingMaxSurge: intOrString('Rolling update surge (deprecated; use components.pilot.k8s.strategy).'),
  rollingMaxUnavailable: intOrString('Rolling update unavailability (deprecated; use components.pilot.k8s.strategy).'),
  tolerations: toleration('Tolerations (deprecated; use components.pilot.k8s.tolerations).'),
  enableProtocolSniffingForOutbound: bool('Detect the protocol of outbound traffic.', { default: true }),
  enableProtocolSniffingForInbound: bool('Detect the protocol of inbound traffic.', { default: true }),
  podAnnotations: strMap('Pod annotations (deprecated; use components.pilot.k8s.podAnnotations).'),
  configSource: obj('Configuration sources.', {
    subscribedResources: strList('Resources istiod subscribes to.'),
  }),
  jwksResolverExtraRootCA: str('Extra PEM root certificate trusted when fetching JWKS.'),
  plugins: strList('istiod plugins (--plugins).'),
  hub: str('Registry of the istiod image; empty uses global.hub.'),
  tag: tag('Tag of the istiod image; empty uses global.tag.'),
  ingress: obj('Removed: Kubernetes Ingress settings.', {
    ingressService: str('Removed.'),
    ingressControllerMode: enumOf(['UNSPECIFIED', 'DEFAULT', 'STRICT', 'OFF'], 'Removed.'),
    ingressClass: str('Removed.'),
  }, dep('meshConfig.ingressService, meshConfig.ingressControllerMode and meshConfig.ingressClass')),
}));

add('SidecarInjectorConfig', obj('Settings of the sidecar injector (values.sidecarInjectorWebhook).', {
  enableNamespacesByDefault: bool('Inject in every namespace without the istio-injection=disabled label.'),
  neverInjectSelector: list(ref(k8s('LabelSelector'), 'A selector.'), 'Pods matching any selector are never injected.'),
  alwaysInjectSelector: list(ref(k8s('LabelSelector'), 'A selector.'), 'Pods matching any selector are always injected.'),
  rewriteAppHTTPProbe: bool('Rewrite HTTP probes to go through the agent.'),
  injectedAnnotations: strMap('Annotations added to injected pods.'),
  objectSelector: obj('Webhook object selector.', {
    enabled: bool('Filter pods in the webhook object selector.'),
    autoInject: bool('Inject pods without an injection label.'),
  }),
  injectionURL: str('URL of the injection webhook instead of the istiod Service.'),
  templates: strMap('Custom injection templates, by name; the text is executed by istiod.'),
  defaultTemplates: strList('Templates applied when a pod names none (default [sidecar]).'),
  useLegacySelectors: bool('Use the pre-1.10 webhook selectors (deprecated).'),
}));

const accessLogging = (description) => enumOf(['NONE', 'FULL', 'ERRORS_ONLY'], description);
add('TelemetryConfig', obj('Telemetry settings (values.telemetry).', {
  enabled: bool('Render telemetry EnvoyFilters.', { default: true }),
  v2: obj('Telemetry v2 (in-proxy) settings.', {
    enabled: bool('Enable telemetry v2.', { default: true }),
    metadataExchange: obj('Metadata exchange filter.', {
      wasmEnabled: bool('Run the filter as Wasm.', { default: false }),
    }),
    prometheus: obj('Prometheus stats filter.', {
      enabled: bool('Render the stats EnvoyFilters.', { default: true }),
      wasmEnabled: bool('Run the filter as Wasm.', { default: false }),
      configOverride: obj('Stats filter configuration merged over the chart\'s own (maps merge recursively, these values win), per traffic kind.', {
        gateway: freeObj('Merged into the configuration of the gateway stats filters.'),
        inboundSidecar: freeObj('Merged into the configuration of the inbound sidecar stats filters.'),
        outboundSidecar: freeObj('Merged into the configuration of the outbound sidecar stats filters.'),
      }),
    }),
    stackdriver: obj('Stackdriver filter.', {
      enabled: bool('Render the Stackdriver EnvoyFilters.', { default: false }),
      logging: bool('Stackdriver access logging.', { default: false, ...dep('telemetry.v2.stackdriver.outboundAccessLogging and inboundAccessLogging') }),
      monitoring: bool('Stackdriver monitoring.', { default: false }),
      topology: bool('Stackdriver topology (deprecated).', { default: false }),
      disableOutbound: bool('Skip the outbound Stackdriver filter.'),
      configOverride: freeObj('Extra Stackdriver filter configuration.', { default: {} }),
      outboundAccessLogging: accessLogging('Outbound access logging level.'),
      inboundAccessLogging: accessLogging('Inbound access logging level.'),
    }),
    accessLogPolicy: obj('Access log sampling.', {
      enabled: bool('Log only some requests.'),
      logWindowDuration: duration('Window in which a repeated request is logged once (chart default 43200s).'),
    }),
  }),
}));

const legacyAddon = (what) => ({
  type: 'object',
  description: `Removed ${what} addon settings; true enabled is an error.`,
  properties: {
    enabled: bool(`Removed: install ${what}.`, dep('the samples/addons/ deployments')),
  },
  'x-charts': [],
});

const values = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'values.schema.json',
  title: 'Values',
  description: 'Helm values handed to the Istio 1.11 charts (spec.values). Paths are Istio\'s public values API.',
  type: 'object',
  additionalProperties: false,
  properties: {
    cni: ref(d('CNIConfig'), 'Settings of the CNI chart.', { 'x-charts': ['cni'] }),
    gateways: obj('Settings of the ingress and egress gateways; the IstioOperator translation maps them onto the gateway chart\'s own values.', {
      enabled: bool('Whether gateways are enabled (unused by the charts).'),
      'istio-ingressgateway': ref(d('IngressGatewayConfig'), 'Settings shared by all ingress gateways.'),
      'istio-egressgateway': ref(d('EgressGatewayConfig'), 'Settings shared by all egress gateways.'),
    }, { 'x-charts': [] }),
    global: ref(d('GlobalConfig'), 'Settings shared by all charts.', { 'x-charts': ALL_CHARTS }),
    pilot: ref(d('PilotConfig'), 'Settings of istiod (the base chart reads only pilot.enabled).', { 'x-charts': ['base', 'istiod', 'istiod-remote'] }),
    telemetry: ref(d('TelemetryConfig'), 'Telemetry settings.', { 'x-charts': ['istiod', 'istiod-remote'] }),
    sidecarInjectorWebhook: ref(d('SidecarInjectorConfig'), 'Sidecar injector settings.', { 'x-charts': ['istiod', 'istiod-remote'] }),
    istio_cni: ref(d('CNIConfig'), 'How injection cooperates with CNI: enabled (set from components.cni.enabled) and chained.', { 'x-charts': ['istiod', 'istiod-remote'] }),
    revision: str('Control plane revision. istiod and istiod-remote suffix their names with -<revision>; every chart sets the istio.io/rev label to it ("default" when empty). A DNS-1123 label of at most 56 characters, so that istiod-<revision> is one too.', {
      'x-charts': ['istiod', 'istiod-remote', 'cni'],
      pattern: '^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$',
      maxLength: 56,
    }),
    ownerName: str('Name of the IstioOperator that owns the resources (set by the operator); the install.operator.istio.io/owning-resource label, "unknown" when empty.', { 'x-charts': ['base', 'istiod', 'istiod-remote', 'cni'] }),
    meshConfig: ref(mesh('MeshConfig'), 'Mesh configuration merged over the chart\'s base mesh config (prefer spec.meshConfig).', { 'x-charts': ['istiod', 'istiod-remote'] }),
    base: obj('Settings of the base chart.', {
      enableCRDTemplates: bool('Accepted for compatibility and ignored: the base chart always renders the CRDs as templates, so upgrades update them.', { default: false }),
      validationURL: str('URL of the validation webhook (e.g. https://<istiod>:15017/validate) instead of the istiod Service.', { default: '' }),
      enableIstioConfigCRDs: bool('Install the Istio configuration CRDs (networking, security, telemetry); the IstioOperator CRD is always installed (chart default true).'),
    }, { 'x-charts': ['base', 'istiod', 'istiod-remote'] }),
    defaultRevision: str('Revision whose istiod validates Istio resources without an istio.io/rev label; non-empty renders the ValidatingWebhookConfiguration istiod-default-validator in the base chart ("default" is the revision-less istiod; chart default "").', { 'x-charts': ['base'] }),
    istiodRemote: obj('Where the injection webhooks reach istiod (istiod and istiod-remote charts).', {
      injectionURL: str('Full URL of the injection endpoint (e.g. https://<istiod address>:15017/inject); when set the webhooks call it instead of the istiod Service.', { default: '' }),
      injectionPath: str('Path of the injection endpoint on the Service istiod[-<revision>] of the release namespace, port 443 (chart default /inject).', { pattern: '^/' }),
    }, { 'x-charts': ['istiod', 'istiod-remote'] }),
    revisionTags: strList('Revision tags pointing at this revision: one MutatingWebhookConfiguration istio-revision-tag-<tag> each, injecting namespaces and pods labelled istio.io/rev=<tag>; the tag "default" also takes istio-injection=enabled and sidecar.istio.io/inject=true. A tag is a DNS label (it becomes a label value and part of a name).', {
      'x-charts': ['istiod', 'istiod-remote'],
      items: { type: 'string', pattern: '^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$' },
      uniqueItems: true,
    }),
    grafana: legacyAddon('Grafana'),
    kiali: legacyAddon('Kiali'),
    prometheus: legacyAddon('Prometheus'),
    tracing: legacyAddon('tracing (Jaeger/Zipkin)'),
    istiocoredns: {
      type: 'object',
      description: 'Removed istiocoredns addon settings.',
      properties: {
        enabled: bool('Removed: install istiocoredns.', dep('in-proxy DNS capture (meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE="true")')),
      },
      'x-charts': [],
    },
  },
  definitions,
};

export const valuesSchema = values;
