import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSetPath, parseSetPath, type SetSegment } from '../../../src/operator/compose/set-path.js';
import { applyOverlays, type OverlayContext } from '../../../src/manifest/overlay/index.js';

const CTX: OverlayContext = { component: 'Pilot', namespace: 'istio-system', revision: '' };

type Tree = null | boolean | number | string | Tree[] | { [k: string]: Tree };

const key = fc.oneof(fc.string({ minLength: 1, maxLength: 8 }), fc.constantFrom('a.b', 'x[0]', 'k\\v', '__proto__', 'constructor', 'name:x', 'a=b'));
const scalar = fc.oneof(fc.constant(null), fc.boolean(), fc.integer(), fc.string({ maxLength: 12 }));
const { tree } = fc.letrec<{ tree: Tree; map: Tree; list: Tree }>((tie) => ({
  tree: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
  map: fc.dictionary(key, tie('tree'), { maxKeys: 5 }).map(toData),
  list: fc.array(tie('tree'), { maxLength: 4 }),
}));
const spec = fc.dictionary(key, tree, { maxKeys: 5 }).map(toData);

/** JSON-like data as parsed YAML gives it: own data properties (a `__proto__` key included). */
function toData(entries: Record<string, Tree>): Tree {
  const out: Record<string, Tree> = {};
  for (const k of Object.keys(entries)) Object.defineProperty(out, k, { value: entries[k], writable: true, enumerable: true, configurable: true });
  return out;
}

/** Paths (as segments) of every map node in `t`, through map keys and list indices. */
function mapPaths(t: Tree, prefix: SetSegment[], out: SetSegment[][]): SetSegment[][] {
  if (Array.isArray(t)) t.forEach((e, i) => mapPaths(e, [...prefix, { kind: 'index', index: i, column: 0 }], out));
  else if (t !== null && typeof t === 'object') {
    out.push(prefix);
    for (const k of Object.keys(t)) mapPaths(t[k] as Tree, [...prefix, { kind: 'key', key: k, column: 0 }], out);
  }
  return out;
}

function at(t: Tree, path: readonly SetSegment[]): Record<string, Tree> {
  let cur: Tree = t;
  for (const s of path) cur = s.kind === 'key' ? (cur as Record<string, Tree>)[s.key]! : (cur as Tree[])[(s as { index: number }).index]!;
  return cur as Record<string, Tree>;
}

function object(specTree: Tree): Record<string, unknown> {
  return toData({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'istio-system' }, data: specTree }) as unknown as Record<string, unknown>;
}

describe('k8s.overlays properties', () => {
  it('setting a fresh key and then deleting it gives back the original object', () => {
    fc.assert(
      fc.property(spec, fc.nat(), key, fc.oneof(scalar, tree), (data, pick, fresh, value) => {
        const obj = object(data);
        const original = structuredClone(obj);
        const paths = mapPaths(obj as Tree, [], []).filter((p) => p.length > 0);
        const base = paths[pick % paths.length] as SetSegment[];
        const map = at(obj as Tree, base);
        let k = fresh;
        while (Object.prototype.hasOwnProperty.call(map, k)) k += '_';
        const text = formatSetPath([...base, { kind: 'key', key: k, column: 0 }]);
        const parsed = parseSetPath(text);
        expect(parsed.ok).toBe(true);
        const set = applyOverlays([{ object: obj, kind: 'ConfigMap', name: 'cm', namespace: 'istio-system' }], [{ kind: 'ConfigMap', name: 'cm', patches: [{ path: text, value: value ?? 0 }] }], CTX);
        expect(set.ok).toBe(true);
        expect(Object.prototype.hasOwnProperty.call(at(obj as Tree, base), k)).toBe(true);
        const del = applyOverlays([{ object: obj, kind: 'ConfigMap', name: 'cm', namespace: 'istio-system' }], [{ kind: 'ConfigMap', name: 'cm', patches: [{ path: text }] }], CTX);
        expect(del.ok).toBe(true);
        expect(obj).toEqual(original);
        expect(Object.keys(at(obj as Tree, base))).toEqual(Object.keys(at(original as Tree, base)));
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      { numRuns: 300 },
    );
  });

  it('a set writes a copy equal to the value (non-string values), reachable by the same path', () => {
    fc.assert(
      fc.property(spec, fc.array(key, { minLength: 1, maxLength: 4 }), fc.oneof(fc.integer(), fc.boolean(), tree.filter((t) => t !== null && typeof t === 'object')), (data, keys, value) => {
        const obj = object(data);
        const path: SetSegment[] = [{ kind: 'key', key: 'fresh', column: 0 }, ...keys.map((k) => ({ kind: 'key' as const, key: k, column: 0 }))];
        const r = applyOverlays([{ object: obj, kind: 'ConfigMap', name: 'cm' }], [{ kind: 'ConfigMap', name: 'cm', patches: [{ path: formatSetPath(path), value }] }], CTX);
        expect(r.ok).toBe(true);
        let cur: unknown = obj;
        for (const s of path) cur = (cur as Record<string, unknown>)[(s as { key: string }).key];
        expect(JSON.stringify(cur)).toBe(JSON.stringify(value));
        if (typeof value === 'object') expect(cur).not.toBe(value);
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on arbitrary path text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), fc.option(scalar, { nil: undefined }), (path, value) => {
        const obj = object({ a: [{ name: 'x', v: 1 }, 'y'], b: { c: 1 } });
        const r = applyOverlays([{ object: obj, kind: 'ConfigMap', name: 'cm' }], [{ kind: 'ConfigMap', name: 'cm', patches: [{ path, ...(value === undefined ? {} : { value }) }] }], CTX);
        if (!r.ok) for (const i of r.issues) expect(i.path).toMatch(/^spec\.components\.pilot\.k8s\.overlays\[0\]/);
        expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
      }),
      { numRuns: 500 },
    );
  });
});
