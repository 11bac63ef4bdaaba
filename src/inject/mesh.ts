/**
 * istiod 1.11's MeshConfig and ProxyConfig as the injector sees them: the defaults istiod starts
 * from (pkg/config/mesh DefaultMeshConfig / DefaultProxyConfig), and how a mesh config YAML and a
 * `proxy.istio.io/config` annotation are applied over them (ApplyMeshConfig / ApplyProxyConfig).
 *
 * Configuration is held as protobuf JSON (what jsonpb prints): lowerCamel field names, durations
 * as `"45s"` strings, enums by name, wrapper types (BoolValue, Int32Value) as plain values. The
 * field tables below give each top-level field's kind and the proto declaration order (the order
 * jsonpb writes fields in).
 *
 * Apply semantics (1.11, gogo jsonpb into an existing message): every top-level key given replaces
 * the default (nested messages are replaced, not merged), except `defaultConfig`, which is applied
 * to the default ProxyConfig the same way, and `proxyMetadata`, whose entries are merged.
 */
import type { Issue } from '../operator/issues.js';
import { YamlError, parseYamlDocument } from '../yaml/index.js';
import { GoInt, type GoValue } from '../gotemplate/value.js';

/** A JSON object (plain data, built with null prototypes or from parsed input). */
export type JsonObject = Record<string, unknown>;

/**
 * Kinds of top-level fields: `s` string, `b` bool, `i32`/`u32` integers, `dur` Duration, `wbool`
 * BoolValue, `wi32` Int32Value, `enum:NAME` an enum of ENUMS, `smap` map<string,string>, `[]s`
 * repeated string, `msg` a message, `[]msg` repeated messages, `proxy` the ProxyConfig.
 */
export type FieldKind = 's' | 'b' | 'i32' | 'u32' | 'dur' | 'wbool' | 'wi32' | `enum:${string}` | 'smap' | '[]s' | 'msg' | '[]msg' | 'proxy';

/** Enum values by name (the first one is the zero value). */
export const ENUMS: Readonly<Record<string, readonly (readonly [string, number])[]>> = {
  AuthenticationPolicy: [
    ['NONE', 0],
    ['MUTUAL_TLS', 1],
    ['INHERIT', 1000],
  ],
  InboundInterceptionMode: [
    ['REDIRECT', 0],
    ['TPROXY', 1],
    ['NONE', 2],
  ],
  IngressControllerMode: [
    ['UNSPECIFIED', 0],
    ['OFF', 1],
    ['DEFAULT', 2],
    ['STRICT', 3],
  ],
  AccessLogEncoding: [
    ['TEXT', 0],
    ['JSON', 1],
  ],
  H2UpgradePolicy: [
    ['DO_NOT_UPGRADE', 0],
    ['UPGRADE', 1],
  ],
};

/** meshconfig.ProxyConfig (istio.io/api 1.11), in proto declaration order. */
export const PROXY_CONFIG_FIELDS: readonly (readonly [string, FieldKind])[] = [
  ['configPath', 's'],
  ['binaryPath', 's'],
  ['serviceCluster', 's'],
  ['drainDuration', 'dur'],
  ['parentShutdownDuration', 'dur'],
  ['discoveryAddress', 's'],
  ['discoveryRefreshDelay', 'dur'],
  ['zipkinAddress', 's'],
  ['connectTimeout', 'dur'],
  ['statsdUdpAddress', 's'],
  ['envoyMetricsServiceAddress', 's'],
  ['proxyAdminPort', 'i32'],
  ['availabilityZone', 's'],
  ['controlPlaneAuthPolicy', 'enum:AuthenticationPolicy'],
  ['customConfigFile', 's'],
  ['statNameLength', 'i32'],
  ['concurrency', 'wi32'],
  ['proxyBootstrapTemplatePath', 's'],
  ['interceptionMode', 'enum:InboundInterceptionMode'],
  ['tracing', 'msg'],
  ['sds', 'msg'],
  ['envoyAccessLogService', 'msg'],
  ['envoyMetricsService', 'msg'],
  ['proxyMetadata', 'smap'],
  ['statusPort', 'i32'],
  ['extraStatTags', '[]s'],
  ['gatewayTopology', 'msg'],
  ['terminationDrainDuration', 'dur'],
  ['meshId', 's'],
  ['readinessProbe', 'msg'],
  ['proxyStatsMatcher', 'msg'],
  ['holdApplicationUntilProxyStarts', 'wbool'],
  ['caCertificatesPem', '[]s'],
];

/** meshconfig.MeshConfig (istio.io/api 1.11), in proto declaration order. */
export const MESH_CONFIG_FIELDS: readonly (readonly [string, FieldKind])[] = [
  ['proxyListenPort', 'i32'],
  ['proxyHttpPort', 'i32'],
  ['connectTimeout', 'dur'],
  ['protocolDetectionTimeout', 'dur'],
  ['tcpKeepalive', 'msg'],
  ['ingressClass', 's'],
  ['ingressService', 's'],
  ['ingressControllerMode', 'enum:IngressControllerMode'],
  ['ingressSelector', 's'],
  ['enableTracing', 'b'],
  ['accessLogFile', 's'],
  ['accessLogFormat', 's'],
  ['accessLogEncoding', 'enum:AccessLogEncoding'],
  ['enableEnvoyAccessLogService', 'b'],
  ['disableEnvoyListenerLog', 'b'],
  ['defaultConfig', 'proxy'],
  ['outboundTrafficPolicy', 'msg'],
  ['configSources', '[]msg'],
  ['enableAutoMtls', 'wbool'],
  ['trustDomain', 's'],
  ['trustDomainAliases', '[]s'],
  ['defaultServiceExportTo', '[]s'],
  ['defaultVirtualServiceExportTo', '[]s'],
  ['defaultDestinationRuleExportTo', '[]s'],
  ['rootNamespace', 's'],
  ['localityLbSetting', 'msg'],
  ['dnsRefreshRate', 'dur'],
  ['h2UpgradePolicy', 'enum:H2UpgradePolicy'],
  ['inboundClusterStatName', 's'],
  ['outboundClusterStatName', 's'],
  ['certificates', '[]msg'],
  ['serviceSettings', '[]msg'],
  ['enablePrometheusMerge', 'wbool'],
  ['verifyCertificateAtClient', 'wbool'],
  ['ca', 'msg'],
  ['extensionProviders', '[]msg'],
  ['defaultProviders', 'msg'],
  ['discoverySelectors', '[]msg'],
  ['pathNormalization', 'msg'],
  ['defaultHttpRetryPolicy', 'msg'],
  ['thriftConfig', 'msg'],
  ['sdsUdsPath', 's'],
  ['enableSdsTokenMount', 'b'],
];

/** istiod 1.11 DefaultProxyConfig(), as protobuf JSON. */
export function defaultProxyConfig(): JsonObject {
  return {
    configPath: './etc/istio/proxy',
    binaryPath: '/usr/local/bin/envoy',
    serviceCluster: 'istio-proxy',
    drainDuration: '45s',
    parentShutdownDuration: '60s',
    discoveryAddress: 'istiod.istio-system.svc:15012',
    proxyAdminPort: 15000,
    controlPlaneAuthPolicy: 'MUTUAL_TLS',
    statNameLength: 189,
    concurrency: 2,
    tracing: { zipkin: { address: 'zipkin.istio-system:9411' } },
    statusPort: 15020,
    terminationDrainDuration: '5s',
  };
}

/** istiod 1.11 DefaultMeshConfig(), as protobuf JSON. */
export function defaultMeshConfig(): JsonObject {
  return {
    proxyListenPort: 15001,
    connectTimeout: '10s',
    protocolDetectionTimeout: '0s',
    ingressClass: 'istio',
    ingressService: 'istio-ingressgateway',
    ingressControllerMode: 'STRICT',
    enableTracing: true,
    accessLogEncoding: 'TEXT',
    defaultConfig: defaultProxyConfig(),
    outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
    enableAutoMtls: true,
    trustDomain: 'cluster.local',
    trustDomainAliases: [],
    defaultServiceExportTo: ['*'],
    defaultVirtualServiceExportTo: ['*'],
    defaultDestinationRuleExportTo: ['*'],
    rootNamespace: 'istio-system',
    localityLbSetting: { enabled: true },
    dnsRefreshRate: '5s',
    certificates: [],
    serviceSettings: [],
    enablePrometheusMerge: true,
    thriftConfig: {},
  };
}

// ---------------------------------------------------------------------------------------------
// Durations

const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1000n,
  'µs': 1000n,
  'μs': 1000n,
  ms: 1000000n,
  s: 1000000000n,
  m: 60000000000n,
  h: 3600000000000n,
};

/** Go's time.ParseDuration (what gogo jsonpb accepts for a Duration): nanoseconds, or null. */
export function parseGoDuration(s: string): bigint | null {
  let rest = s;
  let neg = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    neg = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') return null;
  let total = 0n;
  while (rest !== '') {
    const m = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/.exec(rest);
    if (!m || (m[1] === '' && (m[2] === undefined || m[2] === ''))) return null;
    const unit = UNIT_NANOS[m[3]];
    const whole = m[1] === '' ? 0n : BigInt(m[1]);
    let frac = 0n;
    if (m[2] !== undefined && m[2] !== '') {
      const digits = m[2].slice(0, 18);
      frac = (BigInt(digits) * unit) / 10n ** BigInt(digits.length);
    }
    total += whole * unit + frac;
    rest = rest.slice(m[0].length);
  }
  if (total > 9223372036854775807n) return null;
  return neg ? -total : total;
}

/** A Duration as protobuf JSON writes it: seconds with 0, 3, 6 or 9 fractional digits and `s`. */
export function formatProtoDuration(nanos: bigint): string {
  const neg = nanos < 0n;
  const abs = neg ? -nanos : nanos;
  const secs = abs / 1000000000n;
  const frac = (abs % 1000000000n).toString().padStart(9, '0');
  let x = secs.toString() + '.' + frac;
  for (const suffix of ['000', '000', '.000']) if (x.endsWith(suffix)) x = x.slice(0, -suffix.length);
  return (neg ? '-' : '') + x + 's';
}

// ---------------------------------------------------------------------------------------------
// Checking and normalizing user input

interface Ctx {
  readonly issues: Issue[];
  readonly file: string;
  readonly lineOf?: (path: string) => number | undefined;
}

function fail(ctx: Ctx, path: string, message: string, code = 'mesh-config-invalid'): void {
  const line = ctx.lineOf?.(path);
  ctx.issues.push({ severity: 'error', code, path, message, ...(line !== undefined ? { source: { file: ctx.file, line, column: 1 } } : {}) });
}

function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindText(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** One field's value normalized to protobuf JSON, or undefined (an issue was recorded). */
function normalizeField(kind: FieldKind, v: unknown, path: string, ctx: Ctx, typeName: string): unknown {
  if (v === null) return null;
  switch (kind) {
    case 's':
      if (typeof v === 'string') return v;
      break;
    case 'b':
    case 'wbool':
      if (typeof v === 'boolean') return v;
      break;
    case 'i32':
    case 'u32':
    case 'wi32': {
      const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
      if (typeof n === 'number' && Number.isInteger(n)) {
        const ok = kind === 'u32' ? n >= 0 && n <= 0xffffffff : n >= -0x80000000 && n <= 0x7fffffff;
        if (ok) return n;
        fail(ctx, path, `value ${n} out of range for ${kind === 'u32' ? 'uint32' : 'int32'}`);
        return undefined;
      }
      break;
    }
    case 'dur': {
      if (typeof v === 'string') {
        const d = parseGoDuration(v);
        if (d !== null) return formatProtoDuration(d);
        fail(ctx, path, `bad Duration: time: invalid duration ${JSON.stringify(v)}`);
        return undefined;
      }
      break;
    }
    case 'smap':
      if (isObject(v)) {
        const out: Record<string, string> = Object.create(null) as Record<string, string>;
        for (const [k, x] of Object.entries(v)) {
          if (typeof x !== 'string') {
            fail(ctx, `${path}.${k}`, `expected a string, got ${kindText(x)}`);
            continue;
          }
          out[k] = x;
        }
        return out;
      }
      break;
    case '[]s':
      if (Array.isArray(v)) {
        v.forEach((x, i) => {
          if (typeof x !== 'string') fail(ctx, `${path}[${i}]`, `expected a string, got ${kindText(x)}`);
        });
        return [...(v as unknown[])];
      }
      break;
    case 'msg':
      if (isObject(v)) return v;
      break;
    case '[]msg':
      if (Array.isArray(v)) {
        v.forEach((x, i) => {
          if (!isObject(x)) fail(ctx, `${path}[${i}]`, `expected a map, got ${kindText(x)}`);
        });
        return v;
      }
      break;
    case 'proxy':
      if (isObject(v)) return checkFields(v, PROXY_CONFIG_FIELDS, path, ctx, 'v1alpha1.ProxyConfig');
      break;
    default: {
      const values = ENUMS[kind.slice(5)] ?? [];
      if (typeof v === 'string') {
        if (values.some(([name]) => name === v)) return v;
        fail(ctx, path, `unknown value ${JSON.stringify(v)} for enum ${typeName}.${kind.slice(5)} (one of ${values.map(([n]) => n).join(', ')})`);
        return undefined;
      }
      if (typeof v === 'number') {
        const hit = values.find(([, n]) => n === v);
        if (hit) return hit[0];
      }
      fail(ctx, path, `unknown value ${kindText(v)} for enum ${kind.slice(5)} (one of ${values.map(([n]) => n).join(', ')})`);
      return undefined;
    }
  }
  const want: Record<string, string> = { s: 'a string', b: 'a boolean', wbool: 'a boolean', i32: 'an integer', u32: 'an integer', wi32: 'an integer', dur: 'a duration string such as "5s"', smap: 'a map of strings', '[]s': 'a list of strings', msg: 'a map', '[]msg': 'a list of maps', proxy: 'a map' };
  fail(ctx, path, `expected ${want[kind] ?? 'a value'}, got ${kindText(v)}`);
  return undefined;
}

/** Checks the keys of a MeshConfig or ProxyConfig object; returns a normalized copy (bad fields left out). */
function checkFields(obj: JsonObject, fields: readonly (readonly [string, FieldKind])[], base: string, ctx: Ctx, typeName: string): JsonObject {
  const out: JsonObject = {};
  const kinds = new Map(fields.map(([n, k]) => [n, k]));
  for (const [k, v] of Object.entries(obj)) {
    const path = base === '' ? k : `${base}.${k}`;
    const kind = kinds.get(k);
    if (kind === undefined) {
      const hint = [...kinds.keys()].find((n) => n.toLowerCase() === k.toLowerCase().replace(/_/g, ''));
      ctx.issues.push({
        severity: 'error',
        code: 'mesh-config-unknown-field',
        path,
        message: `unknown field ${JSON.stringify(k)} in ${typeName}`,
        ...(hint ? { suggestion: `did you mean "${hint}"?` } : {}),
        ...(ctx.lineOf?.(path) !== undefined ? { source: { file: ctx.file, line: ctx.lineOf(path) as number, column: 1 } } : {}),
      });
      continue;
    }
    const n = normalizeField(kind, v, path, ctx, typeName);
    if (n !== undefined && n !== null) setOwn(out, k, n);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Applying

function mergeMetadata(base: unknown, over: unknown): unknown {
  if (!isObject(base)) return over;
  if (!isObject(over)) return base;
  return { ...base, ...over };
}

/** Sets an own property (a key like `__proto__` stays data). */
function setOwn(o: JsonObject, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

/** ApplyProxyConfig: `over`'s keys replace `base`'s, proxyMetadata entries are merged. Inputs are not changed. */
export function applyProxyConfig(base: JsonObject, over: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(over)) setOwn(out, k, k === 'proxyMetadata' ? mergeMetadata(base[k], v) : v);
  return out;
}

/** ApplyMeshConfig over the 1.11 defaults (input already checked): keys replace, defaultConfig is applied to the default ProxyConfig. */
export function applyMeshConfig(over: JsonObject, defaults: JsonObject = defaultMeshConfig()): JsonObject {
  const out: JsonObject = { ...defaults };
  for (const [k, v] of Object.entries(over)) {
    if (k === 'defaultConfig') continue;
    setOwn(out, k, v);
  }
  const basePc = isObject(defaults.defaultConfig) ? defaults.defaultConfig : defaultProxyConfig();
  out.defaultConfig = isObject(over.defaultConfig) ? applyProxyConfig(basePc, over.defaultConfig) : basePc;
  return out;
}

/** Issues sorted by line (the parsed map's key order is not the document's). */
function inDocumentOrder(issues: Issue[]): Issue[] {
  return issues.map((i, n) => [i, n] as const).sort((a, b) => (a[0].source?.line ?? Infinity) - (b[0].source?.line ?? Infinity) || a[1] - b[1]).map(([i]) => i);
}

export type MeshConfigResult = { success: true; meshConfig: JsonObject } | { success: false; issues: Issue[] };
export type ProxyConfigResult = { success: true; proxyConfig: JsonObject } | { success: false; issues: Issue[] };

/** Go value from the YAML loader -> plain JSON (Maps -> objects with no prototype keys leaking). */
export function goToJson(v: GoValue | undefined): unknown {
  if (v === undefined || v === null) return null;
  if (v instanceof Map) {
    const o: JsonObject = {};
    for (const [k, x] of v) Object.defineProperty(o, k, { value: goToJson(x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (Array.isArray(v)) return v.map(goToJson);
  if (v instanceof GoInt) return v.toNumber();
  if (typeof v === 'object') return null;
  return v;
}

/** Line of a dotted key path in simple block YAML (best effort, for messages). */
export function yamlLineFinder(text: string): (path: string) => number | undefined {
  const lines = text.split('\n');
  return (path) => {
    const parts = path.replace(/\[\d+\]/g, '').split('.');
    let from = 0;
    let indent = -1;
    let found: number | undefined;
    for (const part of parts) {
      found = undefined;
      for (let i = from; i < lines.length; i++) {
        const m = /^(\s*)(?:- )?(["']?)([^:"']+)\2\s*:/.exec(lines[i]);
        if (!m) continue;
        const ind = m[1].length;
        if (ind <= indent && i > from) break;
        if (m[3].trim() === part && ind > indent) {
          found = i + 1;
          from = i + 1;
          indent = ind;
          break;
        }
      }
      if (found === undefined) return undefined;
    }
    return found;
  };
}

function parseYamlObject(text: string, file: string, what: string): { ok: true; value: JsonObject } | { ok: false; issues: Issue[] } {
  let doc: GoValue | undefined;
  try {
    doc = parseYamlDocument(text);
  } catch (e) {
    if (e instanceof YamlError) {
      return { ok: false, issues: [{ severity: 'error', code: 'mesh-config-parse', path: '', message: `${what}: ${e.message}`, source: { file, line: e.line ?? 1, column: e.column ?? 1 } }] };
    }
    throw e;
  }
  const json = goToJson(doc);
  if (json === null) return { ok: true, value: {} };
  if (!isObject(json)) {
    return { ok: false, issues: [{ severity: 'error', code: 'mesh-config-parse', path: '', message: `${what}: expected a map, got ${kindText(json)}`, source: { file, line: 1, column: 1 } }] };
  }
  return { ok: true, value: json };
}

/**
 * A mesh config YAML (the `mesh` key of ConfigMap istio, or istioctl's --meshConfigFile) with
 * istiod 1.11's defaults applied. Unknown fields and values of the wrong type are errors (gogo
 * jsonpb is strict), with file:line where the key can be found.
 */
export function meshConfigFromYaml(text: string, file: string): MeshConfigResult {
  const parsed = parseYamlObject(text, file, 'mesh config');
  if (!parsed.ok) return { success: false, issues: parsed.issues };
  return meshConfigFromJson(parsed.value, file, yamlLineFinder(text));
}

/** meshConfigFromYaml for an already parsed object. */
export function meshConfigFromJson(obj: JsonObject, file: string, lineOf?: (path: string) => number | undefined): MeshConfigResult {
  const ctx: Ctx = { issues: [], file, ...(lineOf ? { lineOf } : {}) };
  const checked = checkFields(obj, MESH_CONFIG_FIELDS, '', ctx, 'v1alpha1.MeshConfig');
  if (ctx.issues.length > 0) return { success: false, issues: inDocumentOrder(ctx.issues) };
  return { success: true, meshConfig: applyMeshConfig(checked) };
}

/**
 * The `proxy.istio.io/config` annotation (YAML or JSON ProxyConfig) applied over `base` (the mesh
 * defaultConfig). Errors name the annotation.
 */
export function proxyConfigFromAnnotation(base: JsonObject, text: string, file = 'annotation proxy.istio.io/config'): ProxyConfigResult {
  const parsed = parseYamlObject(text, file, 'proxy.istio.io/config');
  if (!parsed.ok) return { success: false, issues: parsed.issues.map((i) => ({ ...i, code: 'inject-proxy-config' })) };
  const ctx: Ctx = { issues: [], file, lineOf: yamlLineFinder(text) };
  const checked = checkFields(parsed.value, PROXY_CONFIG_FIELDS, '', ctx, 'v1alpha1.ProxyConfig');
  if (ctx.issues.length > 0) return { success: false, issues: inDocumentOrder(ctx.issues).map((i) => ({ ...i, code: 'inject-proxy-config', message: `could not parse proxy config: ${i.message}` })) };
  return { success: true, proxyConfig: applyProxyConfig(base, checked) };
}
