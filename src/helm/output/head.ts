/**
 * The head of a rendered document as helm reads it before sorting (releaseutil.SimpleHead):
 * `apiVersion`, `kind`, `metadata.name`, `metadata.annotations`, decoded with sigs.k8s.io/yaml
 * into that struct. Measured on helm 3.17.3 and 4.1.4:
 *
 * - scalars decoded into the string fields become strings (`kind: 5` is kind "5", `kind: Y` is
 *   kind "true", YAML 1.1); a mapping or list there is a type error;
 * - JSON field names match case-insensitively (Go's encoding/json), the last key in byte order
 *   wins;
 * - the first type error in key order is reported, in Go's words.
 */
import type { Compat } from '../../gotemplate/template.js';
import type { GoValue } from '../../gotemplate/value.js';
import { jsonKind, YamlError, parseYamlDocument } from '../../yaml/load.js';

export interface ManifestHead {
  readonly apiVersion: string;
  readonly kind: string;
  /** Undefined when the document has no (non-null) `metadata`. */
  readonly metadata?: { readonly name: string; readonly annotations: ReadonlyMap<string, string> };
}

export type HeadResult = { readonly ok: true; readonly head: ManifestHead } | { readonly ok: false; readonly message: string };

const METADATA_TYPE = 'struct { Name string "json:\\"name\\""; Annotations map[string]string "json:\\"annotations\\"" }';

const lower = (s: string | undefined): string => (s === undefined ? '' : s.toLowerCase());

/** Which positions sigs.k8s.io/yaml decodes into a Go string (scalars there become strings). */
function stringAt(path: readonly string[]): boolean {
  const a = lower(path[0]);
  if (path.length === 1) return a === 'apiversion' || a === 'kind';
  if (a !== 'metadata') return false;
  const b = lower(path[1]);
  if (path.length === 2) return b === 'name';
  return path.length === 3 && b === 'annotations';
}

// Repeated renders of a chart mostly produce the same documents: their heads are remembered
// (results are immutable, a pure function of text and version). Bounded in entries and size.
const CACHE_ENTRIES = 4096;
const CACHE_DOC_MAX = 64 * 1024;
const headCache: Record<Compat, Map<string, HeadResult>> = { helm3: new Map(), helm4: new Map() };

/**
 * Decodes a document's head. `message` is what helm prints after `YAML parse error on FILE: `.
 */
export function parseHead(doc: string, compat: Compat): HeadResult {
  if (doc.length > CACHE_DOC_MAX) return parseHeadUncached(doc, compat);
  const cache = headCache[compat];
  let r = cache.get(doc);
  if (r === undefined) {
    r = parseHeadUncached(doc, compat);
    if (cache.size >= CACHE_ENTRIES) cache.clear();
    cache.set(doc, r);
  }
  return r;
}

function parseHeadUncached(doc: string, compat: Compat): HeadResult {
  let v: GoValue | undefined;
  try {
    v = parseYamlDocument(doc, { stringAt });
  } catch (e) {
    if (e instanceof YamlError) return { ok: false, message: e.message };
    // Not a YAML error (e.g. the JavaScript stack exhausted by deep nesting): still this
    // document's failure, reported the same way.
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  return decodeHead(v ?? null, compat);
}

function decodeHead(v: GoValue, compat: Compat): HeadResult {
  const typeName = compat === 'helm3' ? 'releaseutil.SimpleHead' : 'util.SimpleHead';
  const fail = (msg: string): HeadResult => ({
    ok: false,
    message: `error unmarshaling JSON: while decoding JSON: json: ${msg}`,
  });
  if (v === null) return { ok: true, head: { apiVersion: '', kind: '' } };
  if (!(v instanceof Map)) return fail(`cannot unmarshal ${jsonKind(v)} into Go value of type ${typeName}`);
  let firstError: string | undefined;
  const err = (value: GoValue, field: string, type: string): void => {
    firstError ??= `cannot unmarshal ${jsonKind(value)} into Go struct field ${field} of type ${type}`;
  };
  let apiVersion = '';
  let kind = '';
  let metadata: { name: string; annotations: Map<string, string> } | undefined;
  for (const [key, value] of v) {
    const k = key.toLowerCase();
    if (k === 'apiversion' || k === 'kind') {
      if (value === null) continue;
      if (typeof value !== 'string') {
        err(value, `SimpleHead.${k === 'kind' ? 'kind' : 'apiVersion'}`, 'string');
        continue;
      }
      if (k === 'kind') kind = value;
      else apiVersion = value;
    } else if (k === 'metadata') {
      if (value === null) {
        metadata = undefined;
        continue;
      }
      if (!(value instanceof Map)) {
        err(value, 'SimpleHead.metadata', METADATA_TYPE);
        continue;
      }
      metadata ??= { name: '', annotations: new Map() };
      for (const [mk, mv] of value) {
        const l = mk.toLowerCase();
        if (l === 'name') {
          if (mv === null) continue;
          if (typeof mv !== 'string') err(mv, '.metadata.name', 'string');
          else metadata.name = mv;
        } else if (l === 'annotations') {
          if (mv === null) {
            metadata.annotations = new Map();
            continue;
          }
          if (!(mv instanceof Map)) {
            err(mv, '.metadata.annotations', 'map[string]string');
            continue;
          }
          for (const [ak, av] of mv) {
            if (av === null) metadata.annotations.set(ak, '');
            else if (typeof av !== 'string') err(av, '.metadata.annotations', 'string');
            else metadata.annotations.set(ak, av);
          }
        }
      }
    }
  }
  if (firstError !== undefined) return fail(firstError);
  return { ok: true, head: { apiVersion, kind, ...(metadata ? { metadata } : {}) } };
}
