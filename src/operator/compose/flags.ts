/**
 * `profile dump -o flags`: a tree as `--set` flags, one per leaf (`path=value`), in key order.
 * Scalars print as their text, empty maps and lists as `{}` / `[]`, list entries by index.
 * Feeding the lines back as `--set` rebuilds the tree wherever the schema types the leaves.
 */
import { formatSetPath, type SetSegment } from './set-path.js';
import { isMap } from './tree.js';

export function flattenToSetFlags(value: unknown, prefix: readonly SetSegment[] = []): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: SetSegment[]): void => {
    if (Array.isArray(v)) {
      if (v.length === 0) out.push(line(path, '[]'));
      v.forEach((item, i) => walk(item, [...path, { kind: 'index', index: i, column: 0 }]));
      return;
    }
    if (isMap(v)) {
      const keys = Object.keys(v).sort();
      if (keys.length === 0) out.push(line(path, '{}'));
      for (const k of keys) walk(v[k], [...path, { kind: 'key', key: k, column: 0 }]);
      return;
    }
    out.push(line(path, v === null || v === undefined ? 'null' : String(v)));
  };
  walk(value, [...prefix]);
  return out;
}

function line(path: readonly SetSegment[], text: string): string {
  return `${formatSetPath(path)}=${text}`;
}
