/**
 * The template functions istiod 1.11 executes injection templates with: Sprig's TxtFuncMap, then
 * istiod's own map over it (pkg/kube/inject InjectionFuncmap; istiod's win on a clash: toYaml,
 * indent, contains, toLower, env). Each function keeps its Go semantics (parameter types, nil
 * handling, fallbacks on error), so a template that works here works in istiod 1.11.
 *
 * `env` and Sprig's `expandenv`: istiod reads its process environment. This core is pure, so they
 * read the map given to injectionFuncs({ env }) (kube-inject passes none: `env KEY DEFAULT` gives
 * DEFAULT, as it does in an istiod without that variable).
 */
import { GoError } from '../gotemplate/errors.js';
import { formatValue } from '../gotemplate/fmt.js';
import { GoInt, GoStruct, type GoFuncSpec, type GoValue } from '../gotemplate/value.js';
import { sprigFuncs } from '../sprig/index.js';
import { JsonSyntaxError, marshalJson, marshalYaml, unmarshalJson } from '../yaml/index.js';
import { protoJsonOf } from './data.js';
import { MESH_CONFIG_FIELDS, PROXY_CONFIG_FIELDS, defaultProxyConfig, parseGoDuration, type FieldKind, type JsonObject } from './mesh.js';
import { durationString } from '../sprig/gotime.js';

export interface InjectionFuncsOptions {
  /** What `env` and `expandenv` see instead of istiod's process environment (default: nothing). */
  readonly env?: Readonly<Record<string, string>>;
}

const IFACE = 'interface {}';
const PROXY_CONTAINER = 'istio-proxy';

function str(v: GoValue): string {
  return typeof v === 'string' ? v : '';
}

// ---------------------------------------------------------------------------------------------
// Duration printing (Go's time.Duration.String)

// ---------------------------------------------------------------------------------------------
// protoToJSON

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** 1.11 cleanProxyConfig: fields equal to istiod's defaults are dropped before printing. */
function cleanProxyConfig(pc: JsonObject): JsonObject {
  const d = defaultProxyConfig();
  const out: JsonObject = { ...pc };
  const sameScalar = ['configPath', 'binaryPath', 'controlPlaneAuthPolicy', 'serviceCluster', 'discoveryAddress', 'proxyAdminPort', 'statNameLength', 'statusPort'];
  for (const k of sameScalar) if (out[k] === d[k] && out[k] !== undefined) delete out[k];
  const deep = ['drainDuration', 'terminationDrainDuration', 'parentShutdownDuration', 'envoyMetricsService', 'envoyAccessLogService', 'tracing', 'concurrency'];
  for (const k of deep) if (Object.hasOwn(out, k) && sameJson(normalizeDuration(out[k]), normalizeDuration(d[k]))) delete out[k];
  const md = out.proxyMetadata;
  if (typeof md === 'object' && md !== null && Object.keys(md).length === 0) delete out.proxyMetadata;
  return out;
}

function normalizeDuration(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const d = parseGoDuration(v);
  return d === null ? v : d.toString();
}

function isDefaultJson(kind: FieldKind, v: unknown): boolean {
  if (v === null || v === undefined) return true;
  switch (kind) {
    case 's':
      return v === '';
    case 'b':
      return v === false;
    case 'i32':
    case 'u32':
      return v === 0;
    case 'smap':
      return typeof v === 'object' && Object.keys(v).length === 0;
    case '[]s':
    case '[]msg':
      return Array.isArray(v) && v.length === 0;
  }
  // jsonpb omits an enum's zero value.
  if (kind.startsWith('enum:')) return false;
  return false;
}

/** jsonpb (EmitDefaults false, lowerCamel names) of a message held as protobuf JSON, fields in proto order. */
function protoJsonText(json: JsonObject, fields: readonly (readonly [string, FieldKind])[]): string {
  const parts: string[] = [];
  const ENUM_ZERO: Readonly<Record<string, string>> = { 'enum:AuthenticationPolicy': 'NONE', 'enum:InboundInterceptionMode': 'REDIRECT', 'enum:IngressControllerMode': 'UNSPECIFIED', 'enum:AccessLogEncoding': 'TEXT', 'enum:H2UpgradePolicy': 'DO_NOT_UPGRADE' };
  for (const [name, kind] of fields) {
    if (!Object.hasOwn(json, name)) continue;
    const v = json[name];
    if (isDefaultJson(kind, v)) continue;
    if (kind.startsWith('enum:') && ENUM_ZERO[kind] === v) continue;
    let text: string;
    if (kind === 'proxy') text = protoJsonText(v as JsonObject, PROXY_CONFIG_FIELDS);
    else if (kind === 'smap') text = sortedObjectJson(v as Record<string, unknown>);
    else text = plainJson(v);
    parts.push(`${JSON.stringify(name)}:${text}`);
  }
  return `{${parts.join(',')}}`;
}

function sortedObjectJson(v: Record<string, unknown>): string {
  const keys = Object.keys(v).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${plainJson(v[k])}`).join(',')}}`;
}

function plainJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(plainJson).join(',')}]`;
  if (typeof v === 'object' && v !== null) return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${plainJson(x)}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

// ---------------------------------------------------------------------------------------------
// Ports

function containerPorts(containers: GoValue, include: (c: GoStruct) => boolean): string {
  const parts: string[] = [];
  if (!Array.isArray(containers)) return '';
  for (const c of containers) {
    if (!(c instanceof GoStruct) || !include(c)) continue;
    const ports = c.fields.get('Ports');
    if (!Array.isArray(ports)) continue;
    for (const p of ports) {
      if (!(p instanceof GoStruct)) continue;
      const proto = p.fields.get('Protocol');
      if (proto === 'UDP' || proto === 'SCTP') continue;
      const n = p.fields.get('ContainerPort');
      parts.push(n instanceof GoInt ? n.value.toString() : '0');
    }
  }
  return parts.join(',');
}

// ---------------------------------------------------------------------------------------------
// The function map

function appendMultusNetwork(existing: string, net: string): string {
  if (existing === '') return net;
  const i = existing.lastIndexOf(']');
  if (i !== -1) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(existing);
    } catch {
      return existing;
    }
    if (!Array.isArray(parsed) || parsed.some((x) => x !== null && (typeof x !== 'object' || Array.isArray(x)))) return existing;
    for (const n of parsed as (Record<string, unknown> | null)[]) if (n !== null && n.name === net) return existing;
    return existing.slice(0, i) + `, {"name": "${net}"}` + existing.slice(i);
  }
  for (const n of existing.split(',')) if (n.trim() === net) return existing;
  return existing + ', ' + net;
}

function excludeInboundPort(port: GoValue, excluded: string): string {
  const portStr = formatValue(port).trim();
  if (portStr.length === 0 || portStr === '0') return excluded;
  const out: string[] = [];
  for (const p of excluded.split(',')) {
    if (p === portStr) return excluded;
    const t = p.trim();
    if (t.length > 0) out.push(t);
  }
  out.push(portStr);
  return out.join(',');
}

function expandEnv(s: string, env: Readonly<Record<string, string>>): string {
  return s.replace(/\$(?:\{([^}]*)\}|([A-Za-z0-9_]+|[*#$@!?\-]))/g, (_m, braced: string | undefined, bare: string | undefined) => {
    const k = braced ?? bare ?? '';
    return Object.hasOwn(env, k) ? (env[k] as string) : '';
  });
}

function istiodFuncs(env: Readonly<Record<string, string>>): GoFuncSpec[] {
  const toJSON: GoFuncSpec['fn'] = (m) => {
    // Go: a nil map gives "{}" (json.Marshal of an empty one does too).
    if (!(m instanceof Map) || m.size === 0) return '{}';
    try {
      return marshalJson(m);
    } catch {
      return '{}';
    }
  };
  return [
    {
      name: 'formatDuration',
      params: ['*types.Duration'],
      results: ['string'],
      fn: (d) => {
        if (!(d instanceof GoStruct)) return '1s';
        const s = d.fields.get('Seconds');
        const n = d.fields.get('Nanos');
        const nanos = (s instanceof GoInt ? s.value : 0n) * 1000000000n + (n instanceof GoInt ? n.value : 0n);
        return durationString(nanos);
      },
    },
    { name: 'isset', params: ['map[string]string', 'string'], results: ['bool'], fn: (m, k) => m instanceof Map && m.has(str(k)) },
    { name: 'excludeInboundPort', params: [IFACE, 'string'], results: ['string'], fn: (p, e) => excludeInboundPort(p, str(e)) },
    { name: 'includeInboundPorts', params: ['[]v1.Container'], results: ['string'], fn: (cs) => containerPorts(cs, () => true) },
    { name: 'kubevirtInterfaces', params: ['string'], results: ['string'], fn: (s) => s },
    { name: 'applicationPorts', params: ['[]v1.Container'], results: ['string'], fn: (cs) => containerPorts(cs, (c) => c.fields.get('Name') !== PROXY_CONTAINER) },
    {
      name: 'annotation',
      params: ['v1.ObjectMeta', 'string', IFACE],
      results: ['string'],
      fn: (meta, name, def) => {
        const ann = meta instanceof GoStruct ? meta.fields.get('Annotations') : undefined;
        if (ann instanceof Map && ann.has(str(name))) return ann.get(str(name)) as GoValue;
        return def === null ? '<nil>' : formatValue(def);
      },
    },
    { name: 'valueOrDefault', params: [IFACE, IFACE], results: [IFACE], fn: (v, d) => (v === '' || v === null ? d : v) },
    { name: 'toJSON', params: ['map[string]string'], results: ['string'], fn: toJSON },
    { name: 'toJson', params: ['map[string]string'], results: ['string'], fn: toJSON },
    {
      name: 'fromJSON',
      params: ['string'],
      results: [IFACE],
      fn: (s) => {
        try {
          const r = unmarshalJson(str(s));
          return r.error === null ? r.value : '{}';
        } catch (e) {
          if (e instanceof JsonSyntaxError) return '{}';
          throw e;
        }
      },
    },
    {
      name: 'structToJSON',
      params: [IFACE],
      results: ['string'],
      fn: (v) => {
        if (v === null) return '{}';
        try {
          return marshalJson(v);
        } catch {
          return '{}';
        }
      },
    },
    {
      name: 'protoToJSON',
      params: [IFACE],
      results: ['string'],
      fn: (v) => {
        if (v === null) return '{}';
        const p = protoJsonOf(v);
        if (p === undefined) throw new GoError(`wrong type for value; expected proto.Message; got ${v instanceof GoStruct ? (v.pointer ? '*' : '') + v.type.name : typeof v}`);
        return p.message === 'ProxyConfig' ? protoJsonText(cleanProxyConfig(p.json), PROXY_CONFIG_FIELDS) : protoJsonText(p.json, MESH_CONFIG_FIELDS);
      },
    },
    {
      name: 'toYaml',
      params: [IFACE],
      results: ['string'],
      fn: (v) => {
        try {
          return marshalYaml(v);
        } catch {
          return '';
        }
      },
    },
    {
      name: 'indent',
      params: ['int', 'string'],
      results: ['string'],
      fn: (n, s) => {
        // Go builds "% Nds" from N: a negative N left-justifies, which pads just as much.
        const pad = ' '.repeat(Math.min(1 << 20, Math.abs(n instanceof GoInt ? n.toNumber() : 0)));
        return str(s)
          .split('\n')
          .map((line, i) => (i > 0 ? pad + line : line))
          .join('\n');
      },
    },
    {
      name: 'directory',
      params: ['string'],
      results: ['string'],
      fn: (p) => {
        const s = str(p);
        return s.slice(0, s.lastIndexOf('/') + 1);
      },
    },
    { name: 'contains', params: ['string', 'string'], results: ['bool'], fn: (needle, haystack) => str(haystack).includes(str(needle)) },
    { name: 'toLower', params: ['string'], results: ['string'], fn: (s) => str(s).toLowerCase() },
    { name: 'appendMultusNetwork', params: ['string', 'string'], results: ['string'], fn: (e, n) => appendMultusNetwork(str(e), str(n)) },
    { name: 'env', params: ['string', 'string'], results: ['string'], fn: (k, d) => (Object.hasOwn(env, str(k)) && env[str(k)] !== '' ? (env[str(k)] as string) : str(d)) },
  ];
}

/** Names of the functions istiod 1.11 adds over Sprig (InjectionFuncmap). */
export const ISTIOD_FUNCTION_NAMES: readonly string[] = istiodFuncs({}).map((f) => f.name);

/**
 * Sprig's text functions plus istiod 1.11's injection functions (istiod's win). A fresh Map on
 * every call.
 */
export function injectionFuncs(opts: InjectionFuncsOptions = {}): Map<string, GoFuncSpec> {
  const env = opts.env ?? {};
  const out = sprigFuncs('helm3');
  // Sprig's env/expandenv (helm deletes them; istiod keeps expandenv and overrides env).
  out.set('expandenv', { name: 'expandenv', params: ['string'], results: ['string'], fn: (s) => expandEnv(str(s), env) });
  for (const f of istiodFuncs(env)) out.set(f.name, f);
  return out;
}
