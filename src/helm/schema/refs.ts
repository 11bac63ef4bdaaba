/**
 * `$ref` resolution inside values.schema.json: `#`, `#/json/pointer` and `$id`s declared in the
 * same document. Remote references (http, https, file) are not fetched: helm would fetch them
 * (helm 4 also resolves unknown `urn:` references to an always-true schema); here they are an
 * error, reported as such.
 */
import { isObject, type Json } from './json.js';

export interface RefError {
  readonly helm3: string;
  readonly helm4: string;
}

export type RefResult = { readonly ok: true; readonly schema: Json; readonly pointer: string } | { readonly ok: false; readonly error: RefError };

function unescape(tok: string): string {
  return decodeURIComponent(tok).replace(/~1/g, '/').replace(/~0/g, '~');
}

function collectIds(node: Json, base: string, out: Map<string, Json>, depth = 0): void {
  if (depth > 200) return;
  if (isObject(node)) {
    let here = base;
    const id = node.get('$id') ?? node.get('id');
    if (typeof id === 'string') {
      try {
        here = new URL(id, base).href;
        out.set(here.replace(/#$/, ''), node);
      } catch {
        // not a URL: ignored, as the libraries do for lookups
      }
    }
    for (const [k, v] of node) if (k !== 'enum' && k !== 'const') collectIds(v, here, out, depth + 1);
  } else if (Array.isArray(node)) {
    for (const v of node) collectIds(v, base, out, depth + 1);
  }
}

const BASE = 'file:///values.schema.json';

export function resolveRef(root: Json, ref: string): RefResult {
  let rootId = BASE;
  if (isObject(root) && typeof root.get('$id') === 'string') {
    try {
      rootId = new URL(root.get('$id') as string, BASE).href;
    } catch {
      rootId = BASE;
    }
  }
  let abs: URL;
  try {
    abs = new URL(ref, rootId);
  } catch {
    return { ok: false, error: { helm3: `invalid $ref ${ref}`, helm4: `invalid $ref ${ref}` } };
  }
  const hash = abs.hash;
  abs.hash = '';
  const doc = abs.href;
  let start: Json | undefined;
  if (doc === rootId.replace(/#.*$/, '') || doc === BASE) start = root;
  else {
    const ids = new Map<string, Json>();
    collectIds(root, rootId, ids);
    start = ids.get(doc);
  }
  if (start === undefined) {
    const msg = `remote $ref ${JSON.stringify(doc)} is not fetched`;
    return { ok: false, error: { helm3: msg, helm4: `failing loading ${JSON.stringify(doc)}: ${msg}` } };
  }
  const frag = hash.startsWith('#') ? hash.slice(1) : hash;
  let cur: Json = start;
  if (frag !== '' && frag.startsWith('/')) {
    for (const raw of frag.slice(1).split('/')) {
      const tok = unescape(raw);
      if (isObject(cur) && cur.has(tok)) cur = cur.get(tok) as Json;
      else if (Array.isArray(cur) && /^\d+$/.test(tok) && Number(tok) < cur.length) cur = cur[Number(tok)];
      else
        return {
          ok: false,
          error: { helm3: `Object has no key '${tok}'`, helm4: `json-pointer in ${JSON.stringify(`${doc}#${frag}`)} not found` },
        };
    }
  } else if (frag !== '') {
    // a plain-name anchor ($anchor / legacy "#name" ids)
    const ids = new Map<string, Json>();
    collectIds(root, rootId, ids);
    const hit = ids.get(`${doc}#${frag}`);
    if (hit === undefined)
      return { ok: false, error: { helm3: `Object has no key '${frag}'`, helm4: `anchor ${JSON.stringify(frag)} not found` } };
    cur = hit;
  }
  return { ok: true, schema: cur, pointer: frag };
}
