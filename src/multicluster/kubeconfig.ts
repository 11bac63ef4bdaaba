/**
 * Reading a kubeconfig file (clientcmd's `kind: Config`, v1) into the few fields a remote
 * secret needs, each with the place it was written, so every problem names file:line:column.
 *
 * The rules follow what kubectl (client-go's clientcmd) accepts:
 * - YAML 1.1 scalars as go-yaml v2 reads them (`yes` is a boolean, timestamps stay strings), or
 *   JSON; one document; unknown fields are ignored, as clientcmd ignores them;
 * - `clusters`, `users` and `contexts` are lists of `{name, cluster|user|context}`; a name given
 *   twice in one list is an error (clientcmd refuses such a file);
 * - a field set to null is the same as a missing one (Go's zero value); a field of the wrong type
 *   is an error (clientcmd cannot decode it either).
 *
 * Values are data: keys such as `__proto__` become own properties of plain records (never
 * prototypes), and lookups use Object.hasOwn. Never throws: binary text, deep nesting and alias
 * bombs give issues.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseAllDocuments, type Document } from 'yaml';
import type { Issue, SourcePosition } from '../operator/issues.js';
import { binaryProblem, describeValue, goYamlTags, yamlSyntaxMessage } from '../operator/yaml-text.js';
import { nestingTooDeep } from '../revision/cluster-state.js';

export const KUBECONFIG_CODES = {
  /** Not YAML, broken YAML, binary text, several documents, too deep. */
  parse: 'kubeconfig-parse',
  /** A field of the wrong type or a list entry without a name. */
  invalid: 'kubeconfig-invalid',
  /** The same name twice in clusters, users or contexts. */
  duplicate: 'kubeconfig-duplicate-name',
} as const;

/** A value with the place it was written (the value, or the key when only the key is known). */
export interface Located<T> {
  readonly value: T;
  /** Dotted path in the kubeconfig, e.g. `users[0].user.token`. */
  readonly path: string;
  readonly at: SourcePosition;
}

export interface KubeCluster {
  readonly name: string;
  readonly path: string;
  readonly at: SourcePosition;
  readonly server?: Located<string>;
  readonly certificateAuthority?: Located<string>;
  readonly certificateAuthorityData?: Located<string>;
  readonly insecureSkipTlsVerify?: Located<boolean>;
  readonly tlsServerName?: Located<string>;
  readonly proxyUrl?: Located<string>;
}

export interface KubeUser {
  readonly name: string;
  readonly path: string;
  readonly at: SourcePosition;
  readonly clientCertificate?: Located<string>;
  readonly clientCertificateData?: Located<string>;
  readonly clientKey?: Located<string>;
  readonly clientKeyData?: Located<string>;
  readonly token?: Located<string>;
  readonly tokenFile?: Located<string>;
  readonly username?: Located<string>;
  readonly password?: Located<string>;
  readonly as?: Located<string>;
  readonly asGroups?: Located<readonly string[]>;
  /** Set when the user runs a credential plugin (`exec`); the value is its command when known. */
  readonly exec?: Located<string>;
  /** Set when the user has an `auth-provider`; the value is its name when known. */
  readonly authProvider?: Located<string>;
}

export interface KubeContext {
  readonly name: string;
  readonly path: string;
  readonly at: SourcePosition;
  readonly cluster?: Located<string>;
  readonly user?: Located<string>;
}

export interface Kubeconfig {
  readonly file: string;
  readonly clusters: readonly KubeCluster[];
  readonly users: readonly KubeUser[];
  readonly contexts: readonly KubeContext[];
  readonly currentContext?: Located<string>;
}

export type ParseKubeconfigResult = { readonly success: true; readonly config: Kubeconfig } | { readonly success: false; readonly issues: readonly Issue[] };

const MAX_DEPTH = 100;
const MAX_NODES = 1_000_000;
const MAX_ALIASED = 10_000;
const MAX_ISSUES = 30;

class TooComplex extends Error {}

/** A merge key (`<<`) whose value is not a mapping or a list of mappings. */
class BadMerge extends Error {
  constructor(readonly at: Pos | undefined) {
    super('merge');
  }
}

type Pos = { line: number; column: number };

/** Plain data of the YAML tree, with where each key and item was written. */
interface Tree {
  readonly value: unknown;
  /** Position of each mapping's keys and each list's items (by the converted container). */
  readonly keys: WeakMap<object, Map<string | number, Pos>>;
  readonly self: WeakMap<object, Pos>;
}

function convertDocument(doc: Document.Parsed, lines: LineCounter): Tree {
  const keys = new WeakMap<object, Map<string | number, Pos>>();
  const self = new WeakMap<object, Pos>();
  let nodes = 0;
  let aliased = 0;
  const pos = (node: unknown): Pos | undefined => {
    const r = (node as { range?: [number, number, number] } | null)?.range;
    if (!r) return undefined;
    const p = lines.linePos(r[0]);
    return { line: p.line, column: p.col };
  };
  const convert = (node: unknown, depth: number, viaAlias: boolean): unknown => {
    if (++nodes > MAX_NODES || depth > MAX_DEPTH || (viaAlias && ++aliased > MAX_ALIASED)) throw new TooComplex();
    if (isAlias(node)) return convert(node.resolve(doc), depth + 1, true);
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'bigint') return Number(v);
      // The yaml package's YAML 1.1 float pattern takes `e5` or `.` for NaN; go-yaml reads them as strings.
      if (typeof v === 'number' && Number.isNaN(v) && !/^\.(nan|NaN|NAN)$/.test(String(node.source))) return String(node.source);
      if (v instanceof Uint8Array) return String(node.source);
      if (v instanceof Date) return String(node.source);
      if (typeof v === 'symbol') return '<<'; // the merge key written as a value
      return v;
    }
    if (isSeq(node)) {
      const out: unknown[] = [];
      const at = new Map<string | number, Pos>();
      node.items.forEach((item, i) => {
        out.push(convert(item, depth + 1, viaAlias));
        const p = pos(item);
        if (p) at.set(i, p);
      });
      keys.set(out, at);
      const p = pos(node);
      if (p) self.set(out, p);
      return out;
    }
    if (isMap(node)) {
      const out: Record<string, unknown> = {};
      const at = new Map<string | number, Pos>();
      const merged: { value: unknown; at: Pos | undefined }[] = [];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        // `<<: *base` (YAML 1.1 merge key, which kubectl's go-yaml applies).
        if (isScalar(pair.key) && pair.key.type === 'PLAIN' && (pair.key.value === '<<' || typeof pair.key.value === 'symbol')) {
          merged.push({ value: convert(pair.value, depth + 1, viaAlias), at: pos(pair.key) });
          continue;
        }
        const k = convert(pair.key, depth + 1, viaAlias);
        const key = k === null || k === undefined ? '' : typeof k === 'object' ? JSON.stringify(k) : String(k as string | number | boolean);
        Object.defineProperty(out, key, { value: convert(pair.value, depth + 1, viaAlias), enumerable: true, writable: true, configurable: true });
        const p = pos(pair.key) ?? pos(node);
        if (p) at.set(key, p);
      }
      // Keys written in the mapping win; among merged mappings the first wins.
      for (const m of merged) {
        const sources = Array.isArray(m.value) ? m.value : [m.value];
        for (const src of sources) {
          if (!isRecord(src)) throw new BadMerge(m.at);
          for (const k of Object.keys(src)) {
            if (Object.hasOwn(out, k)) continue;
            Object.defineProperty(out, k, { value: src[k], enumerable: true, writable: true, configurable: true });
            const p = keys.get(src)?.get(k) ?? m.at;
            if (p) at.set(k, p);
          }
        }
      }
      keys.set(out, at);
      const p = pos(node);
      if (p) self.set(out, p);
      return out;
    }
    return null;
  };
  return { value: convert(doc.contents, 0, false), keys, self };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function own(o: Record<string, unknown>, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}

function childPath(base: string, key: string | number): string {
  if (typeof key === 'number') return `${base}[${key}]`;
  return /^[A-Za-z_][\w-]*$/.test(key) ? (base === '' ? key : `${base}.${key}`) : `${base}[${JSON.stringify(key)}]`;
}

/** Parses a kubeconfig; never throws. */
export function parseKubeconfig(text: string, file: string): ParseKubeconfigResult {
  try {
    return parseUnchecked(text, file);
  } catch (e) {
    if (e instanceof BadMerge) {
      return { success: false, issues: [{ severity: 'error', code: KUBECONFIG_CODES.parse, path: '', message: 'a merge key (<<) needs a mapping or a list of mappings as its value', source: { file, line: e.at?.line ?? 1, column: e.at?.column ?? 1 } }] };
    }
    const message = e instanceof TooComplex || e instanceof RangeError ? 'the file is nested too deeply or expands too many aliases; a kubeconfig never does' : `cannot read the file (${e instanceof Error ? e.message : String(e)})`;
    return { success: false, issues: [{ severity: 'error', code: KUBECONFIG_CODES.parse, path: '', message, source: { file, line: 1, column: 1 } }] };
  }
}

function parseUnchecked(input: string, file: string): ParseKubeconfigResult {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const fail = (...issues: Issue[]): ParseKubeconfigResult => ({ success: false, issues });
  const expected = 'a kubeconfig must be a YAML or JSON text file (kind: Config)';
  const binary = binaryProblem(text, file, KUBECONFIG_CODES.parse, expected);
  if (binary) return fail(binary);
  const deep = nestingTooDeep(text, MAX_DEPTH, 1000);
  if (deep) return fail({ severity: 'error', code: KUBECONFIG_CODES.parse, path: '', message: `the file nests deeper than ${MAX_DEPTH} levels; a kubeconfig never does`, source: { file, ...deep } });

  const lines = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lines, version: '1.1', merge: false, prettyErrors: false, customTags: goYamlTags, uniqueKeys: true, logLevel: 'silent' });
  const list = (Array.isArray(docs) ? docs : [docs]) as Document.Parsed[];
  const at = (offset: number): SourcePosition => {
    const p = lines.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  const syntax: Issue[] = [];
  for (const doc of list) {
    for (const e of doc.errors) {
      if (syntax.length >= 5) break;
      const { message, at: where } = yamlSyntaxMessage(text, e.code, e.message, e.pos[0]);
      syntax.push({ severity: 'error', code: KUBECONFIG_CODES.parse, path: '', message, source: at(where) });
    }
  }
  if (syntax.length > 0) return fail(...syntax);
  const nonEmpty = list.filter((d) => d.contents !== null && !(isScalar(d.contents) && d.contents.value === null));
  if (nonEmpty.length === 0) {
    return fail({ severity: 'error', code: KUBECONFIG_CODES.parse, path: '', message: `the file is empty; ${expected}`, source: { file, line: 1, column: 1 }, suggestion: 'kubectl config view --raw --minify > FILE writes the current context with its credentials' });
  }
  if (nonEmpty.length > 1) {
    const second = nonEmpty[1] as Document.Parsed;
    return fail({ severity: 'error', code: KUBECONFIG_CODES.parse, path: '', message: `the file holds ${nonEmpty.length} YAML documents; a kubeconfig is one document`, source: at(second.range[0]), suggestion: 'keep one kubeconfig per file (kubectl config view --raw --flatten merges several)' });
  }
  const tree = convertDocument(nonEmpty[0] as Document.Parsed, lines);
  return new Reader(tree, file).read();
}

class Reader {
  private readonly issues: Issue[] = [];
  constructor(
    private readonly tree: Tree,
    private readonly file: string,
  ) {}

  private where(holder: object | undefined, key: string | number | undefined): SourcePosition {
    const p = (holder && key !== undefined ? this.tree.keys.get(holder)?.get(key) : undefined) ?? (holder ? this.tree.self.get(holder) : undefined) ?? { line: 1, column: 1 };
    return { file: this.file, line: p.line, column: p.column };
  }

  private invalid(path: string, message: string, holder: object | undefined, key: string | number | undefined, suggestion?: string): void {
    if (this.issues.length >= MAX_ISSUES) return;
    this.issues.push({ severity: 'error', code: KUBECONFIG_CODES.invalid, path, message, source: this.where(holder, key), ...(suggestion ? { suggestion } : {}) });
  }

  /** A string field (null or missing: undefined). */
  private str(o: Record<string, unknown>, key: string, base: string): Located<string> | undefined {
    const v = own(o, key);
    if (v === undefined || v === null) return undefined;
    const path = childPath(base, key);
    if (typeof v !== 'string') {
      this.invalid(path, `expected a string, found ${describeValue(v)}`, o, key, typeof v === 'number' || typeof v === 'boolean' ? `quote it: "${String(v)}"` : undefined);
      return undefined;
    }
    return { value: v, path, at: this.where(o, key) };
  }

  private bool(o: Record<string, unknown>, key: string, base: string): Located<boolean> | undefined {
    const v = own(o, key);
    if (v === undefined || v === null) return undefined;
    const path = childPath(base, key);
    if (typeof v !== 'boolean') {
      this.invalid(path, `expected true or false, found ${describeValue(v)}`, o, key);
      return undefined;
    }
    return { value: v, path, at: this.where(o, key) };
  }

  private strings(o: Record<string, unknown>, key: string, base: string): Located<readonly string[]> | undefined {
    const v = own(o, key);
    if (v === undefined || v === null) return undefined;
    const path = childPath(base, key);
    if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) {
      this.invalid(path, `expected a list of strings, found ${Array.isArray(v) ? 'a list with other values' : describeValue(v)}`, o, key);
      return undefined;
    }
    return { value: v as string[], path, at: this.where(o, key) };
  }

  /** A mapping field; null or missing: undefined. */
  private record(o: Record<string, unknown>, key: string, base: string): Record<string, unknown> | undefined {
    const v = own(o, key);
    if (v === undefined || v === null) return undefined;
    if (!isRecord(v)) {
      this.invalid(childPath(base, key), `expected a mapping, found ${describeValue(v)}`, o, key);
      return undefined;
    }
    return v;
  }

  /** The entries of a named list (`clusters`, `users`, `contexts`): name, body and where. */
  private namedList(root: Record<string, unknown>, key: string, bodyKey: string): { name: string; path: string; at: SourcePosition; body: Record<string, unknown> }[] {
    const v = own(root, key);
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) {
      this.invalid(key, `expected a list of {name, ${bodyKey}} entries, found ${describeValue(v)}`, root, key);
      return [];
    }
    const out: { name: string; path: string; at: SourcePosition; body: Record<string, unknown> }[] = [];
    const seen = new Map<string, string>();
    v.forEach((item, i) => {
      const path = childPath(key, i);
      if (!isRecord(item)) {
        this.invalid(path, `expected a mapping with name and ${bodyKey}, found ${describeValue(item)}`, v, i);
        return;
      }
      const name = own(item, 'name');
      if (typeof name !== 'string' || name === '') {
        this.invalid(childPath(path, 'name'), name === undefined || name === null || name === '' ? `every entry of ${key} needs a name` : `expected a string, found ${describeValue(name)}`, item, Object.hasOwn(item, 'name') ? 'name' : undefined);
        return;
      }
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        if (this.issues.length < MAX_ISSUES) {
          this.issues.push({ severity: 'error', code: KUBECONFIG_CODES.duplicate, path: childPath(path, 'name'), message: `${key} has two entries named ${JSON.stringify(name)} (${earlier} and ${path}); kubectl refuses such a file`, source: this.where(item, 'name'), suggestion: 'rename or remove one of them' });
        }
        return;
      }
      seen.set(name, path);
      const body = this.record(item, bodyKey, path) ?? {};
      out.push({ name, path, at: this.where(item, 'name'), body });
    });
    return out;
  }

  read(): ParseKubeconfigResult {
    const root = this.tree.value;
    if (!isRecord(root)) {
      return { success: false, issues: [{ severity: 'error', code: KUBECONFIG_CODES.parse, path: '', message: `the document is ${describeValue(root)}; expected a kubeconfig (a mapping with clusters, users and contexts)`, source: this.where(isRecord(root) || Array.isArray(root) ? root : undefined, undefined) }] };
    }
    const kind = own(root, 'kind');
    if (kind !== undefined && kind !== null && kind !== 'Config') {
      this.invalid('kind', `expected kind Config, found ${describeValue(kind)}; this is not a kubeconfig`, root, 'kind');
    }
    const clusters: KubeCluster[] = this.namedList(root, 'clusters', 'cluster').map(({ name, path, at, body }) => {
      const base = `${path}.cluster`;
      return {
        name,
        path,
        at,
        ...opt('server', this.str(body, 'server', base)),
        ...opt('certificateAuthority', this.str(body, 'certificate-authority', base)),
        ...opt('certificateAuthorityData', this.str(body, 'certificate-authority-data', base)),
        ...opt('insecureSkipTlsVerify', this.bool(body, 'insecure-skip-tls-verify', base)),
        ...opt('tlsServerName', this.str(body, 'tls-server-name', base)),
        ...opt('proxyUrl', this.str(body, 'proxy-url', base)),
      };
    });
    const users: KubeUser[] = this.namedList(root, 'users', 'user').map(({ name, path, at, body }) => {
      const base = `${path}.user`;
      const exec = this.record(body, 'exec', base);
      const provider = this.record(body, 'auth-provider', base);
      const command = exec ? own(exec, 'command') : undefined;
      const providerName = provider ? own(provider, 'name') : undefined;
      return {
        name,
        path,
        at,
        ...opt('clientCertificate', this.str(body, 'client-certificate', base)),
        ...opt('clientCertificateData', this.str(body, 'client-certificate-data', base)),
        ...opt('clientKey', this.str(body, 'client-key', base)),
        ...opt('clientKeyData', this.str(body, 'client-key-data', base)),
        ...opt('token', this.str(body, 'token', base)),
        ...opt('tokenFile', this.str(body, 'tokenFile', base)),
        ...opt('username', this.str(body, 'username', base)),
        ...opt('password', this.str(body, 'password', base)),
        ...opt('as', this.str(body, 'as', base)),
        ...opt('asGroups', this.strings(body, 'as-groups', base)),
        ...(exec ? { exec: { value: typeof command === 'string' ? command : '', path: `${base}.exec`, at: this.where(body, 'exec') } } : {}),
        ...(provider ? { authProvider: { value: typeof providerName === 'string' ? providerName : '', path: `${base}.auth-provider`, at: this.where(body, 'auth-provider') } } : {}),
      };
    });
    const contexts: KubeContext[] = this.namedList(root, 'contexts', 'context').map(({ name, path, at, body }) => {
      const base = `${path}.context`;
      return { name, path, at, ...opt('cluster', this.str(body, 'cluster', base)), ...opt('user', this.str(body, 'user', base)) };
    });
    const current = this.str(root, 'current-context', '');
    if (this.issues.length > 0) return { success: false, issues: this.issues };
    return { success: true, config: { file: this.file, clusters, users, contexts, ...(current && current.value !== '' ? { currentContext: current } : {}) } };
  }
}

/** `{[key]: value}` when value is defined, else `{}` (for optional properties under exactOptionalPropertyTypes). */
function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
