/**
 * Overlaying one IstioOperator layer on another (facts §2.3): a pure function of two trees and
 * their provenance, giving a new tree (inputs are never changed) and its provenance. Problems a
 * layer can have at this stage (a gateway entry without a name) are reported as Issues; the
 * merge still completes so every problem is found in one run.
 */
import { pointerToPath, type Issue } from '../issues.js';
import { kid, setKid, type Prov } from './provenance.js';
import { listRule, replacesMap, type ListRule } from './rules.js';
import { deepCopy, isMap, newMap, pointerSegment, scalarText, type TreeMap } from './tree.js';

export interface Layer {
  readonly value: unknown;
  readonly prov: Prov;
}

export interface MergeResult extends Layer {
  readonly issues: Issue[];
}

/** Overlays `top` on `bottom` (either may be any JSON value; roots are normally maps). */
export function mergeLayers(bottom: Layer, top: Layer): MergeResult {
  const m = new Merger();
  const { value, prov } = m.node(bottom.value, bottom.prov, top.value, top.prov, [], '');
  return { value, prov: prov ?? {}, issues: m.issues };
}

class Merger {
  readonly issues: Issue[] = [];

  /** Merges `o` over `b` at `path` (keys from the root, `*` for list items) / `pointer` (of the overlay, for messages). */
  node(b: unknown, bp: Prov | undefined, o: unknown, op: Prov | undefined, path: string[], pointer: string): { value: unknown; prov: Prov | undefined } {
    if (isMap(o)) {
      const base = isMap(b) && !replacesMap(path) ? b : undefined;
      return this.map(base, base ? bp : undefined, o, op, path, pointer);
    }
    if (Array.isArray(o)) {
      if (Array.isArray(b)) {
        const rule = listRule(path);
        if (rule.kind !== 'replace') return this.list(rule, b, bp, o, op, path, pointer);
      }
      return this.freshList(o, op, path, pointer);
    }
    return { value: o, prov: op ? { pos: op.pos } : undefined };
  }

  /** Deep map merge: keys of `o` override keys of `b`; a `null` value deletes the key. */
  private map(b: TreeMap | undefined, bp: Prov | undefined, o: TreeMap, op: Prov | undefined, path: string[], pointer: string) {
    const out = newMap();
    const prov: Prov = { pos: op?.pos ?? bp?.pos };
    if (b) {
      for (const k of Object.keys(b)) {
        // Keys the overlay also writes are merged below; copying them here keeps base order.
        const ov = Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;
        out[k] = ov === null || ov === undefined ? deepCopy(b[k]) : undefined;
        setKid(prov, k, kid(bp, k));
      }
    }
    for (const k of Object.keys(o)) {
      const ov = o[k];
      if (ov === null || ov === undefined) {
        delete out[k];
        setKid(prov, k, undefined);
        continue;
      }
      const has = b !== undefined && Object.prototype.hasOwnProperty.call(b, k);
      const r = this.node(has ? b[k] : undefined, has ? kid(bp, k) : undefined, ov, kid(op, k), [...path, k], `${pointer}/${pointerSegment(k)}`);
      out[k] = r.value;
      setKid(prov, k, r.prov);
    }
    return { value: out, prov };
  }

  /** A list that replaces whatever was below it; list items are taken verbatim, except that
   *  keyed lists still check each entry has its key. */
  private freshList(o: unknown[], op: Prov | undefined, path: string[], pointer: string) {
    const rule = listRule(path);
    if (rule.kind === 'key') return this.list(rule, [], undefined, o, op, path, pointer);
    if (rule.kind === 'union') return this.list(rule, [], undefined, o, op, path, pointer);
    return { value: deepCopy(o), prov: op };
  }

  private list(rule: ListRule, b: unknown[], bp: Prov | undefined, o: unknown[], op: Prov | undefined, path: string[], pointer: string) {
    const out: unknown[] = b.map(deepCopy);
    const prov: Prov = { pos: op?.pos ?? bp?.pos };
    b.forEach((_, i) => setKid(prov, String(i), kid(bp, String(i))));
    if (rule.kind === 'union') {
      const seen = new Set(out.map((v) => JSON.stringify(v)));
      o.forEach((item, i) => {
        const j = JSON.stringify(item);
        if (seen.has(j)) return;
        seen.add(j);
        setKid(prov, String(out.length), kid(op, String(i)));
        out.push(deepCopy(item));
      });
      return { value: out, prov };
    }
    if (rule.kind !== 'key') return { value: deepCopy(o), prov: op };
    const key = rule.key;
    const itemPath = [...path, '*'];
    /** Which output index each key value landed at, from this overlay. */
    const fromOverlay = new Map<string, number>();
    o.forEach((item, i) => {
      const ip = kid(op, String(i));
      const itemPointer = `${pointer}/${i}`;
      const name = isMap(item) ? scalarText(item[key]) : undefined;
      if (name === undefined) {
        this.issues.push({
          severity: 'error',
          code: 'missing-merge-key',
          path: pointerToPath(itemPointer),
          message: isMap(item)
            ? `this entry has no "${key}"; entries of ${pointerToPath(pointer)} are merged with the layers below by "${key}", so each needs one`
            : `expected a map with a "${key}", got ${item === null ? 'null' : Array.isArray(item) ? 'a list' : `the ${typeof item} ${JSON.stringify(item)}`}`,
          ...(ip?.pos ? { source: ip.pos } : {}),
        });
        setKid(prov, String(out.length), ip);
        out.push(isMap(item) ? this.map(undefined, undefined, item, ip, itemPath, itemPointer).value : deepCopy(item));
        return;
      }
      let at = out.findIndex((e) => isMap(e) && scalarText(e[key]) === name);
      if (fromOverlay.has(name)) {
        this.issues.push({
          severity: 'warning',
          code: 'duplicate-merge-key',
          path: pointerToPath(itemPointer),
          message: `a second entry with ${key} ${JSON.stringify(name)} in the same list; it is merged into the first`,
          ...(ip?.pos ? { source: ip.pos } : {}),
        });
        at = fromOverlay.get(name) as number;
      }
      const r = this.node(at >= 0 ? out[at] : undefined, at >= 0 ? kid(prov, String(at)) : undefined, item, ip, itemPath, itemPointer);
      if (at < 0) at = out.length;
      out[at] = r.value;
      setKid(prov, String(at), r.prov);
      fromOverlay.set(name, at);
    });
    return { value: out, prov };
  }
}
