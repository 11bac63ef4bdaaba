/**
 * Chart.yaml, requirements.yaml, Chart.lock and requirements.lock as helm reads them:
 * sigs.k8s.io/yaml Unmarshal into helm's Go structs (chart.Metadata, chart.Lock), i.e. YAML to
 * JSON (numbers and bools turned into strings where the target field is a string) and Go's
 * encoding/json into the struct: keys match field names case-insensitively, unknown keys are
 * ignored, null leaves a field unset, and the first type mismatch (in JSON key order) is reported
 * as `json: cannot unmarshal X into Go struct field S.path of type T`.
 *
 * Then helm's `Metadata.Validate()`: sanitising of strings and the `validation: ...` messages.
 */
import type { Compat } from '../../gotemplate/template.js';
import type { GoValue } from '../../gotemplate/value.js';
import { formatFloat } from '../../gotemplate/strconv.js';
import { isPrint } from '../../gotemplate/unicode.js';
import { jsonKind, parseYamlDocument, YamlError } from '../../yaml/load.js';
import type { ChartDependency, ChartMetadata } from './chart.js';
import { isSpace } from '../../sprig/unicode.js';
import { isValidSemver } from './semver.js';

// ---- Go struct shapes ----

type GoType =
  | { readonly k: 'string' }
  | { readonly k: 'bool' }
  | { readonly k: 'iface' }
  | { readonly k: 'time' }
  | { readonly k: 'slice'; readonly elem: GoType; readonly name: (c: Compat) => string }
  | { readonly k: 'map'; readonly elem: GoType; readonly name: (c: Compat) => string }
  | { readonly k: 'struct'; readonly def: StructDef };

interface StructDef {
  /** Go type name without package, e.g. `Metadata`. */
  readonly name: string;
  /** Qualified name as Go prints it, e.g. `chart.Metadata` (helm 3) or `v2.Metadata` (helm 4). */
  readonly qualified: (c: Compat) => string;
  readonly fields: readonly (readonly [string, GoType])[];
}

const pkg = (c: Compat): string => (c === 'helm3' ? 'chart' : 'v2');
const STRING: GoType = { k: 'string' };
const BOOL: GoType = { k: 'bool' };
const STRINGS: GoType = { k: 'slice', elem: STRING, name: () => '[]string' };

const MAINTAINER: StructDef = {
  name: 'Maintainer',
  qualified: (c) => `${pkg(c)}.Maintainer`,
  fields: [
    ['name', STRING],
    ['email', STRING],
    ['url', STRING],
  ],
};

const DEPENDENCY: StructDef = {
  name: 'Dependency',
  qualified: (c) => `${pkg(c)}.Dependency`,
  fields: [
    ['name', STRING],
    ['version', STRING],
    ['repository', STRING],
    ['condition', STRING],
    ['tags', STRINGS],
    ['enabled', BOOL],
    ['import-values', { k: 'slice', elem: { k: 'iface' }, name: () => '[]interface {}' }],
    ['alias', STRING],
  ],
};

const DEPENDENCIES: GoType = {
  k: 'slice',
  elem: { k: 'struct', def: DEPENDENCY },
  name: (c) => `[]*${pkg(c)}.Dependency`,
};

const METADATA: StructDef = {
  name: 'Metadata',
  qualified: (c) => `${pkg(c)}.Metadata`,
  fields: [
    ['name', STRING],
    ['home', STRING],
    ['sources', STRINGS],
    ['version', STRING],
    ['description', STRING],
    ['keywords', STRINGS],
    ['maintainers', { k: 'slice', elem: { k: 'struct', def: MAINTAINER }, name: (c) => `[]*${pkg(c)}.Maintainer` }],
    ['icon', STRING],
    ['apiVersion', STRING],
    ['condition', STRING],
    ['tags', STRING],
    ['appVersion', STRING],
    ['deprecated', BOOL],
    ['annotations', { k: 'map', elem: STRING, name: () => 'map[string]string' }],
    ['kubeVersion', STRING],
    ['dependencies', DEPENDENCIES],
    ['type', STRING],
  ],
};

/** helm 4's chart-version probe: only apiVersion, into `loader.chartBase`. */
const CHART_BASE: StructDef = {
  name: 'chartBase',
  qualified: () => 'loader.chartBase',
  fields: [['apiVersion', STRING]],
};

const LOCK: StructDef = {
  name: 'Lock',
  qualified: (c) => `${pkg(c)}.Lock`,
  fields: [
    ['generated', { k: 'time' }],
    ['digest', STRING],
    ['dependencies', DEPENDENCIES],
  ],
};

function fieldOf(def: StructDef, key: string): readonly [string, GoType] | undefined {
  let folded: readonly [string, GoType] | undefined;
  const lower = key.toLowerCase();
  for (const f of def.fields) {
    if (f[0] === key) return f;
    if (!folded && f[0].toLowerCase() === lower) folded = f;
  }
  return folded;
}

/** The type at a YAML path (map keys, '[]' for list elements), for sigs.k8s.io/yaml's coercion. */
function typeAt(root: StructDef, path: readonly string[]): GoType | undefined {
  let t: GoType = { k: 'struct', def: root };
  for (const p of path) {
    if (t.k === 'struct') {
      const f = fieldOf(t.def, p);
      if (!f) return undefined;
      t = f[1];
    } else if (t.k === 'map') {
      t = t.elem;
    } else if (t.k === 'slice' && p === '[]') {
      t = t.elem;
    } else return undefined;
  }
  return t;
}

// ---- Go encoding/json into the shapes ----

/** A failure of json.Unmarshal, message as Go prints it (after `json: ` where Go adds that). */
class DecodeFailure extends Error {}

interface DecodeCtx {
  readonly compat: Compat;
  firstTypeError: string | null;
}

function typeName(t: GoType, c: Compat): string {
  switch (t.k) {
    case 'string':
      return 'string';
    case 'bool':
      return 'bool';
    case 'iface':
      return 'interface {}';
    case 'time':
      return 'time.Time';
    case 'slice':
    case 'map':
      return t.name(c);
    case 'struct':
      return t.def.qualified(c);
  }
}

function typeError(ctx: DecodeCtx, v: GoValue, t: GoType, where: { struct: string; stack: readonly string[] } | null): void {
  if (ctx.firstTypeError !== null) return;
  const kind = jsonKind(v);
  const type = typeName(t, ctx.compat);
  ctx.firstTypeError =
    where && where.stack.length > 0
      ? `json: cannot unmarshal ${kind} into Go struct field ${where.struct}.${where.stack.join('.')} of type ${type}`
      : `json: cannot unmarshal ${kind} into Go value of type ${type}`;
}

type Decoded = string | boolean | GoValue | Decoded[] | Map<string, Decoded> | Record<string, unknown>;

interface Where {
  readonly struct: string;
  readonly stack: readonly string[];
}

/** Decodes `v` as a `t`; `undefined` means "leave unset" (null or a type error). */
function decode(v: GoValue, t: GoType, ctx: DecodeCtx, where: Where | null): Decoded | undefined {
  if (v === null) return undefined;
  switch (t.k) {
    case 'iface':
      return v;
    case 'string':
      if (typeof v === 'string') return v;
      typeError(ctx, v, t, where);
      return undefined;
    case 'bool':
      if (typeof v === 'boolean') return v;
      typeError(ctx, v, t, where);
      return undefined;
    case 'time':
      if (typeof v !== 'string') throw new DecodeFailure('Time.UnmarshalJSON: input is not a JSON string');
      checkRfc3339(v);
      return v;
    case 'slice': {
      if (!Array.isArray(v)) {
        typeError(ctx, v, t, where);
        return undefined;
      }
      const out: Decoded[] = [];
      for (const x of v) {
        // A null element of a slice of pointers is a nil pointer; of strings, "".
        const d = decode(x, t.elem, ctx, where);
        out.push(d === undefined ? (t.elem.k === 'string' ? '' : null) : d);
      }
      return out;
    }
    case 'map': {
      if (!(v instanceof Map)) {
        typeError(ctx, v, t, where);
        return undefined;
      }
      const out = new Map<string, Decoded>();
      for (const [k, x] of v) {
        const d = decode(x, t.elem, ctx, where);
        out.set(k, d === undefined ? '' : d);
      }
      return out;
    }
    case 'struct': {
      if (!(v instanceof Map)) {
        typeError(ctx, v, t, where);
        return undefined;
      }
      return decodeStruct(v, t.def, ctx, where, Object.create(null) as Record<string, unknown>);
    }
  }
}

function decodeStruct(
  v: Map<string, GoValue>,
  def: StructDef,
  ctx: DecodeCtx,
  where: Where | null,
  into: Record<string, unknown>,
): Record<string, unknown> {
  for (const [key, x] of v) {
    const f = fieldOf(def, key);
    if (!f) continue;
    const [name, t] = f;
    const d = decode(x, t, ctx, { struct: def.name, stack: [...(where?.stack ?? []), name] });
    if (d === undefined) continue;
    const cur = into[name];
    if (t.k === 'map' && cur instanceof Map && d instanceof Map) {
      for (const [mk, mv] of d) cur.set(mk, mv); // json merges into an existing map
    } else into[name] = d;
  }
  return into;
}

// ---- time.Time (RFC 3339) ----

const RFC3339 = '2006-01-02T15:04:05Z07:00';

/** Go's time.Parse(RFC3339) verdict, with Go's message for the common failures. */
function checkRfc3339(s: string): void {
  const fail = (rest: string, elem: string): never => {
    throw new DecodeFailure(`parsing time ${JSON.stringify(s)} as "${RFC3339}": cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`);
  };
  const steps: [RegExp, string][] = [
    [/^[0-9]{4}/, '2006'],
    [/^-/, '-'],
    [/^[0-9]{2}/, '01'],
    [/^-/, '-'],
    [/^[0-9]{2}/, '02'],
    [/^T/, 'T'],
    [/^[0-9]{2}/, '15'],
    [/^:/, ':'],
    [/^[0-9]{2}/, '04'],
    [/^:/, ':'],
    [/^[0-9]{2}(\.[0-9]+)?/, '05'],
    [/^(Z|[+-][0-9]{2}:[0-9]{2})/, 'Z07:00'],
  ];
  const layoutRest = ['2006-01-02T15:04:05Z07:00', '-01-02T15:04:05Z07:00', '01-02T15:04:05Z07:00', '-02T15:04:05Z07:00', '02T15:04:05Z07:00', 'T15:04:05Z07:00', '15:04:05Z07:00', ':04:05Z07:00', '04:05Z07:00', ':05Z07:00', '05Z07:00', 'Z07:00'];
  let rest = s;
  for (let i = 0; i < steps.length; i++) {
    const m = steps[i][0].exec(rest);
    // Go names the literal run that failed (e.g. "-") or the element (e.g. "2006").
    if (!m) fail(rest, /^[-T:]$/.test(steps[i][1]) ? layoutRest[i].replace(/^([-T:]).*$/, '$1') : steps[i][1]);
    else rest = rest.slice(m[0].length);
  }
  if (rest !== '') throw new DecodeFailure(`parsing time ${JSON.stringify(s)}: extra text: ${JSON.stringify(rest)}`);
  const num = (a: number, b: number): number => Number(s.slice(a, b));
  const [year, month, day, hour, minute, second] = [num(0, 4), num(5, 7), num(8, 10), num(11, 13), num(14, 16), num(17, 19)];
  const range = (what: string): never => {
    throw new DecodeFailure(`parsing time ${JSON.stringify(s)}: ${what} out of range`);
  };
  if (month < 1 || month > 12) range('month');
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (day < 1 || day > days) range('day');
  if (hour > 23) range('hour');
  if (minute > 59) range('minute');
  if (second > 59) range('second');
}

// ---- entry points ----

export class MetadataError extends Error {}

function stringTest(def: StructDef): (path: readonly string[]) => boolean {
  return (path) => path.length > 0 && typeAt(def, path)?.k === 'string';
}

/**
 * sigs.k8s.io/yaml Unmarshal of `text` into a struct of shape `def`, merged into `into`.
 * Throws MetadataError with the message helm prints after `cannot load <file>: `.
 */
function unmarshalStruct(text: string, def: StructDef, compat: Compat, into: Record<string, unknown>): Record<string, unknown> | null {
  let v: GoValue | undefined;
  try {
    v = parseYamlDocument(text, { stringAt: stringTest(def) });
  } catch (e) {
    if (e instanceof YamlError) throw new MetadataError(e.message);
    throw e;
  }
  if (v === undefined || v === null) return null;
  const ctx: DecodeCtx = { compat, firstTypeError: null };
  try {
    if (!(v instanceof Map)) typeError(ctx, v, { k: 'struct', def }, null);
    else decodeStruct(v, def, ctx, null, into);
  } catch (e) {
    if (e instanceof DecodeFailure) throw new MetadataError('error unmarshaling JSON: while decoding JSON: ' + e.message);
    throw e;
  }
  if (ctx.firstTypeError !== null) throw new MetadataError('error unmarshaling JSON: while decoding JSON: ' + ctx.firstTypeError);
  return into;
}

/** Raw decoded Chart.yaml fields (JSON names), before conversion to ChartMetadata. */
export type RawMetadata = Record<string, unknown>;

export function newRawMetadata(): RawMetadata {
  return Object.create(null) as RawMetadata;
}

/** Chart.yaml or requirements.yaml decoded into (and over) `into`. Throws MetadataError. */
export function unmarshalMetadata(text: string, compat: Compat, into: RawMetadata): void {
  unmarshalStruct(text, METADATA, compat, into);
}

/** helm 4's apiVersion probe of the root Chart.yaml. Throws MetadataError. */
export function probeApiVersion(text: string): string {
  const r = unmarshalStruct(text, CHART_BASE, 'helm4', Object.create(null) as Record<string, unknown>);
  const v = r?.apiVersion;
  return typeof v === 'string' ? v : '';
}

/** Chart.lock / requirements.lock, decoded; `null` for an empty document. Throws MetadataError. */
export function unmarshalLock(text: string, compat: Compat): unknown {
  const r = unmarshalStruct(text, LOCK, compat, Object.create(null) as Record<string, unknown>);
  return r === null ? null : plain(r);
}

/** Decoded values as plain JSON-like data (Maps become null-prototype objects). */
function plain(v: unknown): unknown {
  if (v instanceof Map) {
    const o = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of v) o[k as string] = plain(x);
    return o;
  }
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const o = Object.create(null) as Record<string, unknown>;
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
}

// ---- Validate ----

/** helm's sanitizeString: white space becomes ' ', other non-printable characters are dropped. */
export function sanitizeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    if (isSpace(r)) out += ' ';
    else if (isPrint(r)) out += ch;
  }
  return out;
}


const ALIAS_NAME = /^[a-zA-Z0-9_-]+$/;

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** Go's filepath.Base on Unix. */
function goBase(p: string): string {
  if (p === '') return '.';
  let s = p;
  while (s.length > 0 && s.endsWith('/')) s = s.slice(0, -1);
  if (s === '') return '/';
  const i = s.lastIndexOf('/');
  return i >= 0 ? s.slice(i + 1) : s;
}

/** %v of an import-values entry field (helm formats child/parent with fmt.Sprintf("%v")). */
function sprintV(v: GoValue | undefined): string {
  if (v === undefined || v === null) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return formatFloat(v, 'g', -1, 64);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return '[' + v.map((x) => sprintV(x)).join(' ') + ']';
  if (v instanceof Map) return 'map[' + [...v].map(([k, x]) => k + ':' + sprintV(x)).join(' ') + ']';
  return String(v);
}

function toDependency(raw: Record<string, unknown>): ChartDependency {
  const d: {
    name: string;
    version?: string;
    repository?: string;
    condition?: string;
    tags?: string[];
    enabled?: boolean;
    importValues?: (string | { child: string; parent: string })[];
    alias?: string;
  } = { name: sanitizeString(str(raw.name)) };
  if (typeof raw.version === 'string') d.version = sanitizeString(raw.version);
  if (typeof raw.repository === 'string') d.repository = sanitizeString(raw.repository);
  if (typeof raw.condition === 'string') d.condition = sanitizeString(raw.condition);
  if (Array.isArray(raw.tags)) d.tags = (raw.tags as string[]).map(sanitizeString);
  if (typeof raw.enabled === 'boolean') d.enabled = raw.enabled;
  if (Array.isArray(raw['import-values'])) {
    const ivs: (string | { child: string; parent: string })[] = [];
    for (const iv of raw['import-values'] as GoValue[]) {
      if (typeof iv === 'string') ivs.push(iv);
      else if (iv instanceof Map) ivs.push({ child: sprintV(iv.get('child')), parent: sprintV(iv.get('parent')) });
      // helm ignores entries of any other type
    }
    d.importValues = ivs;
  }
  if (typeof raw.alias === 'string') d.alias = raw.alias;
  return d;
}

/**
 * helm's Metadata.Validate() on decoded Chart.yaml fields, then conversion to ChartMetadata.
 * Returns the message (with helm's `validation: ` prefix) or the metadata.
 */
export function validateMetadata(raw: RawMetadata, compat: Compat): { ok: true; metadata: ChartMetadata } | { ok: false; message: string } {
  const fail = (m: string): { ok: false; message: string } => ({ ok: false, message: 'validation: ' + m });
  const m: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of ['name', 'description', 'home', 'icon', 'condition', 'tags', 'appVersion', 'kubeVersion']) {
    if (typeof raw[key] === 'string') m[key] = sanitizeString(raw[key] as string);
  }
  for (const key of ['sources', 'keywords']) {
    if (Array.isArray(raw[key])) m[key] = (raw[key] as string[]).map(sanitizeString);
  }
  for (const key of ['version', 'apiVersion', 'type']) if (typeof raw[key] === 'string') m[key] = raw[key];
  if (typeof raw.deprecated === 'boolean') m.deprecated = raw.deprecated;

  const apiVersion = str(m.apiVersion);
  const name = str(m.name);
  const version = str(m.version);
  if (apiVersion === '') return fail('chart.metadata.apiVersion is required');
  if (name === '') return fail('chart.metadata.name is required');
  if (compat === 'helm4' && (name === '.' || name === '..')) return fail(`chart.metadata.name ${goQuote(name)} is not allowed`);
  if (name !== goBase(name)) return fail(`chart.metadata.name ${goQuote(name)} is invalid`);
  if (version === '') return fail('chart.metadata.version is required');
  if (!isValidSemver(version)) return fail(`chart.metadata.version ${goQuote(version)} is invalid`);
  const type = str(m.type);
  if (type !== '' && type !== 'application' && type !== 'library') return fail('chart.metadata.type must be application or library');

  if (Array.isArray(raw.maintainers)) {
    const ms: { name?: string; email?: string; url?: string }[] = [];
    for (const x of raw.maintainers as (Record<string, unknown> | null)[]) {
      if (x === null) return fail('maintainers must not contain empty or null nodes');
      const one: { name?: string; email?: string; url?: string } = {};
      if (typeof x.name === 'string') one.name = sanitizeString(x.name);
      if (typeof x.email === 'string') one.email = sanitizeString(x.email);
      if (typeof x.url === 'string') one.url = sanitizeString(x.url);
      ms.push(one);
    }
    m.maintainers = ms;
  }
  if (Array.isArray(raw.dependencies)) {
    const seen = new Set<string>();
    const deps: ChartDependency[] = [];
    for (const x of raw.dependencies as (Record<string, unknown> | null)[]) {
      if (x === null) return fail('dependencies must not contain empty or null nodes');
      const d = toDependency(x);
      if (d.alias !== undefined && d.alias !== '' && !ALIAS_NAME.test(d.alias)) {
        return fail(`dependency ${goQuote(d.name)} has disallowed characters in the alias`);
      }
      const key = d.alias ? d.alias : d.name;
      if (seen.has(key)) return fail(`more than one dependency with name or alias ${goQuote(key)}`);
      seen.add(key);
      deps.push(d);
    }
    m.dependencies = deps;
  }
  if (raw.annotations instanceof Map) {
    const a = Object.create(null) as Record<string, string>;
    for (const [k, v] of raw.annotations as Map<string, unknown>) a[k] = str(v);
    m.annotations = a;
  }
  return { ok: true, metadata: m as unknown as ChartMetadata };
}

/** Go's %q for the strings that appear in validation messages. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (isPrint(r)) out += ch;
    else if (r === 0x0a) out += '\\n';
    else if (r === 0x09) out += '\\t';
    else if (r === 0x0d) out += '\\r';
    else if (r === 0x07) out += '\\a';
    else if (r === 0x08) out += '\\b';
    else if (r === 0x0c) out += '\\f';
    else if (r === 0x0b) out += '\\v';
    else if (r < 0x80) out += '\\x' + r.toString(16).padStart(2, '0');
    else if (r < 0x10000) out += '\\u' + r.toString(16).padStart(4, '0');
    else out += '\\U' + r.toString(16).padStart(8, '0');
  }
  return out + '"';
}
