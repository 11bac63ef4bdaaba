/**
 * Provenance: where each node of a composed document was last written. Composition carries a
 * tree parallel to the value (`Prov`), because merging by name and `--set` move nodes to new
 * list indices; the flat `SourceMap` of JSON pointers is produced once at the end.
 */
import type { SourceMap, SourcePosition } from '../issues.js';
import { isMap, pointerSegment } from './tree.js';

export interface Prov {
  pos?: SourcePosition;
  /** Children by map key or list index (as a decimal string). */
  kids?: Map<string, Prov>;
}

export function kid(p: Prov | undefined, key: string): Prov | undefined {
  return p?.kids?.get(key);
}

export function setKid(p: Prov, key: string, child: Prov | undefined): void {
  if (!child) {
    p.kids?.delete(key);
    return;
  }
  (p.kids ??= new Map()).set(key, child);
}

/** Splits a SourceMap (JSON pointer -> position) into a provenance tree. */
export function provFromSourceMap(map: SourceMap): Prov {
  const root: Prov = {};
  for (const [pointer, pos] of map) {
    let node = root;
    if (pointer !== '') {
      for (const raw of pointer.slice(1).split('/')) {
        const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        const kids = (node.kids ??= new Map());
        let next = kids.get(seg);
        if (!next) {
          next = {};
          kids.set(seg, next);
        }
        node = next;
      }
    }
    node.pos = pos;
  }
  return root;
}

/** Every node of `value` written at `pos` (a `--set` value). */
export function provUniform(value: unknown, pos: SourcePosition): Prov {
  const p: Prov = { pos };
  if (Array.isArray(value)) value.forEach((v, i) => setKid(p, String(i), provUniform(v, pos)));
  else if (isMap(value)) for (const k of Object.keys(value)) setKid(p, k, provUniform(value[k], pos));
  return p;
}

/**
 * The flat SourceMap of a composed value: only pointers that exist in `value` are listed, so a
 * stale position (a deleted key, a replaced list's old items) never leaks.
 */
export function provToSourceMap(value: unknown, prov: Prov | undefined): Map<string, SourcePosition> {
  const out = new Map<string, SourcePosition>();
  const walk = (v: unknown, p: Prov | undefined, pointer: string, inherited: SourcePosition | undefined): void => {
    const pos = p?.pos ?? inherited;
    if (pos) out.set(pointer, pos);
    if (Array.isArray(v)) v.forEach((item, i) => walk(item, kid(p, String(i)), `${pointer}/${i}`, pos));
    else if (isMap(v)) for (const k of Object.keys(v)) walk(v[k], kid(p, k), `${pointer}/${pointerSegment(k)}`, pos);
  };
  walk(value, prov, '', undefined);
  return out;
}
