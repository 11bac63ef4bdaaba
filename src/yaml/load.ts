/**
 * Reading YAML the way helm does: sigs.k8s.io/yaml's Unmarshal, i.e. go-yaml v2 (YAML 1.1)
 * decodes the document into generic Go values, map keys are turned into strings, the result is
 * encoded as JSON and decoded again. This is how values.yaml, `-f` files, `fromYaml` and
 * `fromYamlArray` see their input. Consequences: every number is a float64; yes/no/on/off/y/n are
 * booleans (keys too: `n:` is the key "false"); timestamps stay strings; `!!binary` is decoded;
 * merge keys `<<` work; duplicate keys: the last wins; NaN and infinities make loading fail.
 *
 * The `yaml` package parses (with positions); this module applies go-yaml v2's typing rules.
 * Plain block YAML takes a fast reader first (fastpath.ts), which leaves everything else here.
 */
import { isAlias, isMap, isScalar, isSeq, parseAllDocuments, type Alias, type Document, type Node, type Scalar } from 'yaml';
import { base64Decode, CorruptInput } from '../gotemplate/base64.js';
import { utf8Decode, utf8Encode } from '../gotemplate/bytes.js';
import { formatFloat } from '../gotemplate/strconv.js';
import { deepCopyValue, type GoValue } from '../gotemplate/value.js';
import { toValidUtf8 } from './jsontree.js';
import { emptyImplicitKeyLine, reindentContinuations } from './lenient.js';
import { fastParse, NOT_FAST } from './fastpath.js';
import { fromResolved, RawMap, type Raw } from './raw.js';
import { looksLikeTimestamp, resolvePlain } from './resolve.js';
import { syntaxErrorMessage } from './yamlerrors.js';

/**
 * An error from reading YAML. `message` is the text sigs.k8s.io/yaml returns (what helm prints
 * after its own prefix, e.g. `error converting YAML to JSON: yaml: line 1: did not find expected
 * node content`); `line`/`column` (1-based) locate syntax errors when known.
 */
export class YamlError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    this.name = 'YamlError';
  }
}

const CORE = 'tag:yaml.org,2002:';

/** go-yaml v2's decoding of one document into `interface{}`. */
class Decoder {
  /** What each alias refers to: the latest definition of its anchor before it, in document order. */
  private readonly targets = new Map<Alias, Node>();
  private readonly decoding = new Set<Node>();
  /** The first alias (in document order) whose anchor is not defined before it. */
  firstUnknown: { name: string; pos: number } | null = null;

  constructor(
    root: Node | null,
    private readonly source: string,
  ) {
    const anchors = new Map<string, Node>();
    const walk = (n: Node | null | undefined): void => {
      if (!n) return;
      if (isAlias(n)) {
        const t = anchors.get(n.source);
        if (t) this.targets.set(n, t);
        else if (!this.firstUnknown) this.firstUnknown = { name: n.source, pos: n.range?.[0] ?? 0 };
        return;
      }
      if (n.anchor) anchors.set(n.anchor, n);
      if (isSeq(n)) for (const x of n.items) walk(x as Node | null);
      else if (isMap(n)) {
        for (const p of n.items) {
          walk(p.key as Node | null);
          walk(p.value as Node | null);
        }
      }
    };
    walk(root);
  }

  decode(n: Node | null | undefined): Raw {
    if (n === null || n === undefined) return null;
    if (isAlias(n)) return this.alias(n);
    if (isScalar(n)) return this.scalar(n);
    if (isSeq(n)) return n.items.map((x) => this.decode(x as Node | null));
    if (isMap(n)) {
      const m = new RawMap();
      this.mappingInto(n, m);
      return m;
    }
    return null;
  }

  private alias(a: Alias): Raw {
    const target = this.targets.get(a);
    if (!target) throw new YamlError(`yaml: unknown anchor '${a.source}' referenced`);
    if (this.decoding.has(target)) throw new YamlError(`yaml: anchor '${a.source}' value contains itself`);
    this.decoding.add(target);
    try {
      return this.decode(target);
    } finally {
      this.decoding.delete(target);
    }
  }

  private resolveAlias(n: Node): Node {
    if (isAlias(n)) {
      const target = this.targets.get(n);
      if (!target) throw new YamlError(`yaml: unknown anchor '${n.source}' referenced`);
      return target;
    }
    return n;
  }

  private mappingInto(n: Node, m: RawMap): void {
    if (!isMap(n)) return;
    for (const pair of n.items) {
      const kn = pair.key as Node | null;
      const vn = pair.value as Node | null;
      if (kn && isScalar(kn) && kn.type === 'PLAIN' && !kn.tag && kn.value === '<<') {
        this.merge(vn, m);
        continue;
      }
      const k = this.decode(kn);
      if (Array.isArray(k) || k instanceof RawMap) throw new YamlError('yaml: invalid map key: ' + goSyntax(k));
      m.set(k, this.decode(vn));
    }
  }

  private merge(vn: Node | null, m: RawMap): void {
    const want = (): YamlError => new YamlError('yaml: map merge requires map or sequence of maps as the value');
    if (!vn) throw want();
    if (isMap(vn)) return this.mappingInto(vn, m);
    if (isAlias(vn)) {
      const t = this.resolveAlias(vn);
      if (!isMap(t)) throw want();
      return this.mergeDecoded(vn, m);
    }
    if (isSeq(vn)) {
      for (let i = vn.items.length - 1; i >= 0; i--) {
        const item = vn.items[i] as Node | null;
        if (!item) throw want();
        const t = this.resolveAlias(item);
        if (!isMap(t)) throw want();
        if (isAlias(item)) this.mergeDecoded(item, m);
        else this.mappingInto(item, m);
      }
      return;
    }
    throw want();
  }

  private mergeDecoded(a: Alias, m: RawMap): void {
    const v = this.alias(a);
    if (v instanceof RawMap) for (let i = 0; i < v.keys.length; i++) m.set(v.keys[i], v.values[i]);
  }

  private scalar(n: Scalar): Raw {
    let text = typeof n.value === 'string' ? n.value : n.value === null || n.value === undefined ? '' : String(n.value);
    if ((n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') && text.endsWith('\n') && n.range) {
      // libyaml keeps a final line break only when the source has one; at the end of a stream
      // without a trailing newline the `yaml` package adds it.
      const end = n.range[1];
      if (end >= this.source.length && !this.source.endsWith('\n')) text = text.slice(0, -1);
    }
    const tag = n.tag;
    if (!tag || tag === '!') {
      if (tag === '!' || n.type !== 'PLAIN') return text;
      return fromResolved(text);
    }
    if (!tag.startsWith(CORE)) return text;
    const t = tag.slice(CORE.length);
    switch (t) {
      case 'str':
        return text;
      case 'binary':
        return decodeBinary(text);
      case 'int':
      case 'float':
      case 'bool':
      case 'null': {
        const r = resolvePlain(text);
        let got: string = r.tag === 'merge' ? 'merge' : r.tag;
        let v: Raw = fromResolved(text);
        if (t === 'float' && r.tag === 'int') {
          got = 'float';
          v = Number(r.value);
        }
        if (got !== t) throw new YamlError(`yaml: cannot decode !!${got} \`${text}\` as a !!${t}`);
        return v;
      }
      case 'timestamp':
        if (!looksLikeTimestamp(text)) throw new YamlError(`yaml: cannot decode !!str \`${text}\` as a !!timestamp`);
        return text;
      default:
        // !!seq, !!map and unknown tags on scalars: the text as a string.
        return text;
    }
  }
}

/** go-yaml's `!!binary`: base64.StdEncoding.DecodeString of the scalar, bytes as a byte string. */
function decodeBinary(text: string): string {
  const r = base64Decode(utf8Encode(text));
  if (r instanceof CorruptInput) throw new YamlError('yaml: !!binary value contains invalid base64 data');
  return utf8Decode(r);
}

// ---- the JSON round trip ----

const INT64_MAX = 2n ** 63n - 1n;

/** sigs.k8s.io/yaml's key conversion. */
function keyString(k: Raw, v: Raw): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (typeof k === 'bigint') {
    if (k > INT64_MAX) {
      throw new YamlError(
        `error converting YAML to JSON: unsupported map key of type: uint64, key: 0x${k.toString(16)}, value: ${goSyntax(v)}`,
      );
    }
    return k.toString();
  }
  if (typeof k === 'number') {
    const s = formatFloat(k, 'g', -1, 32);
    return s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s;
  }
  throw new YamlError(
    `error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: ${goSyntax(v)}`,
  );
}

/** Converts keys (first pass: key errors come before JSON errors, as in sigs.k8s.io/yaml). */
function checkKeys(v: Raw): void {
  if (Array.isArray(v)) v.forEach(checkKeys);
  else if (v instanceof RawMap) {
    for (let i = 0; i < v.keys.length; i++) {
      keyString(v.keys[i], v.values[i]);
      checkKeys(v.values[i]);
    }
  }
}

/** json.Marshal then json.Unmarshal into interface{}: numbers become float64, strings valid UTF-8. */
/**
 * Says which positions decode into a Go `string` field (a struct target such as Chart.yaml's
 * chart.Metadata). Path elements are map keys, and `[]` for a list element.
 */
export type StringFieldTest = (path: readonly string[]) => boolean;

/** sigs.k8s.io/yaml's coercion of a number or bool decoded into a string field. */
function coerceToString(v: Raw): Raw {
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return formatFloat(v, 'g', -1, 32);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return v;
}

function toGo(v: Raw, stringAt?: StringFieldTest, path: string[] = []): GoValue {
  if (stringAt && stringAt(path)) v = coerceToString(v);
  if (v === null || typeof v === 'boolean') return v;
  if (typeof v === 'string') return toValidUtf8(v);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) {
      throw new YamlError(
        'error converting YAML to JSON: json: unsupported value: ' + (Number.isNaN(v) ? 'NaN' : v > 0 ? '+Inf' : '-Inf'),
      );
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => toGo(x, stringAt, stringAt ? [...path, '[]'] : path));
  // JSON objects: keys in sorted order, so a NaN is reported for the first key in byte order.
  const entries: [string, Raw][] = [];
  const index = new Map<string, number>();
  for (let i = 0; i < v.keys.length; i++) {
    const k = toValidUtf8(keyString(v.keys[i], v.values[i]));
    const at = index.get(k);
    if (at !== undefined) entries[at][1] = v.values[i];
    else {
      index.set(k, entries.length);
      entries.push([k, v.values[i]]);
    }
  }
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const out = new Map<string, GoValue>();
  for (const [k, x] of entries) out.set(k, toGo(x, stringAt, stringAt ? [...path, k] : path));
  return out;
}

/** Go's %#v of a decoded value (used in go-yaml's and sigs.k8s.io/yaml's messages). */
export function goSyntax(v: Raw, inIface = false): string {
  if (v === null) return inIface ? 'interface {}(nil)' : '<nil>';
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'bigint') return v > INT64_MAX ? '0x' + v.toString(16) : v.toString();
  if (typeof v === 'number') return formatFloat(v, 'g', -1, 64);
  if (Array.isArray(v)) return '[]interface {}{' + v.map((x) => goSyntax(x, true)).join(', ') + '}';
  const parts: string[] = [];
  for (let i = 0; i < v.keys.length; i++) parts.push(goSyntax(v.keys[i], true) + ':' + goSyntax(v.values[i], true));
  return 'map[interface {}]interface {}{' + parts.join(', ') + '}';
}

// ---- entry points ----

function parseDocs(text: string): Document.Parsed[] {
  return parseAllDocuments(text, {
    version: '1.1',
    schema: 'failsafe',
    uniqueKeys: false,
    merge: false,
    strict: false,
    prettyErrors: false,
  }) as Document.Parsed[];
}

function firstError(doc: Document.Parsed, text: string): YamlError | null {
  if (doc.errors.length === 0) return null;
  const e = doc.errors[0];
  const { message, line, column } = syntaxErrorMessage(e, text);
  return new YamlError('error converting YAML to JSON: ' + message, line, column);
}

function wrapDecode(e: unknown): never {
  if (e instanceof YamlError && !e.message.startsWith('error ')) {
    throw new YamlError('error converting YAML to JSON: ' + e.message, e.line, e.column);
  }
  throw e;
}

/**
 * sigs.k8s.io/yaml Unmarshal of the first document into `interface{}`: the Go value, or
 * `undefined` for an empty stream (no document). Throws YamlError.
 */
export function parseYamlDocument(text: string, opts: { stringAt?: StringFieldTest } = {}): GoValue | undefined {
  const fast = fastParse(text);
  if (fast !== NOT_FAST) {
    try {
      checkKeys(fast);
    } catch (e) {
      wrapDecode(e);
    }
    return toGo(fast, opts.stringAt);
  }
  return parseYamlDocumentFully(text, opts);
}

/** parseYamlDocument through the `yaml` package: any YAML, and every error message. */
export function parseYamlDocumentFully(text: string, opts: { stringAt?: StringFieldTest } = {}): GoValue | undefined {
  let docs = parseDocs(text);
  if (docs.length === 0) return undefined;
  if (docs[0].errors.length > 0) {
    // libyaml accepts under-indented continuation lines in quoted scalars and flow collections.
    const fixed = reindentContinuations(text);
    if (fixed !== null) {
      const again = parseDocs(fixed);
      if (again.length > 0 && again[0].errors.length === 0) docs = again;
    }
  }
  const doc = docs[0];
  // libyaml has no empty implicit keys (`: x`); the `yaml` package accepts them.
  const emptyKey = emptyImplicitKeyLine(text);
  if (emptyKey !== null) {
    const errLine = doc.errors.length > 0 ? text.slice(0, doc.errors[0].pos[0]).split('\n').length - 1 : Infinity;
    if (emptyKey <= errLine) {
      throw new YamlError(
        'error converting YAML to JSON: yaml: ' + (emptyKey > 0 ? `line ${emptyKey}: ` : '') + 'did not find expected key',
        emptyKey + 1,
      );
    }
  }
  const err = firstError(doc, text);
  if (err) {
    // go-yaml composes as it parses: an unknown alias before the syntax error is reported first.
    const unknown = new Decoder(doc.contents as Node | null, text).firstUnknown;
    if (unknown && unknown.pos < doc.errors[0].pos[0]) {
      throw new YamlError(`error converting YAML to JSON: yaml: unknown anchor '${unknown.name}' referenced`);
    }
    throw err;
  }
  let raw: Raw;
  try {
    raw = new Decoder(doc.contents as Node | null, text).decode(doc.contents as Node | null);
    checkKeys(raw);
  } catch (e) {
    wrapDecode(e);
  }
  return toGo(raw, opts.stringAt);
}

/** The JSON kind of a decoded value, as Go's encoding/json names it in unmarshal errors. */
export function jsonKind(v: GoValue): string {
  if (v instanceof Map) return 'object';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'null';
}

/** sigs.k8s.io/yaml Unmarshal into a `map[string]interface{}`. Throws YamlError. */
export function unmarshalMap(text: string): Map<string, GoValue> {
  const v = parseYamlDocument(text);
  if (v === undefined || v === null) return new Map();
  if (v instanceof Map) return v;
  throw new YamlError(
    `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`,
  );
}

/** sigs.k8s.io/yaml Unmarshal into a `[]interface{}`. Throws YamlError. */
export function unmarshalArray(text: string): GoValue[] {
  const v = parseYamlDocument(text);
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  throw new YamlError(
    `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type []interface {}`,
  );
}

export interface LoadValuesOptions {
  /**
   * Multi-document values files: helm 3 reads the first document only; helm 4 reads every
   * document and merges them in order (maps merged recursively, anything else replaced), and
   * prefixes errors with `cannot unmarshal yaml document: `.
   */
  readonly compat?: 'helm3' | 'helm4';
}

/**
 * Splits a stream at `---` lines the way helm 4's document reader does: a line starting with
 * `---` is a separator; anything after it other than spaces or a comment is an error.
 */
function splitDocuments(text: string): string[] {
  const docs: string[] = [];
  let cur: string[] = [];
  for (const line of text.split('\n')) {
    if (line.startsWith('---')) {
      const rest = line.slice(3).trim();
      if (rest !== '' && !rest.startsWith('#')) {
        throw new YamlError('error reading yaml document: invalid Yaml document separator: ' + rest);
      }
      docs.push(cur.join('\n'));
      cur = [];
    } else cur.push(line);
  }
  docs.push(cur.join('\n'));
  return docs;
}

function mergeInto(dst: Map<string, GoValue>, src: Map<string, GoValue>): void {
  for (const [k, v] of src) {
    const cur = dst.get(k);
    if (cur instanceof Map && v instanceof Map) mergeInto(cur, v);
    else dst.set(k, v);
  }
}

/**
 * A values file (values.yaml, `-f`) as helm reads it: a `map[string]interface{}` (empty for an
 * empty file). Throws YamlError whose message is what helm prints after `cannot load values.yaml: `.
 */
export function loadValues(text: string, opts: LoadValuesOptions = {}): Map<string, GoValue> {
  // Rendering the same chart again re-reads the same values.yaml and -f files: parsing YAML
  // costs far more than copying the result, so parsed files are remembered by their text and
  // every caller gets its own deep copy (coalescing and templates mutate values).
  const key = `${opts.compat === 'helm4' ? '4' : '3'}${text}`;
  const hit = parsedValues.get(key);
  if (hit !== undefined) {
    if (hit instanceof YamlError) throw hit;
    return deepCopyValue(hit) as Map<string, GoValue>;
  }
  let result: Map<string, GoValue> | YamlError;
  try {
    result = loadValuesUncached(text, opts);
  } catch (e) {
    if (!(e instanceof YamlError)) throw e;
    result = e;
  }
  if (parsedValues.size >= PARSED_VALUES_MAX) parsedValues.delete(parsedValues.keys().next().value as string);
  parsedValues.set(key, result);
  if (result instanceof YamlError) throw result;
  return deepCopyValue(result) as Map<string, GoValue>;
}

/** Parsed values files by compat and text, oldest first; bounded so memory stays small. */
const parsedValues = new Map<string, Map<string, GoValue> | YamlError>();
const PARSED_VALUES_MAX = 64;

function loadValuesUncached(text: string, opts: LoadValuesOptions): Map<string, GoValue> {
  if (opts.compat !== 'helm4') return unmarshalMap(text);
  const out = new Map<string, GoValue>();
  for (const part of splitDocuments(text)) {
    if (part.trim() === '') continue;
    let m: Map<string, GoValue>;
    try {
      m = unmarshalMap(part);
    } catch (e) {
      if (e instanceof YamlError) throw new YamlError('cannot unmarshal yaml document: ' + e.message, e.line, e.column);
      throw e;
    }
    mergeInto(out, m);
  }
  return out;
}

/** helm's `fromYaml`: a map; on error a map with the message under "Error". */
export function fromYaml(text: string): Map<string, GoValue> {
  try {
    return unmarshalMap(text);
  } catch (e) {
    if (e instanceof YamlError) return new Map<string, GoValue>([['Error', e.message]]);
    throw e;
  }
}

/** helm's `fromYamlArray`: a list; on error a list holding only the message. */
export function fromYamlArray(text: string): GoValue[] {
  try {
    return unmarshalArray(text);
  } catch (e) {
    if (e instanceof YamlError) return [e.message];
    throw e;
  }
}

