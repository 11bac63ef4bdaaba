/**
 * Library callers can hand us anything: values that YAML or JSON cannot hold (functions,
 * symbols, bigints, undefined, NaN, class instances such as Map or Date, cycles) are reported
 * here, before the schema, which would read a Map as an empty mapping.
 */
import { pointerToPath, type Issue, type SourceMap } from '../issues.js';
import { sourceFor } from './source.js';

const MAX_DEPTH = 256;

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === null || proto === Object.prototype;
}

function what(v: unknown): string | undefined {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(v) ? undefined : `the number ${String(v)}`;
    case 'object':
      if (v === null || Array.isArray(v) || isPlainObject(v)) return undefined;
      return `an instance of ${(v as { constructor?: { name?: string } }).constructor?.name || 'a class'}`;
    case 'undefined':
      return 'undefined';
    default:
      return `a ${typeof v}`;
  }
}

/** Issues for every non-JSON value in `root` (at most 20). */
export function jsonValueIssues(root: unknown, sourceMap: SourceMap | undefined): Issue[] {
  const out: Issue[] = [];
  const onPath = new Set<object>();
  const report = (pointer: string, message: string): void => {
    const source = sourceFor(sourceMap, pointer);
    out.push({ severity: 'error', code: 'invalid-value', path: pointerToPath(pointer), message, ...(source ? { source } : {}) });
  };
  const visit = (v: unknown, pointer: string, depth: number): void => {
    if (out.length >= 20) return;
    const bad = what(v);
    if (bad) return report(pointer, `${bad} is not a YAML/JSON value`);
    if (typeof v !== 'object' || v === null) return;
    if (depth > MAX_DEPTH) return report(pointer, `the value nests deeper than ${MAX_DEPTH} levels`);
    if (onPath.has(v)) return report(pointer, 'the value contains itself (a cycle)');
    onPath.add(v);
    if (Array.isArray(v)) v.forEach((item, i) => visit(item, `${pointer}/${i}`, depth + 1));
    else {
      for (const k of Object.keys(v)) {
        const child = (v as Record<string, unknown>)[k];
        // A property set to undefined is an absent property (as in JSON.stringify).
        if (child !== undefined) visit(child, `${pointer}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`, depth + 1);
      }
    }
    onPath.delete(v);
  };
  visit(root, '', 0);
  return out;
}
