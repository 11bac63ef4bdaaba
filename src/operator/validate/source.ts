/** Locating issues in the sources and putting them in a stable order. */
import type { Issue, SourceMap, SourcePosition } from '../issues.js';

/** The position of `pointer`, or of its nearest ancestor the SourceMap knows. */
export function sourceFor(sourceMap: SourceMap | undefined, pointer: string): SourcePosition | undefined {
  if (!sourceMap) return undefined;
  let p = pointer;
  while (true) {
    const pos = sourceMap.get(p);
    if (pos) return pos;
    if (p === '') return undefined;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}

/** Drops exact repeats and sorts by file, line, column, then path and code. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const seen = new Set<string>();
  const unique: Issue[] = [];
  for (const i of issues) {
    const k = `${i.severity}\u0000${i.code}\u0000${i.path}\u0000${i.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    unique.push(i);
  }
  const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return unique.sort((a, b) => {
    if (a.source && !b.source) return -1;
    if (!a.source && b.source) return 1;
    if (a.source && b.source) {
      const c = cmp(a.source.file, b.source.file) || a.source.line - b.source.line || a.source.column - b.source.column;
      if (c) return c;
    }
    return cmp(a.path, b.path) || cmp(a.code, b.code) || cmp(a.message, b.message);
  });
}
