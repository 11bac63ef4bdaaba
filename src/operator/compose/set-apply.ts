/**
 * Applying one parsed `--set` flag to a composed document (in place for the value, copy-on-write
 * for the provenance, which may be shared with cached profiles). The value's type comes from
 * the schema at the path (coerce.ts). Missing maps are created; a missing list is created when
 * the next element is `[0]` or `[-1]`; a scalar is never turned into a map or appended to a
 * list. A flag that fails changes nothing.
 */
import { pointerToPath, type Issue } from '../issues.js';
import { coerceSetValue } from './coerce.js';
import { kid, provUniform, setKid, type Prov } from './provenance.js';
import type { SchemaIndex } from './schema.js';
import { formatSetPath, setPosition, type SetFlag, type SetSegment } from './set-path.js';
import { isMap, kindOf, newMap, pointerSegment, scalarText, type TreeMap } from './tree.js';

export interface SetTarget {
  /** The document root (apiVersion, kind, metadata, spec). */
  value: TreeMap;
  prov: Prov;
}

/** Applies `flag` to `target`; returns the issue that stopped it, if any. */
export function applySetFlag(target: SetTarget, flag: SetFlag, schema: SchemaIndex | undefined): Issue | undefined {
  const schemaPath: (string | null)[] = ['spec', ...flag.path.map((s) => (s.kind === 'key' ? s.key : null))];
  const types = schema ? schema.typesAt(schemaPath) : 'any';
  const coerced = coerceSetValue(flag.value, types);
  const shown = `spec.${formatSetPath(flag.path)}`;
  if (!coerced.ok) {
    return {
      severity: 'error',
      code: 'invalid-set-value',
      path: shown,
      message: `--set ${JSON.stringify(flag.text)}: ${JSON.stringify(flag.value)} cannot be used here; expected ${coerced.expected}`,
      source: setPosition(flag.line, flag.valueColumn),
    };
  }
  const dry = walk(target, flag, coerced.value, true);
  if (dry) return dry;
  return walk(target, flag, coerced.value, false);
}

/** One pass over the path; with `dry` nothing is changed (created nodes stay detached). */
function walk(target: SetTarget, flag: SetFlag, value: unknown, dry: boolean): Issue | undefined {
  const pos = setPosition(flag.line, flag.valueColumn);
  const pointer: string[] = ['spec'];
  const fail = (seg: SetSegment, code: string, message: string): Issue => ({
    severity: 'error',
    code,
    path: pointerToPath(`/${pointer.map(pointerSegment).join('/')}`),
    message: `--set ${JSON.stringify(flag.text)}: ${message}`,
    source: setPosition(flag.line, seg.column),
  });

  let rootProv = target.prov;
  if (!dry) {
    rootProv = cloneProv(target.prov);
    target.prov = rootProv;
  }
  let cur: unknown = target.value['spec'];
  let curProv: Prov | undefined = kid(rootProv, 'spec');
  if (!isMap(cur)) {
    cur = newMap();
    curProv = { pos };
    if (!dry) {
      target.value['spec'] = cur;
      setKid(rootProv, 'spec', curProv);
    }
  } else if (!dry) {
    curProv = cloneProv(curProv);
    setKid(rootProv, 'spec', curProv);
  }

  for (let i = 0; i < flag.path.length; i++) {
    const seg = flag.path[i] as SetSegment;
    const next = flag.path[i + 1];
    const last = next === undefined;
    let slot: string | number;
    if (seg.kind === 'key') {
      if (!isMap(cur)) return fail(seg, 'set-type-conflict', `cannot set the field ${JSON.stringify(seg.key)}: the value here is ${article(kindOf(cur))}, not a map`);
      slot = seg.key;
    } else {
      if (!Array.isArray(cur)) return fail(seg, 'set-type-conflict', `cannot use the selector ${selectorText(seg)}: the value here is ${article(kindOf(cur))}, not a list`);
      const list: unknown[] = cur;
      if (seg.kind === 'index') {
        if (seg.index > list.length) {
          return fail(seg, 'set-index-out-of-range', `index ${seg.index} is out of range: the list has ${list.length} ${list.length === 1 ? 'entry' : 'entries'} (use ${list.length} or -1 to append)`);
        }
        slot = seg.index === -1 ? list.length : seg.index;
      } else if (seg.kind === 'match') {
        slot = list.findIndex((e) => isMap(e) && scalarText(e[seg.key]) === seg.value);
        if (slot < 0) {
          const names = list.map((e) => (isMap(e) ? scalarText(e[seg.key]) : undefined)).filter((x): x is string => x !== undefined);
          return fail(
            seg,
            'set-no-match',
            `no entry with ${seg.key} ${JSON.stringify(seg.value)} in this list` + (names.length ? ` (entries: ${names.map((n) => JSON.stringify(n)).join(', ')})` : ' (it has no entries with that field)'),
          );
        }
      } else {
        if (!last) return fail(seg, 'invalid-set-flag', `the selector ${selectorText(seg)} picks a scalar list entry, so it must end the path`);
        slot = list.findIndex((e) => scalarText(e) === seg.value);
        if (slot < 0) return fail(seg, 'set-no-match', `no entry equal to ${JSON.stringify(seg.value)} in this list`);
      }
    }
    pointer.push(String(slot));
    const container = cur as TreeMap | unknown[];

    if (last) {
      if (!dry) {
        (container as Record<string, unknown>)[slot as string] = value;
        setKid(curProv as Prov, String(slot), provUniform(value, pos));
      }
      return undefined;
    }

    let child: unknown = Array.isArray(container) ? container[slot as number] : Object.prototype.hasOwnProperty.call(container, slot) ? container[slot as string] : undefined;
    let childProv: Prov | undefined;
    if (child === undefined || child === null) {
      // Create the missing node as the next element needs it.
      if (next.kind === 'key') child = newMap();
      else if (next.kind === 'index') child = [];
      else {
        return fail(next, 'set-no-match', `there is no list here to select ${selectorText(next)} from`);
      }
      childProv = { pos };
      if (!dry) {
        (container as Record<string, unknown>)[slot as string] = child;
        setKid(curProv as Prov, String(slot), childProv);
      }
    } else if (!dry) {
      childProv = cloneProv(kid(curProv, String(slot)));
      setKid(curProv as Prov, String(slot), childProv);
    }
    cur = child;
    curProv = childProv;
  }
  return undefined;
}

function cloneProv(p: Prov | undefined): Prov {
  const out: Prov = {};
  if (p?.pos) out.pos = p.pos;
  if (p?.kids) out.kids = new Map(p.kids);
  return out;
}

function selectorText(seg: SetSegment): string {
  return formatSetPath([{ kind: 'key', key: '', column: 0 }, seg]);
}

function article(kind: string): string {
  if (kind === 'null') return 'null';
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}
