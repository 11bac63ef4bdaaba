/**
 * Reading the IstioOperator JSON Schema (schema/*.json, draft-07) to learn which JSON types a
 * path may hold, so `--set` converts its text by the schema instead of guessing.
 *
 * A `SchemaIndex` holds the schema documents by `$id` and resolves `$ref`s between them
 * (`"values.schema.json"`, `"k8s.schema.json#/definitions/X"`, `"#/definitions/Y"`).
 */
import { isMap } from './tree.js';

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

/** The JSON types a path may hold; `any` when the schema does not constrain it (or does not know the path). */
export type TypeSet = ReadonlySet<JsonType> | 'any';

type SchemaNode = Readonly<Record<string, unknown>>;
interface Loc {
  readonly node: SchemaNode | boolean;
  readonly doc: string;
}

const JSON_TYPES: ReadonlySet<string> = new Set(['string', 'integer', 'number', 'boolean', 'object', 'array', 'null']);
const MAX_REF_DEPTH = 64;

export class SchemaIndex {
  private readonly docs = new Map<string, SchemaNode>();
  private readonly cache = new Map<string, TypeSet>();

  /** `docs`: the schema documents, each with its `$id`; `rootId`: the IstioOperator document's `$id`. */
  constructor(
    docs: readonly object[],
    private readonly rootId: string,
  ) {
    for (const d of docs) {
      const id = (d as Record<string, unknown>)['$id'];
      if (typeof id === 'string') this.docs.set(id, d as SchemaNode);
    }
    if (!this.docs.has(rootId)) throw new Error(`SchemaIndex: no schema document with $id ${rootId}`);
  }

  /**
   * The types allowed at `path` below the document root. Path steps are map keys, or `null`
   * for "an item of a list".
   */
  typesAt(path: readonly (string | null)[]): TypeSet {
    const cacheKey = JSON.stringify(path);
    const hit = this.cache.get(cacheKey);
    if (hit) return hit;
    let locs: Loc[] | 'any' = this.expand([{ node: this.docs.get(this.rootId) as SchemaNode, doc: this.rootId }]);
    for (const step of path) {
      if (locs === 'any') break;
      locs = this.step(locs, step);
    }
    const types = locs === 'any' ? 'any' : this.types(locs);
    this.cache.set(cacheKey, types);
    return types;
  }

  /** Follows `$ref`s and `allOf`/`anyOf`/`oneOf` into the plain schemas they stand for. */
  private expand(locs: readonly Loc[], depth = 0): Loc[] {
    const out: Loc[] = [];
    for (const loc of locs) {
      const n = loc.node;
      if (typeof n === 'boolean') {
        out.push(loc);
        continue;
      }
      const ref = n['$ref'];
      if (typeof ref === 'string') {
        const target = this.resolve(ref, loc.doc);
        if (target && depth < MAX_REF_DEPTH) out.push(...this.expand([target], depth + 1));
        else out.push({ node: true, doc: loc.doc });
        continue;
      }
      let branched = false;
      for (const comb of ['allOf', 'anyOf', 'oneOf']) {
        const list = n[comb];
        if (Array.isArray(list)) {
          branched = true;
          out.push(...this.expand(list.map((s) => ({ node: s as SchemaNode, doc: loc.doc })), depth + 1));
        }
      }
      // A schema with its own keywords next to a combinator still constrains on its own.
      if (!branched || constrains(n)) out.push(loc);
    }
    return out;
  }

  private resolve(ref: string, fromDoc: string): Loc | undefined {
    const hash = ref.indexOf('#');
    const docId = hash < 0 ? ref : ref.slice(0, hash) || fromDoc;
    const pointer = hash < 0 ? '' : ref.slice(hash + 1);
    let node: unknown = this.docs.get(docId);
    if (node === undefined) return undefined;
    if (pointer !== '') {
      for (const raw of pointer.replace(/^\//, '').split('/')) {
        const seg = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
        if (!isMap(node) || !Object.prototype.hasOwnProperty.call(node, seg)) return undefined;
        node = node[seg];
      }
    }
    if (typeof node !== 'boolean' && !isMap(node)) return undefined;
    return { node: node as SchemaNode | boolean, doc: docId };
  }

  private step(locs: readonly Loc[], step: string | null): Loc[] | 'any' {
    const next: Loc[] = [];
    for (const { node, doc } of locs) {
      if (node === true) return 'any';
      if (node === false) continue;
      if (step === null) {
        const items = node['items'];
        if (items === undefined) {
          if (allowsType(node, 'array')) return 'any';
          continue;
        }
        const item = Array.isArray(items) ? items[0] : items;
        if (item !== undefined) next.push({ node: item as SchemaNode, doc });
        continue;
      }
      const props = node['properties'];
      if (isMap(props) && Object.prototype.hasOwnProperty.call(props, step)) {
        next.push({ node: props[step] as SchemaNode, doc });
        continue;
      }
      const patterns = node['patternProperties'];
      let matched = false;
      if (isMap(patterns)) {
        for (const p of Object.keys(patterns)) {
          if (safeTest(p, step)) {
            next.push({ node: patterns[p] as SchemaNode, doc });
            matched = true;
          }
        }
      }
      if (matched) continue;
      const extra = node['additionalProperties'];
      if (extra === false) continue;
      if (extra === undefined || extra === true) {
        if (allowsType(node, 'object')) return 'any';
        continue;
      }
      next.push({ node: extra as SchemaNode, doc });
    }
    // A path the schema does not know: validation reports it; --set treats it as unconstrained.
    if (next.length === 0) return 'any';
    return this.expand(next);
  }

  private types(locs: readonly Loc[]): TypeSet {
    const out = new Set<JsonType>();
    for (const { node } of locs) {
      if (node === true) return 'any';
      if (node === false) continue;
      const t = node['type'];
      if (typeof t === 'string' && JSON_TYPES.has(t)) {
        out.add(t as JsonType);
      } else if (Array.isArray(t)) {
        for (const x of t) if (typeof x === 'string' && JSON_TYPES.has(x)) out.add(x as JsonType);
      } else {
        const values = Array.isArray(node['enum']) ? (node['enum'] as unknown[]) : 'const' in node ? [node['const']] : undefined;
        if (values) for (const v of values) out.add(jsonTypeOf(v));
        else if ('properties' in node || 'additionalProperties' in node) out.add('object');
        else if ('items' in node) out.add('array');
        else return 'any';
      }
    }
    if (out.has('integer') && out.has('number')) out.delete('integer');
    return out.size === 0 ? 'any' : out;
  }
}

function constrains(n: SchemaNode): boolean {
  return 'type' in n || 'enum' in n || 'const' in n || 'properties' in n || 'items' in n || 'additionalProperties' in n;
}

function allowsType(n: SchemaNode, t: JsonType): boolean {
  const type = n['type'];
  if (type === undefined) return true;
  if (typeof type === 'string') return type === t;
  return Array.isArray(type) && type.includes(t);
}

function jsonTypeOf(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  if (typeof v === 'string') return 'string';
  return 'object';
}

/** Pattern properties come from our own schema files, never from users. */
function safeTest(pattern: string, key: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(key);
  } catch {
    return false;
  }
}
