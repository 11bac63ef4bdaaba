/** Following references in the bundled schema. */
import { istioOperatorSchema, type SchemaNode } from '../../generated/istio-operator-schema.js';

/** Resolves an internal `#/definitions/Name` reference of the bundled schema. */
export function resolveRef(node: SchemaNode | undefined): SchemaNode | undefined {
  let cur = node;
  for (let i = 0; cur && i < 32; i++) {
    if (typeof cur.$ref === 'string') {
      const m = /^#\/definitions\/([^/]+)$/.exec(cur.$ref);
      const defs = istioOperatorSchema.definitions;
      cur = m && defs && Object.prototype.hasOwnProperty.call(defs, m[1] as string) ? defs[m[1] as string] : undefined;
    } else if (cur.allOf && cur.allOf.length === 1 && cur.type === undefined && !cur.properties) {
      // `{ description, allOf: [{ $ref }] }`: a reference with its own description.
      cur = cur.allOf[0];
    } else break;
  }
  return cur;
}

