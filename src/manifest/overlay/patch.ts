/**
 * One `k8s.overlays[].patches[]` entry applied to one object tree (facts §3.5), with the path
 * already parsed by the --set parser (src/operator/compose/set-path.ts):
 * - `value` given: the node at the path is set (a map key added or replaced, a list entry
 *   replaced); missing intermediate maps are created, and a missing list when the next element
 *   is an index; `[N]` with N >= the list's length, or `[-1]`, appends;
 * - `value` absent: the node is deleted (a map key, or a list entry); every element of the path
 *   must then exist;
 * - `[key:value]` picks the first map entry of a list whose `key` prints as `value` (Go's
 *   fmt.Sprint of a scalar), `[value]` the first scalar entry equal to `value` (an exact match,
 *   not istioctl's unanchored regular expression, so `[30m]` cannot hit `130m`);
 * - a patch that fails changes nothing (a dry run goes first) and returns what was available
 *   where the path stopped matching.
 * Writes use own data properties (`Object.defineProperty`), reads only own properties, and
 * created maps have a null prototype: keys such as `__proto__` are data.
 */
import { closestKey } from '../../operator/suggest.js';
import { formatSetPath, type SetSegment } from '../../operator/compose/set-path.js';
import { isMap, kindOf, newMap, scalarText, type TreeMap } from '../../operator/compose/tree.js';

/** Marks a patch without `value`: delete the node. */
export const DELETE: unique symbol = Symbol('delete');

export type PatchOp = { readonly value: unknown } | typeof DELETE;

export type PatchFailure = {
  readonly code: 'overlay-path-not-found' | 'overlay-type-conflict';
  /** The segment where the path stopped matching (its column is in the patch's path text). */
  readonly segment: SetSegment;
  readonly message: string;
  readonly suggestion?: string;
};

/** Longest list of available keys or entries quoted in a message. */
const MAX_LISTED = 25;

/**
 * Applies `op` at `path` in `root`. `fresh(existing)` gives a new copy of the value for each
 * write (so objects never share nodes with the overlay or with each other), knowing the node it
 * replaces (undefined when new). Returns undefined on success.
 */
export function applyPatch(root: TreeMap, path: readonly SetSegment[], op: PatchOp, fresh: (existing: unknown) => unknown): PatchFailure | undefined {
  const dry = walk(root, path, op, undefined, true);
  if (dry) return dry;
  return walk(root, path, op, fresh, false);
}

function walk(root: TreeMap, path: readonly SetSegment[], op: PatchOp, fresh: ((existing: unknown) => unknown) | undefined, dry: boolean): PatchFailure | undefined {
  let cur: unknown = root;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i] as SetSegment;
    const next = path[i + 1];
    const here = formatSetPath(path.slice(0, i));
    const where = here === '' ? 'the object' : here;
    const conflict = (message: string, suggestion?: string): PatchFailure => ({ code: 'overlay-type-conflict', segment: seg, message, ...(suggestion ? { suggestion } : {}) });
    const missing = (message: string, suggestion?: string): PatchFailure => ({ code: 'overlay-path-not-found', segment: seg, message, ...(suggestion ? { suggestion } : {}) });

    if (seg.kind === 'key') {
      if (!isMap(cur)) {
        return conflict(
          `${where} is ${article(kindOf(cur))}, not a map, so it has no field ${JSON.stringify(seg.key)}`,
          Array.isArray(cur) ? 'select a list entry first with [N], [key:value] or [value]' : undefined,
        );
      }
      const map = cur;
      const exists = Object.prototype.hasOwnProperty.call(map, seg.key);
      if (next === undefined) {
        if (op === DELETE) {
          if (!exists) return noKey(seg, where, map, missing);
          if (!dry) delete map[seg.key];
        } else if (!dry) define(map, seg.key, (fresh as (existing: unknown) => unknown)(exists ? map[seg.key] : undefined));
        return undefined;
      }
      let child = exists ? map[seg.key] : undefined;
      if (child === undefined || child === null) {
        if (op === DELETE) return exists ? missing(`${where}.${keyText(seg.key)} is null; there is nothing to delete below it`) : noKey(seg, where, map, missing);
        const made = create(next);
        if (made === undefined) return missing(`${where} has no field ${JSON.stringify(seg.key)}, so there is no list to select ${selectorText(next)} from`, suggestKey(seg.key, map));
        child = made;
        if (!dry) define(map, seg.key, child);
      }
      cur = child;
      continue;
    }

    if (!Array.isArray(cur)) {
      return conflict(
        `${where} is ${article(kindOf(cur))}, not a list, so the selector ${selectorText(seg)} cannot be used`,
        isMap(cur) ? `use a field name; the fields here are ${listed(Object.keys(cur).map((k) => JSON.stringify(k)))}` : undefined,
      );
    }
    const list: unknown[] = cur;
    let slot: number;
    if (seg.kind === 'index') {
      const append = seg.index === -1 || seg.index >= list.length;
      if (append && op === DELETE) {
        return missing(`${where} has ${count(list.length)}, so there is no entry ${selectorText(seg)} to delete`, list.length > 0 ? `the last entry is [${list.length - 1}]` : undefined);
      }
      slot = append ? list.length : seg.index;
    } else if (seg.kind === 'match') {
      slot = list.findIndex((e) => isMap(e) && Object.prototype.hasOwnProperty.call(e, seg.key) && scalarText(e[seg.key]) === seg.value);
      if (slot < 0) return noEntry(seg, where, list, missing);
    } else {
      if (next !== undefined) return conflict(`the selector ${selectorText(seg)} picks a scalar list entry, so it must end the path`);
      slot = list.findIndex((e) => scalarText(e) === seg.value);
      if (slot < 0) return noScalar(seg, where, list, missing);
    }

    if (next === undefined) {
      if (!dry) {
        if (op === DELETE) list.splice(slot, 1);
        else list[slot] = (fresh as (existing: unknown) => unknown)(list[slot]);
      }
      return undefined;
    }
    let child = slot < list.length ? list[slot] : undefined;
    if (child === undefined || child === null) {
      if (op === DELETE) return missing(`${where}${selectorText(seg)} is null; there is nothing to delete below it`);
      const made = create(next);
      if (made === undefined) return missing(`${where}${selectorText(seg)} is empty, so there is no list to select ${selectorText(next)} from`);
      child = made;
      if (!dry) list[slot] = child;
    }
    cur = child;
  }
  return undefined;
}

/** The node a missing path element becomes, as the next element needs it. */
function create(next: SetSegment): unknown {
  if (next.kind === 'key') return newMap();
  if (next.kind === 'index') return [];
  return undefined;
}

/** Sets an own, enumerable data property (never a prototype setter such as `__proto__`). */
function define(map: TreeMap, key: string, value: unknown): void {
  Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
}

type Missing = (message: string, suggestion?: string) => PatchFailure;

function noKey(seg: SetSegment & { kind: 'key' }, where: string, map: TreeMap, missing: Missing): PatchFailure {
  const keys = Object.keys(map);
  return missing(
    `${where} has no field ${JSON.stringify(seg.key)} (${keys.length ? `fields: ${listed(keys.map((k) => JSON.stringify(k)))}` : 'it is an empty map'})`,
    suggestKey(seg.key, map),
  );
}

function suggestKey(key: string, map: TreeMap): string | undefined {
  const near = closestKey(key, Object.keys(map));
  return near === undefined ? undefined : `did you mean ${JSON.stringify(near)}?`;
}

function noEntry(seg: SetSegment & { kind: 'match' }, where: string, list: readonly unknown[], missing: Missing): PatchFailure {
  const values = list.map((e) => (isMap(e) && Object.prototype.hasOwnProperty.call(e, seg.key) ? scalarText(e[seg.key]) : undefined)).filter((v): v is string => v !== undefined);
  if (values.length > 0) {
    const near = closestKey(seg.value, values);
    return missing(
      `${where} has no entry with ${seg.key} ${JSON.stringify(seg.value)} (entries: ${listed(values.map((v) => `${seg.key} ${JSON.stringify(v)}`))})`,
      near === undefined ? undefined : `did you mean ${selectorText({ ...seg, value: near })}?`,
    );
  }
  if (list.length === 0) return missing(`${where} is an empty list, so no entry has ${seg.key} ${JSON.stringify(seg.value)}`, 'append with [-1]');
  const fields = [...new Set(list.flatMap((e) => (isMap(e) ? Object.keys(e).filter((k) => scalarText(e[k]) !== undefined) : [])))];
  const near = closestKey(seg.key, fields);
  return missing(
    `no entry of ${where} has a field ${JSON.stringify(seg.key)}` + (fields.length ? ` (the entries' scalar fields: ${listed(fields.map((f) => JSON.stringify(f)))})` : ` (it holds ${count(list.length)}, none a map with scalar fields)`),
    near === undefined ? undefined : `did you mean ${selectorText({ ...seg, key: near })}?`,
  );
}

function noScalar(seg: SetSegment & { kind: 'value' }, where: string, list: readonly unknown[], missing: Missing): PatchFailure {
  const values = list.map(scalarText).filter((v): v is string => v !== undefined);
  const near = closestKey(seg.value, values);
  return missing(
    `${where} has no entry equal to ${JSON.stringify(seg.value)}` + (values.length ? ` (entries: ${listed(values.map((v) => JSON.stringify(v)))})` : list.length ? ' (it has no scalar entries; select maps with [key:value])' : ' (it is an empty list)'),
    near === undefined ? undefined : `did you mean ${selectorText({ ...seg, value: near })}?`,
  );
}

function listed(items: readonly string[]): string {
  if (items.length <= MAX_LISTED) return items.join(', ');
  return `${items.slice(0, MAX_LISTED).join(', ')} and ${items.length - MAX_LISTED} more`;
}

function count(n: number): string {
  return `${n} ${n === 1 ? 'entry' : 'entries'}`;
}

export function selectorText(seg: SetSegment): string {
  return formatSetPath([{ kind: 'key', key: '', column: 0 }, seg]);
}

function keyText(key: string): string {
  return formatSetPath([{ kind: 'key', key, column: 0 }]);
}

function article(kind: string): string {
  if (kind === 'null') return 'null';
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
