/**
 * Reading one IstioOperator YAML file into plain data plus a SourceMap, reporting every way the
 * file itself can be wrong (before any schema check) as Issues.
 *
 * YAML version: istioctl 1.11 reads IstioOperator files with sigs.k8s.io/yaml (go-yaml v2, YAML
 * 1.1 typing), so we parse with the `yaml` package in YAML 1.1 mode: `yes/no/on/off/y/n` are
 * booleans, `0755` is octal, `1_000` is an int. Two go-yaml v2 differences are kept: timestamps
 * stay strings and sexagesimal numbers (`1:20`) stay strings. Map keys become strings (a key
 * written `yes` is the key "true"), as the JSON round trip of sigs.k8s.io/yaml makes them.
 *
 * Unlike go-yaml, duplicate keys are an error here (go-yaml silently keeps the last one, which
 * hides typos), and `.nan`/`.inf` are rejected (they cannot be JSON).
 *
 * Objects are created with a null prototype, so a key such as `__proto__` is plain data.
 *
 * The SourceMap maps the JSON pointer of every node to where it was written: for a map entry the
 * position of its key, for a list item the position of the item, for the root the first node.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type ParsedNode,
} from 'yaml';
import { pointerToPath, type Issue, type SourceMap, type SourcePosition } from './issues.js';
import { binaryProblem, decodeUtf8, describeNode, goYamlTags, yamlSyntaxMessage } from './yaml-text.js';

export const ISTIO_OPERATOR_API_VERSION = 'install.istio.io/v1alpha1';
export const ISTIO_OPERATOR_KIND = 'IstioOperator';

export type ParseResult =
  | { readonly ok: true; readonly value: Record<string, unknown>; readonly sourceMap: SourceMap }
  | { readonly ok: false; readonly issues: Issue[] };

/** Stable codes of the issues this module reports. */
export const LOAD_CODES = {
  syntax: 'yaml-syntax',
  duplicateKey: 'duplicate-key',
  multipleDocuments: 'multiple-documents',
  notAMapping: 'not-a-mapping',
  wrongKind: 'wrong-kind',
  wrongApiVersion: 'wrong-api-version',
  missingKind: 'missing-kind',
  missingApiVersion: 'missing-api-version',
  empty: 'empty-file',
  binary: 'binary-content',
  invalidUtf8: 'invalid-utf8',
  unsupportedValue: 'unsupported-yaml-value',
  tooComplex: 'too-complex',
} as const;

/** Deeper nesting than this is rejected (no legitimate IstioOperator comes near it). */
const MAX_DEPTH = 200;
/** Alias expansion budget (nodes built in total), against "billion laughs" documents. */
const MAX_NODES = 200_000;

/**
 * Decodes bytes as strict UTF-8 (a leading BOM is dropped) and parses them; invalid UTF-8 is an
 * issue located at the first bad byte.
 */
export function parseIstioOperatorBytes(bytes: Uint8Array, file: string): ParseResult {
  const decoded = decodeUtf8(bytes, file, LOAD_CODES.invalidUtf8, 'an IstioOperator must be a UTF-8 YAML file');
  if ('issue' in decoded) return fail(decoded.issue);
  const text = decoded.text;
  return parseIstioOperatorYaml(text, file);
}

/** Parses one IstioOperator YAML document (see the module comment for the rules). */
export function parseIstioOperatorYaml(text: string, file: string): ParseResult {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const binary = binaryProblem(text, file, LOAD_CODES.binary, 'an IstioOperator must be a YAML text file');
  if (binary) return fail(binary);

  const lineCounter = new LineCounter();
  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      version: '1.1',
      lineCounter,
      uniqueKeys: false,
      prettyErrors: false,
      merge: true,
      customTags: goYamlTags,
    }) as Document.Parsed[];
  } catch (e) {
    return fail({ severity: 'error', code: LOAD_CODES.syntax, path: '', message: `cannot parse YAML: ${e instanceof Error ? e.message : String(e)}`, source: { file, line: 1, column: 1 } });
  }
  const pos = (offset: number): SourcePosition => {
    const lp = lineCounter.linePos(offset);
    return { file, line: lp.line, column: lp.col };
  };

  const syntax: Issue[] = [];
  for (const doc of docs) {
    for (const err of doc.errors) {
      const { message, at } = yamlSyntaxMessage(text, err.code, err.message, err.pos[0]);
      syntax.push({ severity: 'error', code: LOAD_CODES.syntax, path: '', message, source: pos(at) });
    }
  }
  if (syntax.length > 0) return fail(...syntax);

  const nonEmpty = docs.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.value === null && d.contents.source === ''));
  if (nonEmpty.length === 0) {
    return fail({ severity: 'error', code: LOAD_CODES.empty, path: '', message: 'the file holds no YAML document; expected one IstioOperator', source: { file, line: 1, column: 1 } });
  }
  if (nonEmpty.length > 1) {
    const second = nonEmpty[1] as Document.Parsed;
    return fail({
      severity: 'error',
      code: LOAD_CODES.multipleDocuments,
      path: '',
      message: `the file holds ${nonEmpty.length} YAML documents; only one IstioOperator per file is allowed`,
      source: pos(second.range[0]),
      suggestion: 'put each IstioOperator in its own file and pass several -f flags',
    });
  }
  const doc = nonEmpty[0] as Document.Parsed;
  const root = doc.contents as ParsedNode;
  if (!isMap(root)) {
    return fail({
      severity: 'error',
      code: LOAD_CODES.notAMapping,
      path: '',
      message: `the document is ${describeNode(root, doc)}; expected a mapping with apiVersion, kind and spec`,
      source: pos(root.range[0]),
    });
  }

  const builder = new Builder(doc, pos);
  const value = builder.build(root, '', 0);
  if (builder.issues.length > 0) return fail(...builder.issues);
  const obj = value as Record<string, unknown>;
  const rootPos = pos(root.range[0]);
  const sourceMap = builder.sourceMap;
  sourceMap.set('', rootPos);

  const header: Issue[] = [];
  const kind = obj['kind'];
  if (kind === undefined) {
    header.push({ severity: 'error', code: LOAD_CODES.missingKind, path: 'kind', message: `missing kind; expected "kind: ${ISTIO_OPERATOR_KIND}"`, source: rootPos });
  } else if (kind !== ISTIO_OPERATOR_KIND) {
    header.push({
      severity: 'error',
      code: LOAD_CODES.wrongKind,
      path: 'kind',
      message: `expected "${ISTIO_OPERATOR_KIND}", got ${JSON.stringify(kind)}: this file is not an IstioOperator`,
      source: sourceMap.get('/kind') ?? rootPos,
    });
  }
  const apiVersion = obj['apiVersion'];
  if (apiVersion === undefined) {
    header.push({ severity: 'error', code: LOAD_CODES.missingApiVersion, path: 'apiVersion', message: `missing apiVersion; expected "apiVersion: ${ISTIO_OPERATOR_API_VERSION}"`, source: rootPos });
  } else if (apiVersion !== ISTIO_OPERATOR_API_VERSION) {
    header.push({
      severity: 'error',
      code: LOAD_CODES.wrongApiVersion,
      path: 'apiVersion',
      message: `expected "${ISTIO_OPERATOR_API_VERSION}", got ${JSON.stringify(apiVersion)}`,
      source: sourceMap.get('/apiVersion') ?? rootPos,
    });
  }
  if (header.length > 0) return fail(...header.sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0)));
  return { ok: true, value: obj, sourceMap };
}

function fail(...issues: Issue[]): ParseResult {
  return { ok: false, issues };
}

/** Escapes one JSON pointer segment. */
export function pointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Builds plain data from the YAML tree, recording positions and structural problems. */
class Builder {
  readonly issues: Issue[] = [];
  readonly sourceMap = new Map<string, SourcePosition>();
  private nodes = 0;
  private stopped = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly pos: (offset: number) => SourcePosition,
  ) {}

  build(node: Node | null | undefined, pointer: string, depth: number): unknown {
    if (this.stopped) return null;
    if (++this.nodes > MAX_NODES || depth > MAX_DEPTH) {
      this.stopped = true;
      this.issues.push({
        severity: 'error',
        code: LOAD_CODES.tooComplex,
        path: '',
        message: depth > MAX_DEPTH ? `the document nests deeper than ${MAX_DEPTH} levels` : `the document expands to more than ${MAX_NODES} nodes (aliases)`,
        source: this.pos(node?.range?.[0] ?? 0),
      });
      return null;
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) {
        this.issues.push({
          severity: 'error',
          code: LOAD_CODES.syntax,
          path: pointerToPath(pointer),
          message: `invalid YAML: the alias *${node.source} refers to no anchor &${node.source} defined before it`,
          source: this.pos(node.range?.[0] ?? 0),
        });
        return null;
      }
      // An alias refers back to an anchor; building the target again gives an independent copy.
      return this.build(target, pointer, depth + 1);
    }
    if (isScalar(node)) return this.scalar(node.value, node.source, pointer, node.range?.[0] ?? 0);
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        const ptr = `${pointer}/${i}`;
        if (isPair(item)) {
          // `- a: 1` inside an explicit !!set/!!omap is still a mapping item.
          const m = Object.create(null) as Record<string, unknown>;
          this.pair(item, m, ptr, depth + 1, new Map());
          out.push(m);
          return;
        }
        const n = item as Node | null;
        if (n && n.range && !this.sourceMap.has(ptr)) this.sourceMap.set(ptr, this.pos(n.range[0]));
        out.push(this.build(n, ptr, depth + 1));
      });
      return out;
    }
    if (isMap(node)) {
      const out = Object.create(null) as Record<string, unknown>;
      const seen = new Map<string, SourcePosition>();
      const isMergeKey = (pair: Pair): boolean =>
        isScalar(pair.key) && pair.key.type === 'PLAIN' && (typeof pair.key.value === 'symbol' || pair.key.value === '<<');
      // Merged entries first, so the mapping's own keys (and their positions) override them.
      for (const pair of node.items) if (isMergeKey(pair)) this.merge(pair.value as Node | null, out, pointer, depth);
      for (const pair of node.items) if (!isMergeKey(pair)) this.pair(pair, out, pointer, depth, seen);
      return out;
    }
    return null;
  }

  private scalar(v: unknown, source: string | undefined, pointer: string, offset: number): unknown {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        this.issues.push({
          severity: 'error',
          code: LOAD_CODES.unsupportedValue,
          path: pointerToPath(pointer),
          message: `${source ?? String(v)} is not a finite number; NaN and infinities cannot be represented`,
          source: this.pos(offset),
        });
        return null;
      }
      return v;
    }
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Uint8Array) return new TextDecoder('utf-8').decode(v);
    if (v instanceof Date) return source ?? v.toISOString();
    return source ?? String(v);
  }

  private keyString(pair: Pair): { key: string; offset: number } | undefined {
    const k = pair.key as Node | null;
    const offset = k?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? 0;
    if (k === null || k === undefined) return { key: '', offset };
    let node: Node | undefined = k;
    if (isAlias(node)) node = node.resolve(this.doc);
    if (node && isScalar(node)) {
      const v = node.value;
      if (v === null || v === undefined) return { key: 'null', offset };
      if (typeof v === 'string') return { key: v, offset };
      if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return { key: String(v), offset };
      return { key: node.source ?? String(v), offset };
    }
    this.issues.push({
      severity: 'error',
      code: LOAD_CODES.unsupportedValue,
      path: '',
      message: 'a mapping key must be a plain value, not a list or mapping',
      source: this.pos(offset),
    });
    return undefined;
  }

  private pair(pair: Pair, out: Record<string, unknown>, pointer: string, depth: number, seen: Map<string, SourcePosition>): void {
    const ks = this.keyString(pair);
    if (!ks) return;
    const ptr = `${pointer}/${pointerSegment(ks.key)}`;
    const here = this.pos(ks.offset);
    const first = seen.get(ks.key);
    if (first) {
      this.issues.push({
        severity: 'error',
        code: LOAD_CODES.duplicateKey,
        path: pointerToPath(ptr),
        message: `duplicate key ${JSON.stringify(ks.key)} (first written at line ${first.line}, column ${first.column}); YAML keys must be unique`,
        source: here,
      });
      return;
    }
    seen.set(ks.key, here);
    this.sourceMap.set(ptr, here);
    out[ks.key] = this.build(pair.value as Node | null, ptr, depth + 1);
  }

  /** YAML 1.1 merge key: entries of the merged mapping(s) that the mapping does not set itself. */
  private merge(value: Node | null, out: Record<string, unknown>, pointer: string, depth: number): void {
    let node = value;
    if (node && isAlias(node)) node = node.resolve(this.doc) ?? null;
    const sources: (Node | null)[] = node && isSeq(node) ? (node.items as (Node | null)[]) : [node];
    for (let s of sources) {
      if (s && isAlias(s)) s = s.resolve(this.doc) ?? null;
      if (!s || !isMap(s)) {
        this.issues.push({
          severity: 'error',
          code: LOAD_CODES.unsupportedValue,
          path: '',
          message: 'a merge key (<<) must refer to a mapping or a list of mappings',
          source: this.pos(value?.range?.[0] ?? 0),
        });
        return;
      }
      const merged = this.build(s, pointer, depth + 1) as Record<string, unknown>;
      for (const k of Object.keys(merged)) {
        if (!Object.prototype.hasOwnProperty.call(out, k)) out[k] = merged[k];
      }
    }
  }
}
