/**
 * `manifest diff` as data (issue 6): two sets of Kubernetes manifests compared object by object.
 *
 * - Objects are matched by `Kind:Namespace:Name` (namespace empty for cluster-scoped objects),
 *   as istioctl's `manifest diff` does; a `kind: List` (kubectl's, and our `--output-format json`)
 *   counts as its items.
 * - Two objects are the same when their data is equal, whatever the formatting, comments or key
 *   order of the files; a changed object gets a unified diff of its canonical YAML (keys sorted).
 * - `select` / `ignore`: patterns `Kind:Namespace:Name`, each part a glob where `*` matches any
 *   run of characters and an empty or missing part matches anything (`Deployment`,
 *   `Service:istio-system`, `*:*:istio-ingress*`). An object is compared when it matches some
 *   select pattern (all objects when there is none) and no ignore pattern. Unlike istioctl's
 *   unanchored regular expressions, a pattern matches a whole part: `Service` does not select
 *   `ServiceAccount`.
 *
 * Pure: the caller reads the files; bad YAML and documents that are not Kubernetes objects are
 * Issues with file, line and column.
 */
import { structuredPatch } from 'diff';
import { LineCounter, parseAllDocuments, stringify } from 'yaml';
import type { Issue, SourcePosition } from '../operator/issues.js';

/** One input file: the name issues show and its text. */
export interface ManifestSource {
  readonly name: string;
  readonly text: string;
}

export interface DiffObject {
  /** `Kind:Namespace:Name`. */
  readonly key: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly object: Readonly<Record<string, unknown>>;
  /** Where the document starts. */
  readonly source: SourcePosition;
}

export type ParseManifestsResult =
  | { readonly ok: true; readonly objects: ReadonlyMap<string, DiffObject>; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

export interface ChangedObject {
  readonly key: string;
  readonly a: DiffObject;
  readonly b: DiffObject;
  /** Unified diff (`--- A key` / `+++ B key`, hunks with three lines of context) of the canonical YAML. */
  readonly diff: string;
}

export interface ManifestDiff {
  readonly onlyInA: readonly DiffObject[];
  readonly onlyInB: readonly DiffObject[];
  readonly changed: readonly ChangedObject[];
  /** Number of objects present and equal on both sides. */
  readonly identical: number;
  /** True when nothing was added, removed or changed. */
  readonly same: boolean;
}

export interface DiffOptions {
  /** Comma-separated pattern lists (each element may hold several patterns). */
  readonly select?: readonly string[];
  readonly ignore?: readonly string[];
  /** Labels of the two sides in the unified diffs; `A` and `B` by default. */
  readonly labelA?: string;
  readonly labelB?: string;
}

export type CompareResult =
  | { readonly ok: true; readonly diff: ManifestDiff; readonly warnings: readonly Issue[] }
  | { readonly ok: false; readonly issues: readonly Issue[] };

/** Parses both sides, filters them and compares. */
export function diffManifests(a: readonly ManifestSource[], b: readonly ManifestSource[], options: DiffOptions = {}): CompareResult {
  const select = parsePatterns(options.select ?? [], '--select');
  const ignore = parsePatterns(options.ignore ?? [], '--ignore');
  const pa = parseManifests(a);
  const pb = parseManifests(b);
  const issues = [...(select.ok ? [] : select.issues), ...(ignore.ok ? [] : ignore.issues), ...(pa.ok ? [] : pa.issues), ...(pb.ok ? [] : pb.issues)];
  if (!select.ok || !ignore.ok || !pa.ok || !pb.ok) return { ok: false, issues };
  const keep = (o: DiffObject): boolean =>
    (select.patterns.length === 0 || select.patterns.some((p) => matches(p, o))) && !ignore.patterns.some((p) => matches(p, o));
  return {
    ok: true,
    diff: compareObjects(filterMap(pa.objects, keep), filterMap(pb.objects, keep), options.labelA ?? 'A', options.labelB ?? 'B'),
    warnings: [...pa.warnings, ...pb.warnings],
  };
}

/** The objects of a set of files, keyed by `Kind:Namespace:Name`; a key seen twice keeps the last (with a warning). */
export function parseManifests(sources: readonly ManifestSource[]): ParseManifestsResult {
  const objects = new Map<string, DiffObject>();
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  for (const src of sources) {
    const lineCounter = new LineCounter();
    const docs = parseAllDocuments(src.text, { lineCounter, prettyErrors: false });
    if (!Array.isArray(docs)) continue; // an empty stream
    for (const doc of docs) {
      const start = doc.contents?.range[0] ?? doc.range[0];
      const at = position(src.name, lineCounter, start);
      if (doc.errors.length > 0) {
        for (const e of doc.errors) {
          const lp = e.linePos?.[0];
          issues.push({
            severity: 'error',
            code: 'invalid-yaml',
            path: '',
            message: `invalid YAML: ${firstLine(e.message)}`,
            source: lp ? { file: src.name, line: lp.line, column: lp.col } : at,
          });
        }
        continue;
      }
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (e) {
        issues.push({ severity: 'error', code: 'invalid-yaml', path: '', message: `invalid YAML: ${e instanceof Error ? e.message : String(e)}`, source: at });
        continue;
      }
      if (value === null || value === undefined) continue; // an empty document
      for (const item of listItems(value)) {
        const o = toObject(item, at);
        if (!o.ok) {
          issues.push(o.issue);
          continue;
        }
        if (objects.has(o.object.key)) {
          const first = objects.get(o.object.key)?.source;
          warnings.push({
            severity: 'warning',
            code: 'duplicate-object',
            path: '',
            message: `${o.object.key} appears more than once${first ? ` (first at ${first.file}:${first.line}:${first.column})` : ''}; the last one is compared`,
            source: at,
          });
        }
        objects.set(o.object.key, o.object);
      }
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, objects, warnings };
}

/** Compares two keyed object sets (already filtered). */
export function compareObjects(a: ReadonlyMap<string, DiffObject>, b: ReadonlyMap<string, DiffObject>, labelA = 'A', labelB = 'B'): ManifestDiff {
  const onlyInA: DiffObject[] = [];
  const onlyInB: DiffObject[] = [];
  const changed: ChangedObject[] = [];
  let identical = 0;
  for (const key of [...a.keys()].sort()) {
    const oa = a.get(key) as DiffObject;
    const ob = b.get(key);
    if (ob === undefined) {
      onlyInA.push(oa);
      continue;
    }
    const ta = canonicalYaml(oa.object);
    const tb = canonicalYaml(ob.object);
    if (ta === tb) identical++;
    else changed.push({ key, a: oa, b: ob, diff: unifiedDiff(`${labelA} ${key}`, `${labelB} ${key}`, ta, tb) });
  }
  for (const key of [...b.keys()].sort()) {
    if (!a.has(key)) onlyInB.push(b.get(key) as DiffObject);
  }
  return { onlyInA, onlyInB, changed, identical, same: onlyInA.length === 0 && onlyInB.length === 0 && changed.length === 0 };
}

/** The report `manifest diff` prints. */
export function formatManifestDiff(d: ManifestDiff, labelA = 'A', labelB = 'B'): string {
  if (d.same) return `The manifests are identical (${d.identical} object${d.identical === 1 ? '' : 's'} compared).\n`;
  let out = '';
  if (d.onlyInA.length > 0) out += `Only in ${labelA} (${d.onlyInA.length}):\n${d.onlyInA.map((o) => `  ${o.key}\n`).join('')}`;
  if (d.onlyInB.length > 0) out += `Only in ${labelB} (${d.onlyInB.length}):\n${d.onlyInB.map((o) => `  ${o.key}\n`).join('')}`;
  if (d.changed.length > 0) {
    out += `Changed (${d.changed.length}):\n${d.changed.map((c) => `  ${c.key}\n`).join('')}`;
    for (const c of d.changed) out += `\n${c.diff}`;
  }
  out += `\nThe manifests differ: ${d.changed.length} changed, ${d.onlyInA.length} only in ${labelA}, ${d.onlyInB.length} only in ${labelB}, ${d.identical} identical.\n`;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Patterns

interface Pattern {
  readonly text: string;
  readonly kind: RegExp;
  readonly namespace: RegExp;
  readonly name: RegExp;
}

function parsePatterns(lists: readonly string[], flag: string): { ok: true; patterns: Pattern[] } | { ok: false; issues: Issue[] } {
  const patterns: Pattern[] = [];
  const issues: Issue[] = [];
  for (const list of lists) {
    for (const raw of list.split(',')) {
      const text = raw.trim();
      if (text === '') continue;
      const parts = text.split(':');
      if (parts.length > 3) {
        issues.push({
          severity: 'error',
          code: 'invalid-pattern',
          path: '',
          message: `${flag} ${JSON.stringify(text)}: a pattern is Kind:Namespace:Name (at most three parts separated by ':')`,
        });
        continue;
      }
      const [kind = '', namespace = '', name = ''] = parts;
      patterns.push({ text, kind: glob(kind), namespace: glob(namespace), name: glob(name) });
    }
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, patterns };
}

/** A whole-string glob: `*` is any run of characters; empty matches anything. */
function glob(part: string): RegExp {
  if (part === '') return /^[\s\S]*$/;
  const body = part
    .split('*')
    .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('[\\s\\S]*');
  return new RegExp(`^${body}$`);
}

function matches(p: Pattern, o: DiffObject): boolean {
  return p.kind.test(o.kind) && p.namespace.test(o.namespace) && p.name.test(o.name);
}

// ---------------------------------------------------------------------------------------------
// Helpers

function filterMap(m: ReadonlyMap<string, DiffObject>, keep: (o: DiffObject) => boolean): Map<string, DiffObject> {
  const out = new Map<string, DiffObject>();
  for (const [k, v] of m) if (keep(v)) out.set(k, v);
  return out;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A `kind: List` (kubectl's v1 List, `DeploymentList`, ...) stands for its items. */
function listItems(value: unknown): readonly unknown[] {
  if (isRecord(value) && typeof value['kind'] === 'string' && value['kind'].endsWith('List') && Array.isArray(value['items'])) return value['items'];
  return [value];
}

function toObject(value: unknown, at: SourcePosition): { ok: true; object: DiffObject } | { ok: false; issue: Issue } {
  const bad = (message: string): { ok: false; issue: Issue } => ({ ok: false, issue: { severity: 'error', code: 'not-a-kubernetes-object', path: '', message, source: at } });
  if (!isRecord(value)) return bad(`the document is not a Kubernetes object (found ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, expected a map with kind and metadata.name)`);
  const kind = value['kind'];
  if (typeof kind !== 'string' || kind === '') return bad('the document has no kind');
  const meta = value['metadata'];
  const name = isRecord(meta) ? meta['name'] : undefined;
  if (typeof name !== 'string' || name === '') return bad(`the ${kind} has no metadata.name`);
  const ns = isRecord(meta) ? meta['namespace'] : undefined;
  const namespace = typeof ns === 'string' ? ns : '';
  return { ok: true, object: { key: `${kind}:${namespace}:${name}`, kind, namespace, name, object: value, source: at } };
}

function position(file: string, lc: LineCounter, offset: number): SourcePosition {
  const p = lc.linePos(offset);
  return { file, line: p.line, column: p.col };
}

function firstLine(s: string): string {
  const i = s.indexOf('\n');
  return i < 0 ? s : s.slice(0, i);
}

/** The object as YAML with sorted keys: equal data gives equal text. */
export function canonicalYaml(value: unknown): string {
  return stringify(value, { sortMapEntries: true, lineWidth: 0, aliasDuplicateObjects: false });
}

/** `--- a` / `+++ b` and hunks with three lines of context; empty when the texts are equal. */
export function unifiedDiff(a: string, b: string, textA: string, textB: string): string {
  const patch = structuredPatch(a, b, textA, textB, '', '', { context: 3 });
  if (patch.hunks.length === 0) return '';
  let out = `--- ${a}\n+++ ${b}\n`;
  for (const h of patch.hunks) {
    out += `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n`;
    for (const l of h.lines) out += `${l}\n`;
  }
  return out;
}
