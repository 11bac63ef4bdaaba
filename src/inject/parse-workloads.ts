/**
 * Reading a workload file for `kube-inject`: every YAML document of the file as plain JSON data
 * plus where each of its nodes was written, reporting every way the file can be wrong as Issues
 * (all documents are checked; a bad file never crashes the reader).
 *
 * YAML is read as kubectl reads manifests (go-yaml v2 via sigs.k8s.io/yaml): YAML 1.1 scalars
 * (`yes`/`on` are booleans), timestamps and `1:20` stay strings, map keys become strings. Unlike
 * go-yaml, duplicate keys are an error (go-yaml keeps the last one silently).
 *
 * What is checked per document:
 * - it is a mapping with a non-empty string `apiVersion` and `kind` (else it is not Kubernetes YAML);
 * - a kind of a Kubernetes built-in group close to a kind Kubernetes has is a typo, an error
 *   (`apps/v1` `Deploymnet`); other kinds Kubernetes 1.25/1.34 does not serve there are passed
 *   through with a warning (`policy/v1beta1` `PodSecurityPolicy`); custom resources such as
 *   `networking.istio.io/v1beta1` `VirtualService` pass through;
 * - the workload kinds kube-inject changes (WORKLOAD_KINDS, and `v1` `List` items) are checked
 *   field by field against the Kubernetes API types: a wrong type (`containers[0].name: 5`) is an
 *   error, as Kubernetes' decoder refuses it; an unknown field is a warning (the decoder drops it).
 *
 * Issues name the document: path `document 2 (Deployment web): spec.template.spec.containers[0].name`,
 * so formatIssue prints `app.yaml:12:7: error: document 2 (Deployment web): spec...: expected a string, got integer 5`.
 * Document numbers in messages count from 1; `WorkloadDocument.index` counts from 0.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node, type Pair } from 'yaml';
import { type Issue, type SourcePosition } from '../operator/issues.js';
import { closestKey } from '../operator/suggest.js';
import { binaryProblem, decodeUtf8, describeNode, describeValue, goYamlTags, locateNode, shortYamlMessage, yamlSyntaxMessage } from '../operator/yaml-text.js';
import { formatPath, type Segment } from '../manifest/kube/issues.js';
import { KUBE_VERSIONS, kubeTables, own, type KubeTables } from '../manifest/kube/tables.js';
import { checkModel } from '../manifest/kube/walk.js';

export type { Segment } from '../manifest/kube/issues.js';

/** One YAML document of the workload file. */
export interface WorkloadDocument {
  /** Position among the file's YAML documents, from 0 (empty documents count). */
  readonly index: number;
  /** The document's text as written, without its `---` marker line (for passing it through unchanged). */
  readonly text: string;
  /** The document as JSON data; undefined for an empty document (only comments, or nothing). */
  readonly object: Record<string, unknown> | undefined;
  /** '' for an empty document. */
  readonly apiVersion: string;
  readonly kind: string;
  /** metadata.name, '' when absent (e.g. only generateName). */
  readonly name: string;
  readonly namespace?: string;
  /** `document 2 (Deployment web)`, `document 3 (List)`, `document 1` (numbered from 1). */
  readonly label: string;
  /** Where the document's content starts. */
  readonly source: SourcePosition;
  /** Where the node at `segs` (or the deepest existing node on the way) was written: a key for a map entry. */
  position(segs: readonly Segment[]): SourcePosition;
}

export type ParseWorkloadsResult =
  | { readonly success: true; readonly documents: readonly WorkloadDocument[]; readonly warnings: readonly Issue[] }
  | { readonly success: false; readonly issues: readonly Issue[] };

/** Stable codes of the issues of this module. */
export const WORKLOAD_CODES = {
  syntax: 'workload-yaml-syntax',
  duplicateKey: 'workload-duplicate-key',
  notAMapping: 'workload-not-a-mapping',
  notKubernetes: 'workload-not-kubernetes',
  unknownKind: 'workload-unknown-kind',
  type: 'workload-invalid-field',
  unknownField: 'workload-unknown-field',
  empty: 'workload-empty-file',
  binary: 'workload-binary-content',
  invalidUtf8: 'workload-invalid-utf8',
  unsupportedValue: 'workload-unsupported-yaml-value',
  tooComplex: 'workload-too-complex',
} as const;

/** The kinds kube-inject injects, with the API group versions it reads them in, and the model they are checked against. */
export const WORKLOAD_KINDS: Readonly<Record<string, { readonly apiVersions: readonly string[]; readonly checkAs: string }>> = {
  Pod: { apiVersions: ['v1'], checkAs: 'v1' },
  ReplicationController: { apiVersions: ['v1'], checkAs: 'v1' },
  Deployment: { apiVersions: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2', 'extensions/v1beta1'], checkAs: 'apps/v1' },
  StatefulSet: { apiVersions: ['apps/v1', 'apps/v1beta1', 'apps/v1beta2'], checkAs: 'apps/v1' },
  DaemonSet: { apiVersions: ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'], checkAs: 'apps/v1' },
  ReplicaSet: { apiVersions: ['apps/v1', 'apps/v1beta2', 'extensions/v1beta1'], checkAs: 'apps/v1' },
  Job: { apiVersions: ['batch/v1'], checkAs: 'batch/v1' },
  CronJob: { apiVersions: ['batch/v1', 'batch/v1beta1'], checkAs: 'batch/v1' },
};

const MAX_DEPTH = 200;
const MAX_NODES = 500_000;

/** Decodes bytes as strict UTF-8 (a leading BOM is dropped), then parseWorkloads. */
export function parseWorkloadsBytes(bytes: Uint8Array, file: string): ParseWorkloadsResult {
  const decoded = decodeUtf8(bytes, file, WORKLOAD_CODES.invalidUtf8, 'a workload file must be UTF-8 YAML');
  if ('issue' in decoded) return fail(decoded.issue);
  const text = decoded.text;
  return parseWorkloads(text, file);
}

/** Parses every YAML document of a workload file; see the module comment. */
export function parseWorkloads(text: string, file: string): ParseWorkloadsResult {
  try {
    const read = readYamlMappings(text, file, WORKLOADS);
    const issues: Issue[] = [...read.issues];
    const warnings: Issue[] = [];
    const documents: WorkloadDocument[] = [];
    for (const d of read.documents) {
      const before = issues.length;
      if (d.object !== undefined) checkDocument(d, issues, warnings);
      if (issues.length === before) documents.push(d);
    }
    if (issues.length > 0) return fail(...issues.sort((a, b) => (a.source?.line ?? 0) - (b.source?.line ?? 0) || (a.source?.column ?? 0) - (b.source?.column ?? 0)));
    if (!documents.some((d) => d.object !== undefined)) {
      return fail({
        severity: 'error',
        code: WORKLOAD_CODES.empty,
        path: '',
        message: `the file holds no YAML document; expected ${WORKLOADS.expected}`,
        source: { file, line: 1, column: 1 },
      });
    }
    return { success: true, documents, warnings };
  } catch (e) {
    // The yaml package or a check threw on input nobody foresaw: still an answer, never a crash.
    return fail({ severity: 'error', code: WORKLOAD_CODES.syntax, path: '', message: `cannot read the file as YAML: ${e instanceof Error ? e.message : String(e)}`, source: { file, line: 1, column: 1 } });
  }
}

/** What a file is expected to hold, for messages: `the file holds no YAML document; expected <expected>`. */
export interface YamlExpectation {
  /** `Kubernetes workloads (Deployment, Pod, ...)` */
  readonly expected: string;
  /** What one document should be: `a Kubernetes object (a mapping with apiVersion, kind and metadata)`. */
  readonly document: string;
}

const WORKLOADS: YamlExpectation = {
  expected: 'Kubernetes workloads (Deployment, Pod, ...)',
  document: 'a Kubernetes object (a mapping with apiVersion, kind and metadata)',
};

/**
 * The YAML reader under parseWorkloads, for other files of the inject layer (mesh config,
 * injector config): every document that is a mapping (or empty) as a WorkloadDocument, and the
 * issues of the others (syntax, tabs, duplicate keys, binary content, a list or scalar instead of
 * a mapping). No Kubernetes checks. Throws only on internal faults.
 */
export function readYamlMappings(input: string, file: string, expect: YamlExpectation): { documents: WorkloadDocument[]; issues: Issue[] } {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const binary = binaryProblem(text, file, WORKLOAD_CODES.binary, `expected a YAML text file of ${expect.expected}`);
  if (binary) return { documents: [], issues: [binary] };

  const lines = new LineCounter();
  const docs = parseAllDocuments(text, {
    version: '1.1',
    lineCounter: lines,
    uniqueKeys: false,
    prettyErrors: false,
    merge: true,
    customTags: goYamlTags,
  });
  const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
  const pos = (offset: number): SourcePosition => {
    const lp = lines.linePos(offset);
    return { file, line: lp.line, column: lp.col };
  };

  const issues: Issue[] = [];
  const documents: WorkloadDocument[] = [];
  list.forEach((doc, index) => {
    const start = index === 0 ? 0 : doc.range[0];
    const end = index + 1 < list.length ? (list[index + 1] as Document.Parsed).range[0] : text.length;
    const docText = stripMarkers(text.slice(start, end));
    const source = pos(doc.contents?.range?.[0] ?? doc.range[0]);
    const number = index + 1;

    if (doc.errors.length > 0) {
      for (const err of doc.errors) issues.push(syntaxIssue(text, err.code, err.message, err.pos[0], number, pos));
      return;
    }
    const root = doc.contents as Node | null;
    if (root === null || (isScalar(root) && root.value === null && (root.source === '' || root.source === undefined) && root.tag === undefined)) {
      documents.push(makeDocument(index, docText, undefined, `document ${number}`, source, doc, pos));
      return;
    }
    if (!isMap(root) && !(isAlias(root) && isMap(root.resolve(doc)))) {
      issues.push({
        severity: 'error',
        code: WORKLOAD_CODES.notAMapping,
        path: `document ${number}`,
        message: `the document is ${describeNode(root, doc)}; expected ${expect.document}`,
        source: pos(root.range?.[0] ?? doc.range[0]),
      });
      return;
    }
    const builder = new Builder(doc, pos, `document ${number}`);
    const value = builder.build(root, [], 0) as Record<string, unknown>;
    if (builder.issues.length > 0) {
      issues.push(...builder.issues);
      return;
    }
    documents.push(makeDocument(index, docText, value, labelOf(number, value), source, doc, pos));
  });
  return { documents, issues };
}

function fail(...issues: Issue[]): ParseWorkloadsResult {
  return { success: false, issues };
}

/** An issue about the node at `segs` of a document: path `document N (Kind name): a.b[0]`. */
export function workloadIssue(doc: WorkloadDocument, segs: readonly Segment[], code: string, message: string, extra?: { severity?: 'error' | 'warning'; suggestion?: string }): Issue {
  const p = formatPath(segs);
  return {
    severity: extra?.severity ?? 'error',
    code,
    path: p === '' ? doc.label : `${doc.label}: ${p}`,
    message,
    source: doc.position(segs),
    ...(extra?.suggestion !== undefined ? { suggestion: extra.suggestion } : {}),
  };
}

function labelOf(number: number, value: Record<string, unknown>): string {
  const kind = typeof value.kind === 'string' && value.kind !== '' ? value.kind : undefined;
  const md = value.metadata;
  const name = isObject(md) && typeof md.name === 'string' && md.name !== '' ? md.name : undefined;
  if (kind === undefined) return name === undefined ? `document ${number}` : `document ${number} (${name})`;
  return `document ${number} (${kind}${name !== undefined ? ` ${name}` : ''})`;
}

function makeDocument(
  index: number,
  text: string,
  object: Record<string, unknown> | undefined,
  label: string,
  source: SourcePosition,
  doc: Document.Parsed,
  pos: (offset: number) => SourcePosition,
): WorkloadDocument {
  const md = object !== undefined && isObject(object.metadata) ? object.metadata : undefined;
  const str = (v: unknown): string => (typeof v === 'string' ? v : '');
  return {
    index,
    text,
    object,
    apiVersion: str(object?.apiVersion),
    kind: str(object?.kind),
    name: str(md?.name),
    ...(md !== undefined && typeof md.namespace === 'string' && md.namespace !== '' ? { namespace: md.namespace } : {}),
    label,
    source,
    position: (segs) => {
      const { node, key } = locateNode(doc, segs);
      const n = key ?? node;
      return n?.range ? pos(n.range[0]) : source;
    },
  };
}

/** The document text without the leading `---` line (kept when content follows it on that line) and a trailing `...` line. */
function stripMarkers(s: string): string {
  let out = s.replace(/^---[ \t]*(#[^\n]*)?\r?\n/, '');
  if (/^---[ \t]*(#[^\n]*)?$/.test(out)) out = '';
  out = out.replace(/(^|\n)\.\.\.[ \t]*(#[^\n]*)?\r?\n?$/, '$1');
  return out;
}

// ---------------------------------------------------------------------------------------------
// checks

function checkDocument(d: WorkloadDocument, issues: Issue[], warnings: Issue[]): void {
  const obj = d.object as Record<string, unknown>;
  const report = (segs: readonly Segment[], code: string, message: string, suggestion?: string): void => {
    issues.push(workloadIssue(d, segs, code, message, suggestion !== undefined ? { suggestion } : undefined));
  };
  checkObject(d, obj, [], report, warnings);
}

type Reporter = (segs: readonly Segment[], code: string, message: string, suggestion?: string) => void;

function checkObject(d: WorkloadDocument, obj: Record<string, unknown>, prefix: Segment[], report: Reporter, warnings: Issue[]): void {
  const { apiVersion, kind } = obj;
  const missing: string[] = [];
  if (apiVersion === undefined || apiVersion === null || apiVersion === '') missing.push('apiVersion');
  else if (typeof apiVersion !== 'string') report([...prefix, 'apiVersion'], WORKLOAD_CODES.type, `expected a string, got ${describeValue(apiVersion)}`);
  if (kind === undefined || kind === null || kind === '') missing.push('kind');
  else if (typeof kind !== 'string') report([...prefix, 'kind'], WORKLOAD_CODES.type, `expected a string, got ${describeValue(kind)}`);
  if (missing.length > 0) {
    return report(
      prefix,
      WORKLOAD_CODES.notKubernetes,
      `not a Kubernetes object: ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} missing`,
      'a workload starts with e.g. "apiVersion: apps/v1" and "kind: Deployment"',
    );
  }
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return;

  if (apiVersion === 'v1' && kind === 'List') {
    const items = obj.items;
    if (items === undefined || items === null) return;
    if (!Array.isArray(items)) return report([...prefix, 'items'], WORKLOAD_CODES.type, `expected a list, got ${describeValue(items)}`);
    items.forEach((item, i) => {
      if (!isObject(item)) return report([...prefix, 'items', i], WORKLOAD_CODES.notAMapping, `expected a Kubernetes object, got ${describeValue(item)}`);
      checkObject(d, item, [...prefix, 'items', i], report, warnings);
    });
    return;
  }

  const workload = own(WORKLOAD_KINDS, kind);
  const t = kubeTables(KUBE_VERSIONS[KUBE_VERSIONS.length - 1] as string) as KubeTables;
  if (workload !== undefined && workload.apiVersions.includes(apiVersion)) {
    const model = modelOf(workload.checkAs, kind);
    if (model === undefined) return;
    checkModel(t, model, obj, [...prefix], (segs, code, message) => {
      if (code === 'type' || code === 'range') report(segs, WORKLOAD_CODES.type, message);
      else if (code === 'unknown-field') warnings.push(workloadIssue(d, segs, WORKLOAD_CODES.unknownField, `${message}; Kubernetes ignores it`, { severity: 'warning' }));
    });
    return;
  }
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  if (!builtinGroup(group)) return; // a custom resource: passed through as written
  if (KUBE_VERSIONS.some((v) => own(kubeTables(v)?.kinds[apiVersion], kind) !== undefined)) return;
  if (workload !== undefined) {
    return report([...prefix, 'apiVersion'], WORKLOAD_CODES.unknownKind, `kind ${kind} is not served in ${apiVersion}`, `use apiVersion ${workload.apiVersions[0] as string}`);
  }
  const known = new Set<string>();
  for (const v of KUBE_VERSIONS) for (const k of Object.keys(kubeTables(v)?.kinds[apiVersion] ?? {})) known.add(k);
  const everywhere = new Set<string>(Object.keys(WORKLOAD_KINDS));
  for (const v of KUBE_VERSIONS) for (const kinds of Object.values(kubeTables(v)?.kinds ?? {})) for (const k of Object.keys(kinds)) everywhere.add(k);
  const hint = everywhere.has(kind) ? undefined : closestKey(kind, [...new Set([...known, ...everywhere])]);
  if (hint !== undefined) {
    // A near miss of a kind Kubernetes has: almost certainly a typo, which Kubernetes would refuse.
    return report([...prefix, 'kind'], WORKLOAD_CODES.unknownKind, `unknown kind ${JSON.stringify(kind)} for apiVersion ${apiVersion}`, `did you mean ${JSON.stringify(hint)}?`);
  }
  // A kind of an older Kubernetes (policy/v1beta1 PodSecurityPolicy, ...) or of a newer one: passed through as written.
  warnings.push(
    workloadIssue(d, [...prefix, 'kind'], WORKLOAD_CODES.unknownKind, `apiVersion ${apiVersion} kind ${kind} is not served by Kubernetes ${KUBE_VERSIONS.join(' or ')}; it is passed through unchanged`, {
      severity: 'warning',
    }),
  );
}

function modelOf(apiVersion: string, kind: string): string | undefined {
  for (let i = KUBE_VERSIONS.length - 1; i >= 0; i--) {
    const hit = own(kubeTables(KUBE_VERSIONS[i] as string)?.kinds[apiVersion], kind);
    if (hit !== undefined) return hit[0];
  }
  return undefined;
}

/** Groups Kubernetes defines itself: the core group, `*.k8s.io`, dot-less groups, and any group of the tables. */
function builtinGroup(group: string): boolean {
  if (group === '' || group.endsWith('.k8s.io') || !group.includes('.')) return true;
  return KUBE_VERSIONS.some((v) => Object.keys(kubeTables(v)?.kinds ?? {}).some((av) => av.startsWith(`${group}/`)));
}

// ---------------------------------------------------------------------------------------------
// YAML -> data

class Builder {
  readonly issues: Issue[] = [];
  private nodes = 0;
  private stopped = false;

  constructor(
    private readonly doc: Document.Parsed,
    private readonly pos: (offset: number) => SourcePosition,
    private readonly label: string,
  ) {}

  private issue(segs: readonly Segment[], code: string, message: string, offset: number, suggestion?: string): void {
    const full = formatPath(segs);
    const p = full.length > 120 ? `${full.slice(0, 117)}...` : full;
    this.issues.push({
      severity: 'error',
      code,
      path: p === '' ? this.label : `${this.label}: ${p}`,
      message,
      source: this.pos(offset),
      ...(suggestion !== undefined ? { suggestion } : {}),
    });
  }

  build(node: Node | null | undefined, segs: Segment[], depth: number): unknown {
    if (this.stopped) return null;
    if (++this.nodes > MAX_NODES || depth > MAX_DEPTH) {
      this.stopped = true;
      this.issue(segs, WORKLOAD_CODES.tooComplex, depth > MAX_DEPTH ? `the document nests deeper than ${MAX_DEPTH} levels` : `the document expands to more than ${MAX_NODES} nodes (aliases)`, node?.range?.[0] ?? 0);
      return null;
    }
    if (node === null || node === undefined) return null;
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) {
        this.issue(segs, WORKLOAD_CODES.syntax, `invalid YAML: the alias *${node.source} refers to no anchor &${node.source} defined before it`, node.range?.[0] ?? 0);
        return null;
      }
      return this.build(target, segs, depth + 1);
    }
    if (isScalar(node)) return this.scalar(node.value, node.source, segs, node.range?.[0] ?? 0);
    if (isSeq(node)) {
      const out: unknown[] = [];
      node.items.forEach((item, i) => {
        if (isPair(item)) {
          const m: Record<string, unknown> = {};
          this.pair(item, m, [...segs, i], depth + 1, new Map());
          out.push(m);
        } else out.push(this.build(item as Node | null, [...segs, i], depth + 1));
      });
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const seen = new Map<string, SourcePosition>();
      const isMergeKey = (pair: Pair): boolean => isScalar(pair.key) && pair.key.type === 'PLAIN' && (typeof pair.key.value === 'symbol' || pair.key.value === '<<');
      for (const pair of node.items) if (isMergeKey(pair)) this.merge(pair.value as Node | null, out, segs, depth);
      for (const pair of node.items) if (!isMergeKey(pair)) this.pair(pair, out, segs, depth, seen);
      return out;
    }
    return null;
  }

  private scalar(v: unknown, source: string | undefined, segs: Segment[], offset: number): unknown {
    if (v === null || v === undefined) return null;
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) {
        this.issue(segs, WORKLOAD_CODES.unsupportedValue, `${source ?? String(v)} is not a finite number; NaN and infinities cannot be represented in JSON`, offset);
        return null;
      }
      return v;
    }
    if (typeof v === 'string' || typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return Number(v);
    if (v instanceof Uint8Array) return source ?? '';
    return source ?? String(v);
  }

  private pair(pair: Pair, out: Record<string, unknown>, segs: Segment[], depth: number, seen: Map<string, SourcePosition>): void {
    const k = pair.key as Node | null;
    const offset = k?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? 0;
    let key: string;
    let node: Node | undefined = k ?? undefined;
    if (node && isAlias(node)) node = node.resolve(this.doc);
    if (k === null || k === undefined) key = '';
    else if (node && isScalar(node)) {
      const v = node.value;
      key = v === null || v === undefined ? 'null' : typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : (node.source ?? String(v));
    } else {
      this.issue(segs, WORKLOAD_CODES.unsupportedValue, 'a mapping key must be a plain value, not a list or mapping', offset);
      return;
    }
    const here = this.pos(offset);
    const first = seen.get(key);
    if (first) {
      this.issue([...segs, key], WORKLOAD_CODES.duplicateKey, `duplicate key ${JSON.stringify(key)} (first written at line ${first.line}, column ${first.column}); YAML keys must be unique`, offset, 'remove one of them');
      return;
    }
    seen.set(key, here);
    define(out, key, this.build(pair.value as Node | null, [...segs, key], depth + 1));
  }

  private merge(value: Node | null, out: Record<string, unknown>, segs: Segment[], depth: number): void {
    let node = value;
    if (node && isAlias(node)) node = node.resolve(this.doc) ?? null;
    const sources: (Node | null)[] = node && isSeq(node) ? (node.items as (Node | null)[]) : [node];
    for (let s of sources) {
      if (s && isAlias(s)) s = s.resolve(this.doc) ?? null;
      if (!s || !isMap(s)) {
        this.issue(segs, WORKLOAD_CODES.unsupportedValue, 'a merge key (<<) must refer to a mapping or a list of mappings', value?.range?.[0] ?? 0);
        return;
      }
      const merged = this.build(s, segs, depth + 1) as Record<string, unknown>;
      for (const k of Object.keys(merged)) if (!Object.hasOwn(out, k)) define(out, k, merged[k]);
    }
  }
}

/** Sets an own property, also for keys such as `__proto__` (never the prototype). */
function define(out: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}


// ---------------------------------------------------------------------------------------------
// messages and text helpers

function syntaxIssue(text: string, code: string, message: string, at: number, number: number, pos: (offset: number) => SourcePosition): Issue {
  const syntax = yamlSyntaxMessage(text, code, message, at);
  const tab = code === 'TAB_AS_INDENT' || /\btabs?\b/i.test(shortYamlMessage(message));
  return {
    severity: 'error',
    code: WORKLOAD_CODES.syntax,
    path: `document ${number}`,
    message: syntax.message,
    source: pos(syntax.at),
    ...(tab ? { suggestion: 'indent with spaces; YAML does not allow tabs for indentation' } : {}),
  };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
