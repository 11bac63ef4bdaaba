/**
 * Rendered documents as plain objects, parsed as helm's renderer parses them (sigs.k8s.io/yaml
 * into interface{}, then plain data). Renders of similar IstioOperators print many identical
 * documents (all CRDs, most RBAC), so parsed documents are remembered by their text; a cached
 * object is deeply frozen, which keeps sharing it between ManifestSets safe.
 */
import { toPlain } from '../../helm/output/plain.js';
import { parseYamlDocument } from '../../yaml/index.js';

const cache = new Map<string, unknown>();
/** Bound on the cached documents' total text (characters). */
const MAX_CACHED_CHARS = 8 * 1024 * 1024;
let cachedChars = 0;

function deepFreeze(v: unknown): void {
  if (typeof v !== 'object' || v === null || Object.isFrozen(v)) return;
  Object.freeze(v);
  for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k]);
}

/** The document parsed (null for an empty or comment-only one; undefined when it is not YAML). Frozen. */
export function parseDocument(text: string): unknown {
  if (cache.has(text)) {
    const hit = cache.get(text);
    // refresh: most recently used last
    cache.delete(text);
    cache.set(text, hit);
    return hit;
  }
  let value: unknown;
  try {
    value = toPlain(parseYamlDocument(text) ?? null);
  } catch {
    value = undefined;
  }
  deepFreeze(value);
  cache.set(text, value);
  cachedChars += text.length;
  while (cachedChars > MAX_CACHED_CHARS && cache.size > 1) {
    const oldest = cache.keys().next().value as string;
    cache.delete(oldest);
    cachedChars -= oldest.length;
  }
  return value;
}
