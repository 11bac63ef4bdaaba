/** Test helper: visits every subschema of a schema document with its JSON pointer. */
import type { JsonSchema } from './load-schemas.js';

export interface Visit {
  readonly pointer: string;
  readonly node: JsonSchema;
  /** The key when the node is a member of `properties`, else undefined. */
  readonly propertyName?: string;
  /** Pointer of the object schema that holds the property. */
  readonly parentPointer?: string;
}

const escape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

function isSchema(v: unknown): v is JsonSchema {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function walk(root: JsonSchema, visit: (v: Visit) => void): void {
  const go = (node: JsonSchema, pointer: string, propertyName?: string, parentPointer?: string): void => {
    visit({ pointer, node, propertyName, parentPointer });
    for (const key of ['properties', 'definitions'] as const) {
      const members = node[key];
      if (isSchema(members)) {
        for (const [name, child] of Object.entries(members)) {
          if (isSchema(child)) {
            const p = `${pointer}/${key}/${escape(name)}`;
            if (key === 'properties') go(child, p, name, pointer);
            else go(child, p);
          }
        }
      }
    }
    for (const key of ['items', 'additionalProperties'] as const) {
      const child = node[key];
      if (isSchema(child)) go(child, `${pointer}/${key}`);
    }
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      const list = node[key];
      if (Array.isArray(list)) list.forEach((child, i) => isSchema(child) && go(child, `${pointer}/${key}/${i}`));
    }
  };
  go(root, '');
}
