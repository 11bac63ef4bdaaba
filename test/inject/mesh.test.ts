/**
 * istiod 1.11's mesh config handling: the defaults, ApplyMeshConfig (top-level keys replace,
 * defaultConfig applied over the default ProxyConfig, proxyMetadata merged), the
 * proxy.istio.io/config annotation, and errors on bad input.
 */
import { describe, expect, it } from 'vitest';
import {
  applyMeshConfig,
  applyProxyConfig,
  defaultMeshConfig,
  defaultProxyConfig,
  formatProtoDuration,
  meshConfigFromYaml,
  parseGoDuration,
  proxyConfigFromAnnotation,
} from '../../src/inject/mesh.js';

describe('defaults (1.11 DefaultMeshConfig / DefaultProxyConfig)', () => {
  it('proxy config', () => {
    const pc = defaultProxyConfig();
    expect(pc).toMatchObject({
      configPath: './etc/istio/proxy',
      binaryPath: '/usr/local/bin/envoy',
      serviceCluster: 'istio-proxy',
      drainDuration: '45s',
      parentShutdownDuration: '60s',
      terminationDrainDuration: '5s',
      discoveryAddress: 'istiod.istio-system.svc:15012',
      proxyAdminPort: 15000,
      statusPort: 15020,
      statNameLength: 189,
      concurrency: 2,
      controlPlaneAuthPolicy: 'MUTUAL_TLS',
      tracing: { zipkin: { address: 'zipkin.istio-system:9411' } },
    });
    expect(pc.interceptionMode).toBeUndefined(); // REDIRECT is the enum's zero value
  });
  it('mesh config', () => {
    const mc = defaultMeshConfig();
    expect(mc).toMatchObject({
      trustDomain: 'cluster.local',
      rootNamespace: 'istio-system',
      enablePrometheusMerge: true,
      enableAutoMtls: true,
      ingressService: 'istio-ingressgateway',
      ingressClass: 'istio',
      ingressControllerMode: 'STRICT',
      proxyListenPort: 15001,
      connectTimeout: '10s',
      outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
    });
    expect(mc.defaultConfig).toEqual(defaultProxyConfig());
  });
  it('fresh objects on every call', () => {
    const a = defaultMeshConfig();
    (a.defaultConfig as Record<string, unknown>).statusPort = 1;
    expect((defaultMeshConfig().defaultConfig as Record<string, unknown>).statusPort).toBe(15020);
  });
});

describe('durations', () => {
  it('parses Go durations', () => {
    expect(parseGoDuration('45s')).toBe(45_000_000_000n);
    expect(parseGoDuration('1m30s')).toBe(90_000_000_000n);
    expect(parseGoDuration('1.5s')).toBe(1_500_000_000n);
    expect(parseGoDuration('100ms')).toBe(100_000_000n);
    expect(parseGoDuration('0')).toBe(0n);
    expect(parseGoDuration('-2h')).toBe(-7_200_000_000_000n);
    expect(parseGoDuration('5')).toBeNull();
    expect(parseGoDuration('')).toBeNull();
    expect(parseGoDuration('1x')).toBeNull();
  });
  it('prints protobuf JSON durations (0, 3, 6 or 9 fraction digits)', () => {
    expect(formatProtoDuration(45_000_000_000n)).toBe('45s');
    expect(formatProtoDuration(1_500_000_000n)).toBe('1.500s');
    expect(formatProtoDuration(1_000_001n)).toBe('0.001000001s');
    expect(formatProtoDuration(0n)).toBe('0s');
    expect(formatProtoDuration(-90_000_000_000n)).toBe('-90s');
  });
});

describe('meshConfigFromYaml', () => {
  it('top-level keys replace the defaults; defaultConfig is merged over the default ProxyConfig', () => {
    const r = meshConfigFromYaml(
      ['trustDomain: example.org', 'outboundTrafficPolicy:', '  mode: REGISTRY_ONLY', 'defaultConfig:', '  discoveryAddress: istiod-canary.istio-system.svc:15012', '  proxyMetadata:', '    A: "1"', '  drainDuration: 1m'].join('\n'),
      'mesh.yaml',
    );
    expect(r.success).toBe(true);
    if (!r.success) return;
    expect(r.meshConfig.trustDomain).toBe('example.org');
    expect(r.meshConfig.rootNamespace).toBe('istio-system');
    expect(r.meshConfig.outboundTrafficPolicy).toEqual({ mode: 'REGISTRY_ONLY' });
    const pc = r.meshConfig.defaultConfig as Record<string, unknown>;
    expect(pc.discoveryAddress).toBe('istiod-canary.istio-system.svc:15012');
    expect(pc.drainDuration).toBe('60s'); // normalized to protobuf JSON
    expect(pc.statusPort).toBe(15020); // default kept
    expect(pc.proxyMetadata).toEqual({ A: '1' });
  });
  it('a nested message is replaced, not merged (jsonpb into an existing message)', () => {
    const r = meshConfigFromYaml('defaultConfig:\n  tracing:\n    sampling: 10\n', 'mesh.yaml');
    expect(r.success && (r.meshConfig.defaultConfig as Record<string, unknown>).tracing).toEqual({ sampling: 10 });
  });
  it('empty input gives the defaults', () => {
    const r = meshConfigFromYaml('', 'mesh.yaml');
    expect(r.success && r.meshConfig).toEqual(defaultMeshConfig());
  });
  it('unknown fields are errors with file and line, and a suggestion', () => {
    const r = meshConfigFromYaml('trustDomain: a\ndefaultConfig:\n  statusport: 1\nbogus: 2\n', 'mesh.yaml');
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => [i.code, i.path, i.source?.line, i.message])).toEqual([
      ['mesh-config-unknown-field', 'defaultConfig.statusport', 3, 'unknown field "statusport" in v1alpha1.ProxyConfig'],
      ['mesh-config-unknown-field', 'bogus', 4, 'unknown field "bogus" in v1alpha1.MeshConfig'],
    ]);
    expect(r.issues[0].suggestion).toBe('did you mean "statusPort"?');
    expect(r.issues[0].source?.file).toBe('mesh.yaml');
  });
  it('wrong types and bad enum values are errors', () => {
    const r = meshConfigFromYaml('enableTracing: "yes"\ningressControllerMode: SOMETIMES\nconnectTimeout: soon\ndefaultConfig:\n  statusPort: abc\n', 'm.yaml');
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => i.path)).toEqual(['enableTracing', 'ingressControllerMode', 'connectTimeout', 'defaultConfig.statusPort']);
    expect(r.issues[0].message).toContain('expected a boolean');
    expect(r.issues[1].message).toContain('one of UNSPECIFIED, OFF, DEFAULT, STRICT');
    expect(r.issues[2].message).toContain('bad Duration');
  });
  it('not a map, and YAML syntax errors', () => {
    const a = meshConfigFromYaml('- a\n- b\n', 'm.yaml');
    expect(!a.success && a.issues[0].message).toContain('expected a map');
    const b = meshConfigFromYaml('a: [\n', 'm.yaml');
    expect(!b.success && b.issues[0].code).toBe('mesh-config-parse');
    expect(!b.success && b.issues[0].source?.file).toBe('m.yaml');
  });
  it('keys like __proto__ are data', () => {
    const r = meshConfigFromYaml('__proto__:\n  polluted: true\n', 'm.yaml');
    expect(r.success).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
  it('enum numbers are accepted and held by name', () => {
    const r = meshConfigFromYaml('defaultConfig:\n  interceptionMode: 1\n', 'm.yaml');
    expect(r.success && (r.meshConfig.defaultConfig as Record<string, unknown>).interceptionMode).toBe('TPROXY');
  });
});

describe('applyProxyConfig / the proxy.istio.io/config annotation', () => {
  it('keys replace; proxyMetadata merges; inputs unchanged', () => {
    const base = { ...defaultProxyConfig(), proxyMetadata: { A: '1', B: '2' } };
    const out = applyProxyConfig(base, { proxyMetadata: { B: '3' }, statusPort: 15021 });
    expect(out.proxyMetadata).toEqual({ A: '1', B: '3' });
    expect(out.statusPort).toBe(15021);
    expect(base.proxyMetadata).toEqual({ A: '1', B: '2' });
  });
  it('annotation YAML or JSON over the mesh defaultConfig', () => {
    const base = defaultProxyConfig();
    const y = proxyConfigFromAnnotation(base, 'holdApplicationUntilProxyStarts: true\nterminationDrainDuration: 30s');
    expect(y.success && y.proxyConfig).toMatchObject({ holdApplicationUntilProxyStarts: true, terminationDrainDuration: '30s', statusPort: 15020 });
    const j = proxyConfigFromAnnotation(base, '{"concurrency": 4}');
    expect(j.success && j.proxyConfig.concurrency).toBe(4);
  });
  it('null keeps the existing value (jsonpb treats null as not set)', () => {
    const r = proxyConfigFromAnnotation(defaultProxyConfig(), 'concurrency: null');
    expect(r.success && r.proxyConfig.concurrency).toBe(2);
  });
  it('bad annotation: inject-proxy-config issue', () => {
    const r = proxyConfigFromAnnotation(defaultProxyConfig(), 'notAField: 1');
    expect(r.success).toBe(false);
    expect(!r.success && r.issues[0]).toMatchObject({ code: 'inject-proxy-config', message: 'could not parse proxy config: unknown field "notAField" in v1alpha1.ProxyConfig' });
  });
  it('applyMeshConfig keeps the given defaults object', () => {
    const d = defaultMeshConfig();
    const out = applyMeshConfig({ rootNamespace: 'x' }, d);
    expect(out.rootNamespace).toBe('x');
    expect(d.rootNamespace).toBe('istio-system');
  });
});

describe('prototype safety', () => {
  it('applyProxyConfig/applyMeshConfig keep __proto__ keys as data', () => {
    const over = JSON.parse('{"__proto__": {"polluted": true}, "statusPort": 1}') as Record<string, unknown>;
    const pc = applyProxyConfig(defaultProxyConfig(), over);
    expect(Object.hasOwn(pc, '__proto__')).toBe(true);
    expect((pc as { polluted?: unknown }).polluted).toBeUndefined();
    const mc = applyMeshConfig(over);
    expect((mc as { polluted?: unknown }).polluted).toBeUndefined();
  });
});
