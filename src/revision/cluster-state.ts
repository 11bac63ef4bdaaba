/**
 * A cluster snapshot (`--cluster-state FILE`): the objects of a cluster as `kubectl get ... -A -o yaml`
 * prints them, read offline by `tag list`, `revision list` and `uninstall --dry-run`.
 *
 * Accepted input (docs/cluster-state.md):
 * - a `kind: List` (or any `*List` kind) with `items`, as kubectl prints it for several resources;
 * - single objects (a document with apiVersion, kind and metadata);
 * - several such documents joined with `---` (several kubectl outputs concatenated);
 * - JSON (`kubectl get -o json`), which is YAML too;
 * - empty documents and `items: null` / `items: []` (kubectl prints `items: []` when nothing matched).
 *
 * Every item must be a mapping with string `apiVersion`, `kind`, `metadata.name`, an optional string
 * `metadata.namespace`, and string-to-string `metadata.labels` / `metadata.annotations` (what the API
 * server guarantees). Anything else is an error naming the file, line, document and field:
 * `snap.yaml:12:7: error: items[3].metadata.name: document 2: expected a string, found a number`.
 * YAML is read with YAML 1.1 scalars and go-yaml v2's exceptions (timestamps stay strings), as
 * kubectl writes it. The same object (kind, namespace, name) given twice is kept once (the last
 * copy) with a warning, so concatenating overlapping kubectl outputs is harmless.
 *
 * Never throws: binary garbage, deep nesting and alias bombs give issues. Keys such as `__proto__`
 * become own data properties, never prototypes.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Issue, SourcePosition } from '../operator/issues.js';
import type { KubeObject, Labels } from './types.js';
import { goYamlTags } from '../operator/yaml-text.js';

export interface ClusterState {
  /** The snapshot's file name as the user gave it. */
  readonly file: string;
  /** Every object of the snapshot, in file order (duplicates removed). */
  readonly objects: readonly KubeObject[];
  /** Objects of this kind (`Pod`, `MutatingWebhookConfiguration`, ...), in file order. */
  ofKind(kind: string): readonly KubeObject[];
  /** Labels of the Namespace object `name`; undefined when the snapshot has no such Namespace. */
  namespaceLabels(name: string): Labels | undefined;
}

export type ParseClusterStateResult =
  | { readonly success: true; readonly state: ClusterState; readonly warnings: readonly Issue[] }
  | { readonly success: false; readonly issues: readonly Issue[] };

export const CLUSTER_STATE_CODES = {
  parse: 'cluster-state-parse',
  invalid: 'cluster-state-invalid',
  duplicate: 'cluster-state-duplicate',
  binary: 'cluster-state-binary',
} as const;

const MAX_DEPTH = 200;
/** Indentation columns plus chained `- ` entries of one line the pre-scan accepts (the parser copes with 1000 levels of block nesting). */
const MAX_BLOCK_COLUMNS = 1000;
const MAX_NODES = 5_000_000;
const MAX_ISSUES = 50;
/** Nodes built through aliases (kubectl never writes aliases; this stops alias bombs early). */
const MAX_ALIASED_NODES = 100_000;

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number' || typeof v === 'bigint') return `a number (${String(v)})`;
  if (typeof v === 'boolean') return `a boolean (${String(v)})`;
  return typeof v;
}

class TooComplex extends Error {}

/** Plain JSON value of a YAML node, with the position of each node kept in `positions`. */
class Converter {
  private nodes = 0;
  private aliased = 0;
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly positions: Map<unknown, { line: number; column: number }>,
  ) {}

  private pos(node: Node | null | undefined): { line: number; column: number } | undefined {
    const r = node?.range;
    if (!r) return undefined;
    const p = this.lines.linePos(r[0]);
    return { line: p.line, column: p.col };
  }

  convert(node: unknown, depth: number, keyPos?: { line: number; column: number }, viaAlias = false): unknown {
    if (++this.nodes > MAX_NODES || depth > MAX_DEPTH || (viaAlias && ++this.aliased > MAX_ALIASED_NODES)) throw new TooComplex();
    if (isAlias(node)) return this.convert(node.resolve(this.doc), depth + 1, keyPos, true);
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'bigint') return Number(v);
      if (v instanceof Uint8Array) return String(node.source);
      return v;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      const at: ({ line: number; column: number } | undefined)[] = [];
      for (const item of node.items) {
        const v = this.convert(item, depth + 1, undefined, viaAlias);
        out.push(v);
        const p = this.pos(item as Node);
        at.push(p);
        if (p && v !== null && typeof v === 'object') this.positions.set(v, p);
      }
      itemPositions.set(out, at);
      const own = keyPos ?? this.pos(node);
      if (own) this.positions.set(out, own);
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const keys = new Map<string, { line: number; column: number }>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = this.convert(pair.key, depth + 1, undefined, viaAlias);
        const key = k === null || k === undefined ? '' : typeof k === 'object' ? JSON.stringify(k) : String(k as string | number | boolean);
        const kp = this.pos(pair.key as Node) ?? this.pos(node);
        const v = this.convert(pair.value, depth + 1, kp, viaAlias);
        Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
        if (kp) keys.set(key, kp);
      }
      keyPositions.set(out, keys);
      const own = keyPos ?? this.pos(node);
      if (own) this.positions.set(out, own);
      return out;
    }
    return null;
  }
}

/** Positions of the keys of each converted mapping (where `key:` was written). */
const keyPositions = new WeakMap<object, Map<string, { line: number; column: number }>>();
/** Positions of the items of each converted sequence. */
const itemPositions = new WeakMap<object, ({ line: number; column: number } | undefined)[]>();

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function own(o: Record<string, unknown>, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 8192);
  if (sample.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd) bad++;
  }
  return sample.length > 0 && bad / sample.length > 0.1;
}

/**
 * Where the text nests deeper than `limit` (flow collections, or block indentation plus chained
 * `- ` entries), found by a light scan before the YAML parser runs: the parser recurses once per
 * level, and at thousands of levels the engine can die outright instead of throwing. Quoted
 * scalars, comments and block scalar contents are skipped; outside flow collections a `[`/`{` only
 * counts where a value starts.
 */
export function nestingTooDeep(text: string, limit: number, blockLimit = limit): { line: number; column: number } | undefined {
  let line = 1;
  let depth = 0;
  let quote: '' | "'" | '"' = '';
  let blockIndent = -1; // > -1: inside a block scalar whose parent line had this indentation
  let i = 0;
  const n = text.length;
  while (i < n) {
    // At the start of a line (not inside a quoted scalar).
    const lineStart = i;
    let indent = 0;
    while (i < n && text[i] === ' ') i++;
    indent = i - lineStart;
    const blank = i >= n || text[i] === '\n' || text[i] === '\r' || text[i] === '#';
    if (quote === '' && blockIndent >= 0 && (blank || indent > blockIndent)) {
      while (i < n && text[i] !== '\n') i++;
      i++;
      line++;
      continue;
    }
    if (quote === '') blockIndent = -1;
    let valueStart = quote === '';
    let dashes = 0;
    let contentEnd = i; // end of the line's content before any comment
    while (i < n && text[i] !== '\n') {
      const c = text[i] ?? '';
      if (quote !== '') {
        if (c === quote) {
          if (quote === "'" && text[i + 1] === "'") i++;
          else quote = '';
        } else if (quote === '"' && c === '\\') i++;
        i++;
        continue;
      }
      const next = text[i + 1] ?? '\n';
      const spaceNext = next === ' ' || next === '\n' || next === '\r' || next === '\t';
      if (c === '#' && (i === lineStart || text[i - 1] === ' ' || text[i - 1] === '\t')) {
        while (i < n && text[i] !== '\n') i++;
        break;
      }
      if (c === ' ' || c === '\t' || c === '\r') {
        i++;
        continue;
      }
      if (valueStart && (c === "'" || c === '"')) {
        quote = c;
        valueStart = false;
      } else if ((c === '[' || c === '{') && (valueStart || depth > 0)) {
        depth++;
        if (depth > limit) return { line, column: i - lineStart + 1 };
        valueStart = true;
      } else if ((c === ']' || c === '}') && depth > 0) {
        depth--;
        valueStart = false;
      } else if (depth > 0 && (c === ',' || c === ':')) valueStart = true;
      else if (depth === 0 && (c === '-' || c === '?' || c === ':') && spaceNext) {
        if (c === '-' && valueStart) dashes++;
        valueStart = true;
      } else valueStart = false;
      i++;
      contentEnd = i;
    }
    if (quote === '' && depth === 0 && /(?:^|[\s])[|>][-+0-9]*$/.test(text.slice(lineStart, contentEnd))) blockIndent = indent;
    if (indent + dashes > blockLimit) return { line, column: 1 };
    i++;
    line++;
  }
  return undefined;
}

function objectKey(o: KubeObject): string {
  const group = o.apiVersion.includes('/') ? o.apiVersion.slice(0, o.apiVersion.indexOf('/')) : '';
  return `${group}\u0000${o.kind}\u0000${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;
}

/** A ClusterState over already valid objects (tests and generated snapshots use it directly). */
export function clusterStateOf(objects: readonly KubeObject[], file = '<cluster-state>'): ClusterState {
  const byKind = new Map<string, KubeObject[]>();
  const namespaces = new Map<string, Labels>();
  for (const o of objects) {
    const list = byKind.get(o.kind);
    if (list) list.push(o);
    else byKind.set(o.kind, [o]);
    if (o.kind === 'Namespace' && !o.metadata.namespace) namespaces.set(o.metadata.name, o.metadata.labels ?? {});
  }
  return {
    file,
    objects,
    ofKind: (kind) => byKind.get(kind) ?? [],
    namespaceLabels: (name) => namespaces.get(name),
  };
}

/** Reads a snapshot; see the module comment for what is accepted. Never throws. */
export function parseClusterState(text: string, file: string): ParseClusterStateResult {
  try {
    return parseUnchecked(text, file);
  } catch (e) {
    const message = e instanceof TooComplex ? 'the file is nested too deeply or expands too many aliases' : `cannot read the file (${e instanceof Error ? e.message : String(e)})`;
    return { success: false, issues: [{ severity: 'error', code: CLUSTER_STATE_CODES.parse, path: '', message, source: { file, line: 1, column: 1 } }] };
  }
}

function parseUnchecked(text: string, file: string): ParseClusterStateResult {
  const at = (line: number, column: number): SourcePosition => ({ file, line, column });
  if (looksBinary(text)) {
    return {
      success: false,
      issues: [{ severity: 'error', code: CLUSTER_STATE_CODES.binary, path: '', message: 'this is not a text file (binary content); expected the YAML or JSON printed by kubectl get -o yaml', source: at(1, 1) }],
    };
  }
  const deep = nestingTooDeep(text, MAX_DEPTH, MAX_BLOCK_COLUMNS);
  if (deep) {
    return { success: false, issues: [{ severity: 'error', code: CLUSTER_STATE_CODES.parse, path: '', message: `the file nests deeper than ${MAX_DEPTH} levels; kubectl output never does`, source: at(deep.line, deep.column) }] };
  }
  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, version: '1.1', merge: true, prettyErrors: false, customTags: goYamlTags, uniqueKeys: false, logLevel: 'silent' });
  const list = Array.isArray(docs) ? docs : [docs];
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const objects: KubeObject[] = [];
  const push = (issue: Issue): void => {
    if (issues.length < MAX_ISSUES) issues.push(issue);
  };

  list.forEach((doc, d) => {
    const docNo = d + 1;
    if (doc.errors.length > 0) {
      const said = new Set<string>();
      for (const e of doc.errors.slice(0, 5)) {
        const p = lines.linePos(e.pos[0]);
        const key = `${p.line}:${p.col}:${e.message}`;
        if (said.has(key)) continue;
        said.add(key);
        push({ severity: 'error', code: CLUSTER_STATE_CODES.parse, path: '', message: `document ${docNo}: YAML syntax: ${e.message.split('\n')[0] ?? e.message}`, source: at(p.line, p.col) });
      }
      return;
    }
    if (doc.contents === null) return;
    const positions = new Map<unknown, { line: number; column: number }>();
    const value = new Converter(doc, lines, positions).convert(doc.contents, 0);
    const docStart = doc.contents.range ? lines.linePos(doc.contents.range[0]) : { line: 1, col: 1 };
    if (value === null || value === undefined) return;

    /** Issue at `path` below `base` (a mapping of the document), positioned at the key if known. */
    const fail = (path: string, message: string, holder: unknown, key: string | number | undefined): void => {
      let p: { line: number; column: number } | undefined;
      if (isRecord(holder) && typeof key === 'string') p = keyPositions.get(holder)?.get(key);
      if (!p && Array.isArray(holder) && typeof key === 'number') p = itemPositions.get(holder)?.[key];
      p ??= positions.get(holder) ?? { line: docStart.line, column: docStart.col };
      push({ severity: 'error', code: CLUSTER_STATE_CODES.invalid, path, message: `document ${docNo}: ${message}`, source: at(p.line, p.column) });
    };

    if (!isRecord(value)) {
      fail('', `expected a mapping (a kubectl List or one object), found ${describe(value)}`, value, undefined);
      return;
    }
    const kind = own(value, 'kind');
    const items = own(value, 'items');
    const isList = kind === 'List' || (typeof kind === 'string' && kind.endsWith('List') && Object.hasOwn(value, 'items')) || (kind === undefined && Object.hasOwn(value, 'items'));
    if (isList) {
      if (items === null || items === undefined) return;
      if (!Array.isArray(items)) {
        fail('items', `expected a list of objects, found ${describe(items)}`, value, 'items');
        return;
      }
      items.forEach((item, i) => {
        const o = checkObject(item, `items[${i}]`, (path, message, holder, key) => fail(path, message, holder ?? items, holder ? key : i));
        if (o) objects.push(o);
      });
      return;
    }
    const o = checkObject(value, '', (path, message, holder, key) => fail(path, message, holder ?? value, key));
    if (o) objects.push(o);
  });

  if (issues.length > 0) return { success: false, issues };

  const seen = new Map<string, number>();
  const unique: KubeObject[] = [];
  for (const o of objects) {
    const k = objectKey(o);
    const prev = seen.get(k);
    if (prev !== undefined) {
      unique[prev] = o;
      warnings.push({
        severity: 'warning',
        code: CLUSTER_STATE_CODES.duplicate,
        path: '',
        message: `${o.kind} ${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name} appears more than once; the last copy is used`,
        source: at(1, 1),
      });
    } else {
      seen.set(k, unique.length);
      unique.push(o);
    }
  }
  return { success: true, state: clusterStateOf(unique, file), warnings };
}

type Fail = (path: string, message: string, holder: unknown, key: string | number | undefined) => void;

function join(prefix: string, field: string): string {
  return prefix === '' ? field : `${prefix}.${field}`;
}

/** The object at `path`, or undefined after reporting why it is not a valid object. */
function checkObject(item: unknown, path: string, fail: Fail): KubeObject | undefined {
  if (!isRecord(item)) {
    fail(path, `expected an object (a mapping with apiVersion, kind and metadata), found ${describe(item)}`, undefined, undefined);
    return undefined;
  }
  let ok = true;
  for (const field of ['apiVersion', 'kind'] as const) {
    const v = own(item, field);
    if (typeof v !== 'string' || v === '') {
      fail(join(path, field), v === undefined ? 'missing; every object needs a non-empty string' : `expected a non-empty string, found ${describe(v)}`, item, Object.hasOwn(item, field) ? field : undefined);
      ok = false;
    }
  }
  const kind = own(item, 'kind');
  if (typeof kind === 'string' && kind === 'List') {
    fail(join(path, 'kind'), 'a List inside a List is not what kubectl prints; give its items directly', item, 'kind');
    return undefined;
  }
  const meta = own(item, 'metadata');
  if (!isRecord(meta)) {
    fail(join(path, 'metadata'), meta === undefined ? 'missing; every object needs metadata.name' : `expected a mapping, found ${describe(meta)}`, item, Object.hasOwn(item, 'metadata') ? 'metadata' : undefined);
    return undefined;
  }
  const mpath = join(path, 'metadata');
  const name = own(meta, 'name');
  if (typeof name !== 'string' || name === '') {
    fail(`${mpath}.name`, name === undefined ? 'missing; expected a string' : `expected a non-empty string, found ${describe(name)}`, meta, Object.hasOwn(meta, 'name') ? 'name' : undefined);
    ok = false;
  }
  const ns = own(meta, 'namespace');
  if (ns !== undefined && ns !== null && typeof ns !== 'string') {
    fail(`${mpath}.namespace`, `expected a string, found ${describe(ns)}`, meta, 'namespace');
    ok = false;
  }
  for (const field of ['labels', 'annotations'] as const) {
    const m = own(meta, field);
    if (m === undefined || m === null) continue;
    if (!isRecord(m)) {
      fail(`${mpath}.${field}`, `expected a mapping of strings, found ${describe(m)}`, meta, field);
      ok = false;
      continue;
    }
    for (const [k, v] of Object.entries(m)) {
      if (typeof v !== 'string') {
        fail(`${mpath}.${field}[${JSON.stringify(k)}]`, `expected a string, found ${describe(v)}`, m, k);
        ok = false;
      }
    }
  }
  if (!ok) return undefined;
  const metadata: Record<string, unknown> = { ...meta };
  if (ns === null || ns === '') delete metadata.namespace;
  if (own(meta, 'labels') === null) delete metadata.labels;
  if (own(meta, 'annotations') === null) delete metadata.annotations;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(item)) Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  out.metadata = metadata;
  return out as unknown as KubeObject;
}
