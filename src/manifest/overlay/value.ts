/**
 * The value a patch writes. Decision (istioctl compatible, facts §3.5): a string that holds a
 * YAML (or JSON) mapping — it contains `: ` or a line break, and parses to a non-empty map —
 * is written as that map, so
 *   value: |
 *     fieldRef:
 *       fieldPath: metadata.namespace
 * sets `valueFrom` to a map, not to a string. Every other value is written as given. Strings
 * that are YAML lists or scalars stay strings. Unlike istioctl, a string replacing a string
 * stays a string (the caller passes the value unconverted then), so a ConfigMap's `data.mesh`
 * (YAML kept as text) can be patched with a block of YAML text. Parsing is YAML 1.1 as kubectl reads manifests
 * (timestamps stay strings), without aliases, with unique keys; a string that fails to parse
 * stays a string.
 *
 * `copyValue` gives a fresh deep copy with null-prototype maps for every write, so a key such as
 * `__proto__` in a value is data, and patched objects never share nodes.
 */
import { parse } from 'yaml';
import { deepCopy, isMap, jsonLike } from '../../operator/compose/tree.js';
import { goYamlTags } from '../../operator/yaml-text.js';

export function patchValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (!value.includes(': ') && !value.includes('\n')) return value;
  let parsed: unknown;
  try {
    parsed = parse(value, { version: '1.1', uniqueKeys: true, maxAliasCount: 0, logLevel: 'error', customTags: goYamlTags });
  } catch {
    return value;
  }
  if (!isMap(parsed) || Object.getPrototypeOf(parsed) !== Object.prototype || Object.keys(parsed).length === 0) return value;
  if (!jsonLike(parsed, 0)) return value;
  return parsed;
}

/** A deep copy with null-prototype maps; own enumerable keys only, data properties only. */
export const copyValue = deepCopy;

