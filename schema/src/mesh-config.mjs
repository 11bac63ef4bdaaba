// MeshConfig and ProxyConfig (istio.mesh.v1alpha1) as Istio 1.11 defines them, with the networking
// types they embed (ClientTLSSettings, TcpKeepalive, LocalityLoadBalancerSetting, HTTPRetry).
import { obj, str, bool, num, int, uint, enumOf, strList, strMap, list, mapOf, ref, def, DURATION_PATTERN } from './dsl.mjs';

const d = (name) => `#/definitions/${name}`;
const k8s = (name) => `k8s.schema.json#/definitions/${name}`;
const dur = (description, extra) => ref(d('Duration'), description, extra);

const definitions = {};
function add(name, node) {
  definitions[name] = def(name, node);
}

add('Duration', {
  description: 'A duration in Go syntax: a sequence of numbers with units ns, us, ms, s, m, h, e.g. "10s", "1m30s", "0".',
  type: 'string',
  pattern: DURATION_PATTERN,
});

// ---- networking.v1alpha3 types used by mesh config ----
add('ClientTLSSettings', obj('TLS settings for a connection the proxy or istiod originates.', {
  mode: enumOf(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL'], 'TLS mode.'),
  clientCertificate: str('Client certificate file (MUTUAL).'),
  privateKey: str('Client private key file (MUTUAL).'),
  caCertificates: str('CA bundle file used to verify the server.'),
  credentialName: str('Secret holding the client certificate and key (gateways only).'),
  subjectAltNames: strList('Accepted subject alternative names of the server certificate.'),
  sni: str('SNI to present in the handshake.'),
}));
add('TcpKeepalive', obj('TCP keepalive settings (SO_KEEPALIVE).', {
  probes: uint('Unanswered probes before the connection is dropped.'),
  time: dur('Idle time before probes start.'),
  interval: dur('Time between probes.'),
}));
add('LocalityLoadBalancerSetting', obj('Locality-weighted load balancing or failover.', {
  distribute: list(obj('Traffic distribution from one locality.', {
    from: str('Originating locality, region/zone/sub_zone, may end in *.'),
    to: mapOf({ type: 'integer', minimum: 0 }, 'Destination localities and their weights (percent, summing to 100).'),
  }), 'Explicit traffic distribution rules.'),
  failover: list(obj('Where traffic goes when a region has no healthy endpoints.', {
    from: str('Originating region.'),
    to: str('Region to fail over to.'),
  }), 'Region failover rules.'),
  enabled: bool('Whether locality load balancing is on (default on when outlier detection is set).'),
}));
add('HTTPRetry', obj('Default retry policy for HTTP requests.', {
  attempts: int('Number of retries.', { minimum: 0 }),
  perTryTimeout: dur('Timeout of each attempt.'),
  retryOn: str('Comma-separated retry conditions, e.g. connect-failure,refused-stream,503.'),
  retryRemoteLocalities: bool('Whether retries may go to other localities.'),
}));

// ---- ProxyConfig ----
add('RemoteService', obj('Address of a remote gRPC service the proxy reports to.', {
  address: str('host:port of the service.'),
  tlsSettings: ref(d('ClientTLSSettings'), 'TLS settings of the connection.'),
  tcpKeepalive: ref(d('TcpKeepalive'), 'TCP keepalive of the connection.'),
}));
add('Tracing', obj('Tracer used by the proxy; set one of the tracer fields.', {
  zipkin: obj('Zipkin tracer.', { address: str('host:port of the Zipkin collector.') }),
  lightstep: obj('Lightstep tracer.', {
    address: str('host:port of the Lightstep satellite pool.'),
    accessToken: str('Lightstep access token.'),
  }),
  datadog: obj('Datadog tracer.', { address: str('host:port of the Datadog agent.') }),
  stackdriver: obj('Stackdriver tracer.', {
    debug: bool('Log trace spans to stdout.'),
    maxNumberOfAttributes: int('Maximum attributes per span.', { minimum: 0 }),
    maxNumberOfAnnotations: int('Maximum annotations per span.', { minimum: 0 }),
    maxNumberOfMessageEvents: int('Maximum message events per span.', { minimum: 0 }),
  }),
  openCensusAgent: obj('OpenCensus agent tracer.', {
    address: str('gRPC address of the agent, e.g. dns://authority/host:port.'),
    context: list(enumOf(['UNSPECIFIED', 'W3C_TRACE_CONTEXT', 'GRPC_BIN', 'CLOUD_TRACE_CONTEXT', 'B3'], 'A context header format.'), 'Trace context propagation formats.'),
  }),
  customTags: mapOf(obj('How the value of a custom tag is obtained; set one field.', {
    literal: obj('A fixed value.', { value: str('The value.') }),
    environment: obj('An environment variable of the proxy.', {
      name: str('Variable name.'),
      defaultValue: str('Value when the variable is unset.'),
    }),
    header: obj('A request header.', {
      name: str('Header name.'),
      defaultValue: str('Value when the header is absent.'),
    }),
  }), 'Custom tags added to every span, by tag name.'),
  maxPathTagLength: uint('Maximum length of the request path tag (default 256).'),
  sampling: num('Percentage of requests traced, 0.0-100.0.', { minimum: 0, maximum: 100 }),
  tlsSettings: ref(d('ClientTLSSettings'), 'TLS settings for the tracing backend.'),
}));
add('Topology', obj('Network topology in front of a gateway.', {
  numTrustedProxies: uint('Trusted proxies in front of the gateway (X-Forwarded-For hops).'),
  forwardClientCertDetails: enumOf(['UNDEFINED', 'SANITIZE', 'FORWARD_ONLY', 'APPEND_FORWARD', 'SANITIZE_SET', 'ALWAYS_FORWARD_ONLY'], 'Handling of the x-forwarded-client-cert header.'),
}));
add('ProxyStatsMatcher', obj('Extra Envoy statistics the proxy keeps.', {
  inclusionPrefixes: strList('Statistic name prefixes to keep.'),
  inclusionSuffixes: strList('Statistic name suffixes to keep.'),
  inclusionRegexps: strList('Statistic name regular expressions to keep.'),
}));
add('ProxyConfig', obj('Settings of every proxy (sidecars and gateways); per pod overridable with the proxy.istio.io/config annotation.', {
  configPath: str('Directory of the generated Envoy configuration.'),
  binaryPath: str('Path of the Envoy binary.'),
  serviceCluster: str('Service cluster name reported by the proxy.'),
  drainDuration: dur('Time Envoy drains connections during a hot restart.'),
  parentShutdownDuration: dur('Time Envoy waits before shutting down the parent during a hot restart.'),
  discoveryAddress: str('host:port of the discovery service (istiod).'),
  statsdUdpAddress: str('Deprecated: address of a statsd UDP listener.'),
  proxyAdminPort: int('Envoy admin port.', { minimum: 0, maximum: 65535 }),
  controlPlaneAuthPolicy: enumOf(['NONE', 'MUTUAL_TLS', 'INHERIT'], 'Authentication between proxy and control plane.'),
  customConfigFile: str('Envoy bootstrap file to use instead of the generated one.'),
  statNameLength: int('Maximum length of statistic names.', { minimum: 0 }),
  concurrency: int('Worker threads; 0 means one per CPU core.', { minimum: 0 }),
  proxyBootstrapTemplatePath: str('Path of the Envoy bootstrap template.'),
  interceptionMode: enumOf(['REDIRECT', 'TPROXY', 'NONE'], 'How inbound traffic is redirected to the proxy.'),
  tracing: {
    description: 'Tracer settings; null (as the gateway charts\' values.yaml writes it) means none.',
    anyOf: [{ $ref: d('Tracing') }, { type: 'null' }],
  },
  envoyAccessLogService: ref(d('RemoteService'), 'Envoy gRPC access log service.'),
  envoyMetricsService: ref(d('RemoteService'), 'Envoy metrics service.'),
  proxyMetadata: strMap('Extra environment variables of the proxy agent; values are strings (quote "true", "1").', { default: {} }),
  statusPort: int('Port of the agent\'s health and readiness endpoint.', { minimum: 0, maximum: 65535 }),
  extraStatTags: strList('Extra tag names usable in Istio metrics.'),
  proxyStatsMatcher: ref(d('ProxyStatsMatcher'), 'Extra Envoy statistics to keep.'),
  terminationDrainDuration: dur('Time the proxy drains connections after it is asked to stop.'),
  meshId: str('Mesh id reported by the proxy.'),
  holdApplicationUntilProxyStarts: bool('Start the application containers only after the proxy is ready.'),
  caCertificatesPem: strList('Extra PEM root certificates the agent trusts for the CA and XDS.'),
  gatewayTopology: ref(d('Topology'), 'Topology in front of a gateway.'),
  runtimeValues: strMap('Envoy runtime flags, by key.'),
}));

// ---- MeshConfig parts ----
add('ConfigSource', obj('A source of configuration for istiod.', {
  address: str('Address of the MCP server, or fs:///dir or k8s:// (the key entries are merged by).'),
  tlsSettings: ref(d('ClientTLSSettings'), 'TLS settings of the connection.'),
  subscribedResources: list(enumOf(['SERVICE_REGISTRY'], 'A resource kind.'), 'Resources taken from this source.'),
}, { required: ['address'] }));
add('Certificate', obj('A DNS certificate istiod provisions.', {
  secretName: str('Secret the certificate and key are stored in.'),
  dnsNames: strList('DNS names of the certificate.'),
}));
add('CertificateData', obj('An extra root certificate for workload-to-workload mTLS; set pem or spiffeBundleUrl.', {
  pem: str('PEM certificate data.'),
  spiffeBundleUrl: str('SPIFFE bundle endpoint URL the certificate is fetched from.'),
  certSigners: strList('Kubernetes signers this trust anchor is used for.'),
}));
add('ExtensionProvider', obj('An extension provider (authorization, tracing, metrics or access logging); set name and one provider field.', {
  name: str('Unique name, referenced by AuthorizationPolicy and Telemetry.'),
  envoyExtAuthzHttp: obj('External authorizer using the Envoy ext_authz HTTP API.', {
    service: str('Authorization service, [<namespace>/]<hostname>.'),
    port: uint('Service port.'),
    timeout: dur('Time to wait for the authorizer.'),
    pathPrefix: str('Prefix added to the request path of the check.'),
    failOpen: bool('Allow requests when the authorizer fails.'),
    statusOnError: str('HTTP status returned when the authorizer is unreachable.'),
    includeHeadersInCheck: strList('Request headers sent to the authorizer (deprecated name).'),
    includeRequestHeadersInCheck: strList('Request headers sent to the authorizer.'),
    includeAdditionalHeadersInCheck: strMap('Extra headers added to the check request.'),
    includeRequestBodyInCheck: ref(d('RequestBody'), 'Send the request body to the authorizer.'),
    headersToUpstreamOnAllow: strList('Authorizer headers forwarded upstream on allow.'),
    headersToDownstreamOnDeny: strList('Authorizer headers returned downstream on deny.'),
    headersToDownstreamOnAllow: strList('Authorizer headers returned downstream on allow.'),
  }),
  envoyExtAuthzGrpc: obj('External authorizer using the Envoy ext_authz gRPC API.', {
    service: str('Authorization service, [<namespace>/]<hostname>.'),
    port: uint('Service port.'),
    timeout: dur('Time to wait for the authorizer.'),
    failOpen: bool('Allow requests when the authorizer fails.'),
    statusOnError: str('HTTP status returned when the authorizer is unreachable.'),
    includeRequestBodyInCheck: ref(d('RequestBody'), 'Send the request body to the authorizer.'),
  }),
  zipkin: obj('Zipkin tracer.', {
    service: str('Collector service.'), port: uint('Collector port.'), maxTagLength: uint('Maximum tag length.'),
  }),
  lightstep: obj('Lightstep tracer.', {
    service: str('Satellite service.'), port: uint('Satellite port.'), accessToken: str('Access token.'), maxTagLength: uint('Maximum tag length.'),
  }),
  datadog: obj('Datadog tracer.', {
    service: str('Agent service.'), port: uint('Agent port.'), maxTagLength: uint('Maximum tag length.'),
  }),
  stackdriver: obj('Stackdriver tracer.', {
    debug: bool('Log spans to stdout.'),
    maxNumberOfAttributes: int('Maximum attributes per span.', { minimum: 0 }),
    maxNumberOfAnnotations: int('Maximum annotations per span.', { minimum: 0 }),
    maxNumberOfMessageEvents: int('Maximum message events per span.', { minimum: 0 }),
    maxTagLength: uint('Maximum tag length.'),
  }),
  opencensus: obj('OpenCensus agent tracer.', {
    service: str('Agent service.'), port: uint('Agent port.'), maxTagLength: uint('Maximum tag length.'),
    context: list(enumOf(['UNSPECIFIED', 'W3C_TRACE_CONTEXT', 'GRPC_BIN', 'CLOUD_TRACE_CONTEXT', 'B3'], 'A context header format.'), 'Trace context propagation formats.'),
  }),
  skywalking: obj('Apache SkyWalking tracer.', {
    service: str('Collector service.'), port: uint('Collector port.'), accessToken: str('Access token.'),
  }),
  prometheus: obj('Prometheus metrics provider (no settings).', {}),
  envoyFileAccessLog: obj('Envoy file access log.', {
    path: str('Log file path, e.g. /dev/stdout.'),
    logFormat: obj('Log line format; set text or labels.', {
      text: str('Text format string.'),
      labels: strMap('JSON log fields and their format strings.'),
    }),
  }),
}, { required: ['name'] }));
add('RequestBody', obj('How the request body is sent to an external authorizer.', {
  maxRequestBytes: uint('Maximum body bytes buffered.'),
  allowPartialMessage: bool('Send a partial body when the limit is reached.'),
  packAsBytes: bool('Send the body as raw bytes (gRPC only).'),
}));

add('MeshConfig', obj('Mesh-wide settings read by istiod and the proxies (istio.mesh.v1alpha1.MeshConfig, Istio 1.11).', {
  proxyListenPort: int('Port the proxy listens on for outbound traffic (default 15001).', { minimum: 0, maximum: 65535 }),
  proxyHttpPort: int('Port for HTTP PROXY requests, if set.', { minimum: 0, maximum: 65535 }),
  connectTimeout: dur('Connection timeout of the proxy (default 10s).'),
  protocolDetectionTimeout: dur('Time the proxy waits for the first bytes when sniffing the protocol (0s disables).'),
  tcpKeepalive: ref(d('TcpKeepalive'), 'TCP keepalive for upstream connections.'),
  ingressClass: str('Ingress class (kubernetes.io/ingress.class) handled by Istio.'),
  ingressService: str('Service of the ingress controller (default istio-ingressgateway).'),
  ingressControllerMode: enumOf(['UNSPECIFIED', 'OFF', 'DEFAULT', 'STRICT'], 'Which Ingress resources Istio handles (default STRICT).'),
  ingressSelector: str('Gateway selector (istio: <value>) used for Ingress resources.'),
  enableTracing: bool('Generate trace spans and request ids.'),
  accessLogFile: str('Proxy access log file, e.g. /dev/stdout; empty disables access logs.'),
  accessLogFormat: str('Access log format; empty uses the proxy default.'),
  accessLogEncoding: enumOf(['TEXT', 'JSON'], 'Access log encoding.'),
  enableEnvoyAccessLogService: bool('Send access logs to the Envoy gRPC access log service.'),
  disableEnvoyListenerLog: bool('Turn off the listener access log for NoRoute responses.'),
  defaultConfig: ref(d('ProxyConfig'), 'Default settings of every proxy.'),
  outboundTrafficPolicy: obj('Default handling of outbound traffic to unknown destinations.', {
    mode: enumOf(['REGISTRY_ONLY', 'ALLOW_ANY'], 'ALLOW_ANY passes unknown traffic; REGISTRY_ONLY blocks it.'),
  }),
  configSources: list(ref(d('ConfigSource'), 'A source.'), 'Configuration sources of istiod (merged by address).'),
  enableAutoMtls: bool('Use mTLS automatically where the server supports it (default true).'),
  trustDomain: str('Trust domain of the mesh (default cluster.local).'),
  trustDomainAliases: strList('Trust domains treated as equal to trustDomain.'),
  caCertificates: list(ref(d('CertificateData'), 'A root certificate.'), 'Extra root certificates for workload mTLS.'),
  defaultServiceExportTo: strList('Default exportTo of services: namespaces, "*" (all), "." (own) or "~" (none).'),
  defaultVirtualServiceExportTo: strList('Default exportTo of VirtualServices.'),
  defaultDestinationRuleExportTo: strList('Default exportTo of DestinationRules.'),
  rootNamespace: {
    description: 'Namespace whose configuration applies to all namespaces; empty or null (the istiod chart default) means the istiod namespace.',
    anyOf: [{ type: 'string' }, { type: 'null' }],
  },
  localityLbSetting: ref(d('LocalityLoadBalancerSetting'), 'Mesh-wide locality load balancing.'),
  dnsRefreshRate: dur('Refresh rate of DNS-resolved clusters (default 60s).'),
  h2UpgradePolicy: enumOf(['DO_NOT_UPGRADE', 'UPGRADE'], 'Whether HTTP/1.1 connections are upgraded to HTTP/2 by default.'),
  inboundClusterStatName: str('Statistic name pattern of inbound clusters.'),
  outboundClusterStatName: str('Statistic name pattern of outbound clusters.'),
  certificates: list(ref(d('Certificate'), 'A certificate.'), 'DNS certificates istiod provisions (merged by secretName).'),
  thriftConfig: obj('Thrift settings.', {
    rateLimitUrl: str('Rate limit service URL.'),
    rateLimitTimeout: dur('Rate limit service timeout.'),
  }),
  serviceSettings: list(obj('Settings for a set of services.', {
    settings: obj('The settings.', { clusterLocal: bool('Keep traffic to these services within the cluster.') }),
    hosts: strList('Service host names the settings apply to; may start with *.'),
  }), 'Per-service settings.'),
  enablePrometheusMerge: bool('Merge application metrics into the agent\'s Prometheus endpoint.', { default: true }),
  verifyCertificateAtClient: bool('Verify server certificates of SIMPLE and MUTUAL TLS origination by default.'),
  ca: obj('External CA istiod forwards certificate requests to.', {
    address: str('Address of the CA.'),
    tlsSettings: ref(d('ClientTLSSettings'), 'TLS settings of the connection.'),
    requestTimeout: dur('Timeout of a signing request.'),
    istiodSide: bool('Whether the CA is used by istiod (true) or by the agents.'),
  }),
  extensionProviders: list(ref(d('ExtensionProvider'), 'A provider.'), 'Extension providers (merged by name).'),
  defaultProviders: obj('Providers used when a resource names none.', {
    tracing: strList('Default tracing providers.'),
    metrics: strList('Default metrics providers.'),
    accessLogging: strList('Default access logging providers.'),
  }),
  discoverySelectors: list(ref(k8s('LabelSelector'), 'A namespace selector.'), 'Namespaces istiod watches; all when empty.'),
  pathNormalization: obj('Normalization of request paths before policy checks.', {
    normalization: enumOf(['DEFAULT', 'NONE', 'BASE', 'MERGE_SLASHES', 'DECODE_AND_MERGE_SLASHES'], 'Normalization level.'),
  }),
  defaultHttpRetryPolicy: ref(d('HTTPRetry'), 'Retry policy for routes without one.'),
}));

export const meshConfigSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'mesh-config.schema.json',
  title: 'MeshConfigTypes',
  description: 'MeshConfig and ProxyConfig of Istio 1.11 (istio.mesh.v1alpha1).',
  definitions,
};
