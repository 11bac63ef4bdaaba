/**
 * chartutil.Values (helm 4: common.Values): the type of the render context `.`, of `.Values`
 * and of `.Template`, with its methods YAML, Table, AsMap and PathValue.
 */
import { GoError } from '../gotemplate/errors.js';
import { quote } from '../gotemplate/strconv.js';
import type { Compat } from '../gotemplate/template.js';
import type { GoFuncSpec, GoTypeInfo, GoValue } from '../gotemplate/value.js';
import { typeInfoOf, withType } from '../gotemplate/value.js';
import { marshalYaml } from '../yaml/index.js';

export const CONTEXT_TYPE: Record<Compat, string> = { helm3: 'chartutil.Values', helm4: 'common.Values' };

const VALUES_TYPES: Record<Compat, GoTypeInfo> = {
  helm3: { name: CONTEXT_TYPE.helm3, kind: 'map', elem: 'interface {}', methods: valuesMethods('helm3') },
  helm4: { name: CONTEXT_TYPE.helm4, kind: 'map', elem: 'interface {}', methods: valuesMethods('helm4') },
};

/** chartutil.Values (helm 4: common.Values), the type of `.`, `.Values` and `.Template`. */
export function valuesType(compat: Compat): GoTypeInfo {
  return VALUES_TYPES[compat];
}

/** A plain `map[string]interface {}` (a "table" for Values.Table/PathValue). */
function isTable(v: GoValue | undefined): v is Map<string, GoValue> {
  return v instanceof Map && typeInfoOf(v).name === 'map[string]interface {}';
}

/**
 * The methods of chartutil.Values. Go looks methods up before map keys, so `.Values.YAML`
 * calls the method even when the values have a key `YAML` (measured).
 */
function valuesMethods(compat: Compat): Map<string, GoFuncSpec> {
  const table = (v: Map<string, GoValue>, name: string): Map<string, GoValue> => {
    let cur = v;
    for (const part of name.split('.')) {
      const next = cur.get(part);
      if (isTable(next) || (next instanceof Map && typeInfoOf(next).name === CONTEXT_TYPE[compat])) cur = next;
      else throw new GoError(`${quote(part)} is not a table`);
    }
    return cur;
  };
  const specs: GoFuncSpec[] = [
    {
      name: 'YAML',
      params: [],
      results: ['string'],
      returnsError: true,
      fn: (recv) => {
        try {
          return marshalYaml(recv);
        } catch (e) {
          throw new GoError(e instanceof Error ? e.message : String(e));
        }
      },
    },
    {
      name: 'Table',
      params: ['string'],
      results: [CONTEXT_TYPE[compat]],
      returnsError: true,
      fn: (recv, name) => {
        const t = table(recv as Map<string, GoValue>, name as string);
        // The result is typed Values; the map itself is shared, as in Go.
        return t === recv ? t : withType(new Map(t), valuesType(compat));
      },
    },
    {
      name: 'AsMap',
      params: [],
      results: ['map[string]interface {}'],
      fn: (recv) => new Map(recv as Map<string, GoValue>),
    },
    {
      name: 'PathValue',
      params: ['string'],
      results: ['interface {}'],
      returnsError: true,
      fn: (recv, pathV) => {
        const path = pathV as string;
        if (path === '') throw new GoError('YAML path cannot be empty');
        const parts = path.split('.');
        const key = parts[parts.length - 1];
        let t = recv as Map<string, GoValue>;
        if (parts.length > 1) {
          try {
            t = table(t, parts.slice(0, -1).join('.'));
          } catch {
            throw new GoError(`${quote(key)} is not a value`);
          }
        }
        const v = t.get(key);
        if (v !== undefined && !isTable(v)) return v;
        throw new GoError(`${quote(key)} is not a value`);
      },
    },
  ];
  return new Map(specs.map((s) => [s.name, s]));
}
