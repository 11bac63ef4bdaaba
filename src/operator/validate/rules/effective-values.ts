/**
 * What the multicluster rules read: the values the istiod chart would get (translate's layering:
 * API fields, spec.values, unvalidatedValues, components.pilot.hub/tag), and where a value was
 * written, so an issue points at the line that set it.
 */
import { layeredValues } from '../../translate/values.js';
import { at, isObj, own, pointer, type Obj } from '../data.js';

const cache = new WeakMap<object, Obj>();

/** The layered values of the document (cached per document; never mutated by callers). */
export function effectiveValues(doc: unknown): Obj {
  if (!isObj(doc)) return Object.create(null) as Obj;
  const hit = cache.get(doc);
  if (hit !== undefined) return hit;
  const spec = own(doc, 'spec');
  const v = layeredValues({
    spec: isObj(spec) ? spec : (Object.create(null) as Obj),
    ownerName: undefined,
    revisionOverride: undefined,
    hubTag: { componentKey: 'pilot', root: ['pilot'] },
  });
  cache.set(doc, v);
  return v;
}

/** JSON pointer of values.<keys>: under spec.unvalidatedValues when set there (it wins), else spec.values. */
export function valuePointer(doc: unknown, ...keys: string[]): string {
  const root = at(doc, 'spec', 'unvalidatedValues', ...keys) !== undefined ? 'unvalidatedValues' : 'values';
  return pointer('spec', root, ...keys);
}

/** components.<key>.enabled is true. */
export function componentEnabled(doc: unknown, key: string): boolean {
  return at(doc, 'spec', 'components', key, 'enabled') === true;
}
